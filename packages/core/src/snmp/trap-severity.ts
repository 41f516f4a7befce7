/**
 * @module snmp/trap-severity
 * Severity of a trap by its name: data, so operators can read (and later override) the mapping.
 * Unknown traps are `low`: a device chose to tell us something, which is more than background noise.
 */
import type { Severity } from '@vigil/contracts';

/** Trap name -> severity. */
export const TRAP_SEVERITY: Readonly<Record<string, Severity>> = {
  coldStart: 'medium',
  warmStart: 'low',
  linkDown: 'high',
  linkUp: 'info',
  authenticationFailure: 'high',
  egpNeighborLoss: 'medium',
  bgpBackwardTransition: 'high',
  bgpBackwardTransNotification: 'high',
  bgpEstablished: 'info',
  bgpEstablishedNotification: 'info',
  ospfNbrStateChange: 'medium',
  ospfIfStateChange: 'medium',
  ospfIfAuthFailure: 'high',
  ospfIfConfigError: 'medium',
  entConfigChange: 'low',
  nsNotifyStart: 'low',
  nsNotifyShutdown: 'medium',
  nsNotifyRestart: 'low',
  ucdStart: 'low',
  ucdShutdown: 'medium',
  ciscoEnvMonShutdownNotification: 'critical',
  ciscoEnvMonVoltageNotification: 'high',
  ciscoEnvMonTemperatureNotification: 'high',
  ciscoEnvMonFanNotification: 'high',
  ciscoEnvMonRedundantSupplyNotification: 'high',
  ciscoConfigManEvent: 'low',
  cHsrpStateChange: 'medium',
  cpsSecureMacAddrViolation: 'high',
  fnTrapCpuThreshold: 'medium',
  fnTrapMemThreshold: 'medium',
  fnTrapLogDiskThreshold: 'medium',
  fnTrapTempHigh: 'high',
  fnTrapVoltageOutOfRange: 'high',
  fnTrapPowerSupplyFailure: 'high',
  fnTrapFanFailure: 'high',
  fgTrapVpnTunUp: 'info',
  fgTrapVpnTunDown: 'medium',
  fgTrapHaSwitch: 'high',
  fgTrapHaStateChange: 'medium',
  fgTrapHaHBFail: 'high',
  fgTrapHaMemberDown: 'high',
  fgTrapHaMemberUp: 'info',
  fgTrapIpsSignature: 'high',
  fgTrapIpsAnomaly: 'high',
  fgTrapAvVirus: 'high',
  jnxPowerSupplyFailure: 'high',
  jnxFanFailure: 'high',
  jnxOverTemperature: 'high',
  jnxRedundancySwitchover: 'high',
  jnxFruFailed: 'high',
  jnxFruOffline: 'medium',
  jnxHardDiskFailed: 'high',
  jnxPowerSupplyOK: 'info',
  jnxFanOK: 'info',
  jnxTemperatureOK: 'info',
  jnxCmCfgChange: 'low',
};

/** Cisco's clogHistSeverity (1 emergency … 8 debug) to a Vigil severity. */
const CISCO_SYSLOG_SEVERITY: readonly Severity[] = ['info', 'critical', 'critical', 'critical', 'high', 'medium', 'low', 'info', 'info'];

/** The severity of a trap, given its name and its named varbinds. */
export function trapSeverity(trapName: string, vars: Readonly<Record<string, unknown>>): Severity {
  if (trapName === 'clogMessageGenerated') {
    const s = Number(vars.clogHistSeverity);
    if (Number.isInteger(s) && s >= 1 && s <= 8) return CISCO_SYSLOG_SEVERITY[s]!;
  }
  return TRAP_SEVERITY[trapName] ?? 'low';
}
