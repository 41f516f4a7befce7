/**
 * @module app/roles
 * Roles are lists of modules, and modules are a registry by name. Adding a module (detect, notify) is
 * one file in `modules/`, one line in `MODULES`, and its name in the roles that run it.
 */
import { VigilError } from '@vigil/contracts';
import type { ModuleName, RuntimeModule, ServiceName } from './runtime-module.ts';
import { storeModule } from './modules/store-module.ts';
import { ingestModule } from './modules/ingest-module.ts';
import { snmpModule } from './modules/snmp-module.ts';
import { liveModule } from './modules/live-module.ts';
import { apiModule } from './modules/api-module.ts';
import { detectModule } from './modules/detect-module.ts';
import { alertsModule } from './modules/alerts-module.ts';
import { notifyModule } from './modules/notify-module.ts';
import { rulesModule } from './modules/rules-module.ts';
import { incidentsModule } from './modules/incidents-module.ts';
import { reportsModule } from './modules/reports-module.ts';
import { agentsModule } from './modules/agents-module.ts';

/** Every module, by name. */
export const MODULES: Partial<Record<ModuleName, () => RuntimeModule>> = {
  store: storeModule,
  ingest: ingestModule,
  snmp: snmpModule,
  agents: agentsModule,
  live: liveModule,
  api: apiModule,
  alerts: alertsModule,
  notify: notifyModule,
  rules: rulesModule,
  detect: detectModule,
  incidents: incidentsModule,
  reports: reportsModule,
};

/**
 * The modules of each role, in start order (stop is the reverse). Only `all` runs on the in-process
 * bus; the split roles are the scale-out plan and need the NATS bus (`ROLES_NEEDING_NATS`).
 */
export const ROLES: Record<string, readonly ModuleName[]> = {
  all: ['store', 'ingest', 'snmp', 'agents', 'live', 'alerts', 'rules', 'detect', 'notify', 'incidents', 'reports', 'api'],
  ingest: ['ingest', 'snmp', 'agents', 'api'],
  detect: ['alerts', 'rules', 'detect'],
  api: ['store', 'live', 'alerts', 'rules', 'incidents', 'reports', 'api'],
};

/** Roles that need a bus shared between processes. */
export const ROLES_NEEDING_NATS: readonly string[] = ['ingest', 'detect', 'api'];

/**
 * The modules of a role, checked before anything starts: each module exists and everything it needs
 * is provided by a module before it. A wiring mistake is a coded configuration error, not a crash halfway.
 */
export function composeRole(role: string, modules: Partial<Record<ModuleName, () => RuntimeModule>> = MODULES, roles: Record<string, readonly ModuleName[]> = ROLES): RuntimeModule[] {
  const names = roles[role];
  if (!names) throw new VigilError('VIGIL_ERR_CONFIG', `role "${role}" is not a role. Use one of: ${Object.keys(roles).join(', ')}.`, { key: 'role' });
  const provided = new Set<ServiceName>();
  return names.map((name) => {
    const make = modules[name];
    if (!make) throw new VigilError('VIGIL_ERR_CONFIG', `role "${role}" runs module "${name}", which this version does not have.`, { key: 'role' });
    const m = make();
    const missing = m.needs.filter((n) => !provided.has(n));
    if (missing.length) throw new VigilError('VIGIL_ERR_CONFIG', `role "${role}": module "${name}" needs ${missing.join(', ')}, which no module before it provides.`, { key: 'role' });
    for (const p of m.provides) provided.add(p);
    return m;
  });
}
