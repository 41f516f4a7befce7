/**
 * @module snmp/builtin-oids
 * OID names Vigil knows without MIB files: the standard MIBs network teams poll and the traps of the
 * vendors the parsers know. Data, not code: each row is a parent OID, the kind of its children
 * (`o` = objects and notifications that name a value, `n` = branches) and `name:subid` pairs.
 * Vendor rows cover the common notifications only; `vigil snmp mib import` adds the rest.
 */

/** [parent OID, kind, "name:subid …"] rows. */
export const BUILTIN_OID_ROWS: ReadonlyArray<readonly [string, 'o' | 'n', string]> = [
  // Roots.
  ['1.3.6.1', 'n', 'mgmt:2 experimental:3 private:4 snmpV2:6'],
  ['1.3.6.1.2', 'n', 'mib-2:1'],
  ['1.3.6.1.4', 'n', 'enterprises:1'],
  ['1.3.6.1.6.3', 'n', 'snmpModules:0'],
  ['1.3.6.1.2.1', 'n', 'system:1 interfaces:2 ip:4 snmp:11 ospf:14 bgp:15 host:25 ifMIB:31 entityMIB:47'],
  // SNMPv2-MIB.
  ['1.3.6.1.2.1.1', 'o', 'sysDescr:1 sysObjectID:2 sysUpTime:3 sysContact:4 sysName:5 sysLocation:6 sysServices:7 sysORLastChange:8'],
  ['1.3.6.1.6.3.1.1.4', 'o', 'snmpTrapOID:1 snmpTrapEnterprise:3'],
  ['1.3.6.1.6.3.1.1', 'n', 'snmpTrap:4 snmpTraps:5'],
  ['1.3.6.1.6.3.1.1.5', 'o', 'coldStart:1 warmStart:2 linkDown:3 linkUp:4 authenticationFailure:5 egpNeighborLoss:6'],
  ['1.3.6.1.6.3.18.1', 'o', 'snmpTrapAddress:3 snmpTrapCommunity:4'],
  // IF-MIB.
  ['1.3.6.1.2.1.2', 'o', 'ifNumber:1'],
  ['1.3.6.1.2.1.2', 'n', 'ifTable:2'],
  ['1.3.6.1.2.1.2.2', 'n', 'ifEntry:1'],
  ['1.3.6.1.2.1.2.2.1', 'o', 'ifIndex:1 ifDescr:2 ifType:3 ifMtu:4 ifSpeed:5 ifPhysAddress:6 ifAdminStatus:7 ifOperStatus:8 ifLastChange:9 ifInOctets:10 ifInUcastPkts:11 ifInNUcastPkts:12 ifInDiscards:13 ifInErrors:14 ifInUnknownProtos:15 ifOutOctets:16 ifOutUcastPkts:17 ifOutNUcastPkts:18 ifOutDiscards:19 ifOutErrors:20 ifOutQLen:21 ifSpecific:22'],
  ['1.3.6.1.2.1.31', 'n', 'ifMIBObjects:1'],
  ['1.3.6.1.2.1.31.1', 'n', 'ifXTable:1'],
  ['1.3.6.1.2.1.31.1.1', 'n', 'ifXEntry:1'],
  ['1.3.6.1.2.1.31.1.1.1', 'o', 'ifName:1 ifInMulticastPkts:2 ifInBroadcastPkts:3 ifOutMulticastPkts:4 ifOutBroadcastPkts:5 ifHCInOctets:6 ifHCInUcastPkts:7 ifHCInMulticastPkts:8 ifHCInBroadcastPkts:9 ifHCOutOctets:10 ifHCOutUcastPkts:11 ifHCOutMulticastPkts:12 ifHCOutBroadcastPkts:13 ifLinkUpDownTrapEnable:14 ifHighSpeed:15 ifPromiscuousMode:16 ifConnectorPresent:17 ifAlias:18 ifCounterDiscontinuityTime:19'],
  // HOST-RESOURCES-MIB.
  ['1.3.6.1.2.1.25', 'n', 'hrSystem:1 hrStorage:2 hrDevice:3 hrSWRun:4 hrSWRunPerf:5 hrSWInstalled:6'],
  ['1.3.6.1.2.1.25.1', 'o', 'hrSystemUptime:1 hrSystemDate:2 hrSystemInitialLoadDevice:3 hrSystemInitialLoadParameters:4 hrSystemNumUsers:5 hrSystemProcesses:6 hrSystemMaxProcesses:7'],
  ['1.3.6.1.2.1.25.2', 'o', 'hrMemorySize:2'],
  ['1.3.6.1.2.1.25.2', 'n', 'hrStorageTypes:1 hrStorageTable:3'],
  ['1.3.6.1.2.1.25.2.1', 'o', 'hrStorageOther:1 hrStorageRam:2 hrStorageVirtualMemory:3 hrStorageFixedDisk:4 hrStorageRemovableDisk:5 hrStorageFloppyDisk:6 hrStorageCompactDisc:7 hrStorageRamDisk:8 hrStorageFlashMemory:9 hrStorageNetworkDisk:10'],
  ['1.3.6.1.2.1.25.2.3', 'n', 'hrStorageEntry:1'],
  ['1.3.6.1.2.1.25.2.3.1', 'o', 'hrStorageIndex:1 hrStorageType:2 hrStorageDescr:3 hrStorageAllocationUnits:4 hrStorageSize:5 hrStorageUsed:6 hrStorageAllocationFailures:7'],
  ['1.3.6.1.2.1.25.3', 'n', 'hrDeviceTable:2 hrProcessorTable:3'],
  ['1.3.6.1.2.1.25.3.2', 'n', 'hrDeviceEntry:1'],
  ['1.3.6.1.2.1.25.3.2.1', 'o', 'hrDeviceIndex:1 hrDeviceType:2 hrDeviceDescr:3 hrDeviceID:4 hrDeviceStatus:5 hrDeviceErrors:6'],
  ['1.3.6.1.2.1.25.3.3', 'n', 'hrProcessorEntry:1'],
  ['1.3.6.1.2.1.25.3.3.1', 'o', 'hrProcessorFrwID:1 hrProcessorLoad:2'],
  ['1.3.6.1.2.1.25.4', 'o', 'hrSWOSIndex:1'],
  ['1.3.6.1.2.1.25.4', 'n', 'hrSWRunTable:2'],
  ['1.3.6.1.2.1.25.4.2', 'n', 'hrSWRunEntry:1'],
  ['1.3.6.1.2.1.25.4.2.1', 'o', 'hrSWRunIndex:1 hrSWRunName:2 hrSWRunID:3 hrSWRunPath:4 hrSWRunParameters:5 hrSWRunType:6 hrSWRunStatus:7'],
  // ENTITY-MIB.
  ['1.3.6.1.2.1.47', 'n', 'entityMIBObjects:1 entityMIBTraps:2'],
  ['1.3.6.1.2.1.47.1.1.1', 'n', 'entPhysicalEntry:1'],
  ['1.3.6.1.2.1.47.1.1.1.1', 'o', 'entPhysicalIndex:1 entPhysicalDescr:2 entPhysicalVendorType:3 entPhysicalContainedIn:4 entPhysicalClass:5 entPhysicalParentRelPos:6 entPhysicalName:7 entPhysicalHardwareRev:8 entPhysicalFirmwareRev:9 entPhysicalSoftwareRev:10 entPhysicalSerialNum:11 entPhysicalMfgName:12 entPhysicalModelName:13 entPhysicalAlias:14 entPhysicalAssetID:15 entPhysicalIsFRU:16'],
  ['1.3.6.1.2.1.47.1.4', 'o', 'entLastChangeTime:1'],
  ['1.3.6.1.2.1.47.2.0', 'o', 'entConfigChange:1'],
  // BGP4-MIB and OSPF-MIB notifications (routers of every vendor send them).
  ['1.3.6.1.2.1.15.0', 'o', 'bgpEstablishedNotification:1 bgpBackwardTransNotification:2'],
  ['1.3.6.1.2.1.15.7', 'o', 'bgpEstablished:1 bgpBackwardTransition:2'],
  ['1.3.6.1.2.1.15.3.1', 'o', 'bgpPeerIdentifier:1 bgpPeerState:2 bgpPeerAdminStatus:3 bgpPeerRemoteAddr:7 bgpPeerRemoteAs:9 bgpPeerLastError:14'],
  ['1.3.6.1.2.1.14.16.2', 'o', 'ospfVirtIfStateChange:1 ospfNbrStateChange:2 ospfVirtNbrStateChange:3 ospfIfConfigError:4 ospfIfAuthFailure:6 ospfIfStateChange:16'],
  // UCD-SNMP-MIB and NET-SNMP-AGENT-MIB (Linux hosts running net-snmp).
  ['1.3.6.1.4.1', 'n', 'cisco:9 ucdavis:2021 juniperMIB:2636 netSnmp:8072 fortinet:12356 paloaltoNetworks:25461'],
  ['1.3.6.1.4.1.2021', 'n', 'memory:4 dskTable:9 laTable:10 systemStats:11 ucdTraps:251'],
  ['1.3.6.1.4.1.2021.4', 'o', 'memIndex:1 memErrorName:2 memTotalSwap:3 memAvailSwap:4 memTotalReal:5 memAvailReal:6 memTotalFree:11 memMinimumSwap:12 memShared:13 memBuffer:14 memCached:15 memSwapError:100 memSwapErrorMsg:101'],
  ['1.3.6.1.4.1.2021.9', 'n', 'dskEntry:1'],
  ['1.3.6.1.4.1.2021.9.1', 'o', 'dskIndex:1 dskPath:2 dskDevice:3 dskMinimum:4 dskMinPercent:5 dskTotal:6 dskAvail:7 dskUsed:8 dskPercent:9 dskPercentNode:10'],
  ['1.3.6.1.4.1.2021.10', 'n', 'laEntry:1'],
  ['1.3.6.1.4.1.2021.10.1', 'o', 'laIndex:1 laNames:2 laLoad:3 laConfig:4 laLoadInt:5 laLoadFloat:6 laErrorFlag:100 laErrMessage:101'],
  ['1.3.6.1.4.1.2021.11', 'o', 'ssIndex:1 ssErrorName:2 ssSwapIn:3 ssSwapOut:4 ssIOSent:5 ssIOReceive:6 ssSysInterrupts:7 ssSysContext:8 ssCpuUser:9 ssCpuSystem:10 ssCpuIdle:11 ssCpuRawUser:50 ssCpuRawNice:51 ssCpuRawSystem:52 ssCpuRawIdle:53 ssCpuRawWait:54 ssCpuRawKernel:55 ssCpuRawInterrupt:56 ssIORawSent:57 ssIORawReceived:58 ssRawInterrupts:59 ssRawContexts:60 ssCpuRawSoftIRQ:61 ssRawSwapIn:62 ssRawSwapOut:63 ssCpuRawSteal:64 ssCpuRawGuest:65 ssCpuRawGuestNice:66 ssCpuNumCpus:67'],
  ['1.3.6.1.4.1.2021.251', 'o', 'ucdStart:1 ucdShutdown:2'],
  ['1.3.6.1.4.1.8072.4.0', 'o', 'nsNotifyStart:1 nsNotifyShutdown:2 nsNotifyRestart:3'],
  ['1.3.6.1.4.1.8072.3', 'n', 'netSnmpAgentOIDs:2'],
  ['1.3.6.1.4.1.8072.3.2', 'o', 'linux:10 freebsd:8 solaris:3 macosx:16 unknown:255'],
  // Cisco.
  ['1.3.6.1.4.1.9', 'n', 'ciscoMgmt:9'],
  ['1.3.6.1.4.1.9.9.13.3.0', 'o', 'ciscoEnvMonShutdownNotification:1 ciscoEnvMonVoltageNotification:2 ciscoEnvMonTemperatureNotification:3 ciscoEnvMonFanNotification:4 ciscoEnvMonRedundantSupplyNotification:5'],
  ['1.3.6.1.4.1.9.9.41.2.0', 'o', 'clogMessageGenerated:1'],
  ['1.3.6.1.4.1.9.9.41.1.2.3.1', 'o', 'clogHistFacility:2 clogHistSeverity:3 clogHistMsgName:4 clogHistMsgText:5 clogHistTimestamp:6'],
  ['1.3.6.1.4.1.9.9.43.2.0', 'o', 'ciscoConfigManEvent:1'],
  ['1.3.6.1.4.1.9.9.43.1.1.6.1', 'o', 'ccmHistoryEventCommandSource:3 ccmHistoryEventConfigSource:4 ccmHistoryEventConfigDestination:5'],
  ['1.3.6.1.4.1.9.9.106.2.0', 'o', 'cHsrpStateChange:1'],
  ['1.3.6.1.4.1.9.9.109.1.1.1.1', 'o', 'cpmCPUTotal5sec:3 cpmCPUTotal1min:4 cpmCPUTotal5min:5 cpmCPUTotal5secRev:6 cpmCPUTotal1minRev:7 cpmCPUTotal5minRev:8'],
  ['1.3.6.1.4.1.9.9.315.0.0', 'o', 'cpsSecureMacAddrViolation:1'],
  // Fortinet (FORTINET-CORE-MIB, FORTINET-FORTIGATE-MIB).
  ['1.3.6.1.4.1.12356', 'n', 'fnCoreMib:100 fnFortiGateMib:101'],
  ['1.3.6.1.4.1.12356.100.1.3.0', 'o', 'fnTrapCpuThreshold:101 fnTrapMemThreshold:103 fnTrapLogDiskThreshold:104 fnTrapTempHigh:105 fnTrapVoltageOutOfRange:106 fnTrapPowerSupplyFailure:107 fnTrapFanFailure:109 fnTrapIpChange:201 fnTrapTest:999'],
  ['1.3.6.1.4.1.12356.101.2.0', 'o', 'fgTrapVpnTunUp:301 fgTrapVpnTunDown:302 fgTrapHaSwitch:401 fgTrapHaStateChange:402 fgTrapHaHBFail:403 fgTrapHaMemberDown:404 fgTrapHaMemberUp:405 fgTrapIpsSignature:503 fgTrapIpsAnomaly:504 fgTrapAvVirus:601 fgTrapAvOversize:602'],
  // Juniper (JUNIPER-MIB chassis traps, JUNIPER-CFGMGMT-MIB).
  ['1.3.6.1.4.1.2636.4.1', 'o', 'jnxPowerSupplyFailure:1 jnxFanFailure:2 jnxOverTemperature:3 jnxRedundancySwitchover:4 jnxFruRemoval:5 jnxFruInsertion:6 jnxFruPowerOff:7 jnxFruPowerOn:8 jnxFruFailed:9 jnxFruOffline:10 jnxFruOnline:11 jnxFruCheck:12 jnxFEBSwitchover:13 jnxHardDiskFailed:14 jnxHardDiskMissing:15'],
  ['1.3.6.1.4.1.2636.4.2', 'o', 'jnxPowerSupplyOK:1 jnxFanOK:2 jnxTemperatureOK:3'],
  ['1.3.6.1.4.1.2636.4.5.0', 'o', 'jnxCmCfgChange:1 jnxCmRescueChange:2'],
  // Palo Alto Networks (PAN-COMMON-MIB / PAN-TRAPS roots; event names come from an imported PAN-TRAPS MIB).
  ['1.3.6.1.4.1.25461', 'n', 'panModules:1 panMibs:2'],
  ['1.3.6.1.4.1.25461.2.1', 'n', 'panCommonMib:2 panTrapsMib:3'],
  ['1.3.6.1.4.1.25461.2.1.2.1', 'o', 'panSysSwVersion:1 panSysHwVersion:2 panSysSerialNumber:3'],
  ['1.3.6.1.4.1.25461.2.1.2.3', 'o', 'panSessionUtilization:1 panSessionMax:2 panSessionActive:3'],
];
