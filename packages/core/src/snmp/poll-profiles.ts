/**
 * @module snmp/poll-profiles
 * What to poll, by profile: scalars (fetched with `.0`) and table columns (walked), named through
 * the OID table so the lists stay readable. Profiles build on each other; a device adds custom OIDs.
 */

/** One polling profile. */
export interface PollProfile {
  name: string;
  description: string;
  scalars: readonly string[];
  columns: readonly string[];
}

const SYSTEM = ['sysDescr', 'sysObjectID', 'sysUpTime', 'sysName', 'sysLocation', 'sysContact'];
const IF_COLUMNS = ['ifDescr', 'ifType', 'ifSpeed', 'ifAdminStatus', 'ifOperStatus', 'ifInOctets', 'ifOutOctets', 'ifInErrors', 'ifOutErrors', 'ifInDiscards', 'ifOutDiscards', 'ifName', 'ifAlias', 'ifHighSpeed', 'ifHCInOctets', 'ifHCOutOctets'];
const HR_STORAGE = ['hrStorageType', 'hrStorageDescr', 'hrStorageAllocationUnits', 'hrStorageSize', 'hrStorageUsed'];
const UCD_SCALARS = ['memTotalReal', 'memAvailReal', 'memBuffer', 'memCached', 'ssCpuRawUser', 'ssCpuRawNice', 'ssCpuRawSystem', 'ssCpuRawIdle', 'ssCpuRawWait', 'ssCpuRawInterrupt', 'ssCpuRawSoftIRQ', 'ssCpuRawSteal'];

/** The built-in profiles, by name. */
export const POLL_PROFILES: Readonly<Record<string, PollProfile>> = {
  system: { name: 'system', description: 'Identity and uptime (SNMPv2-MIB system group).', scalars: SYSTEM, columns: [] },
  interfaces: { name: 'interfaces', description: 'System plus every interface: traffic in bits/s, errors, discards, admin and oper status (IF-MIB).', scalars: SYSTEM, columns: IF_COLUMNS },
  network: { name: 'network', description: 'Interfaces plus CPU and memory of switches, routers and firewalls (HOST-RESOURCES-MIB, Cisco CPU).', scalars: SYSTEM, columns: [...IF_COLUMNS, 'hrProcessorLoad', ...HR_STORAGE, 'cpmCPUTotal1minRev'] },
  host: { name: 'host', description: 'Interfaces plus CPU, memory, storage and load of servers running an agent such as net-snmp (HOST-RESOURCES-MIB, UCD-SNMP-MIB).', scalars: [...SYSTEM, ...UCD_SCALARS], columns: [...IF_COLUMNS, 'hrProcessorLoad', ...HR_STORAGE, 'laLoad'] },
};

/** A profile by name. */
export function pollProfile(name: string): PollProfile | undefined {
  return Object.prototype.hasOwnProperty.call(POLL_PROFILES, name) ? POLL_PROFILES[name] : undefined;
}
