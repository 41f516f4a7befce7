/**
 * @module snmp
 * SNMP without MIB files at run time: the OID name table (built-in + imported), trap -> event fields,
 * trap severities, a small MIB-text compiler, and the polling arithmetic (counter rates).
 */
export { OidTable, builtinOidEntries, normalizeOid, isOid, type OidEntry, type OidMatch } from './oid-table.ts';
export { BUILTIN_OID_ROWS } from './builtin-oids.ts';
export { trapFields, v1TrapOid, type DecodedTrap, type TrapVarbind } from './trap-event.ts';
export { trapSeverity, TRAP_SEVERITY } from './trap-severity.ts';
export { POLL_PROFILES, pollProfile, type PollProfile } from './poll-profiles.ts';
export { pollMetrics, counterDelta, IF_STATUS, type PollRaw, type PollState, type PollResult, type PollSample, type InterfaceRow, type OperChange } from './poll-metrics.ts';
export { compileMibs, type MibSource, type MibError, type MibCompileResult } from './mib-compiler.ts';
