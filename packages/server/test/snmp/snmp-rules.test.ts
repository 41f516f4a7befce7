/**
 * The built-in SNMP detection rules (packages/server/rules/builtin/snmp/*.yaml) compile with the
 * detection compiler, and their queries select the events the trap receiver and the poller build.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_RULE_KINDS, OidTable, compileRule, finalizeEvent, trapFields, type CompiledRule } from '@vigil/core';
import type { FieldValue } from '@vigil/contracts';

const DIR = fileURLToPath(new URL('../../rules/builtin/snmp/', import.meta.url));
const table = OidTable.builtin();
const rules = new Map<string, CompiledRule>();
for (const f of readdirSync(DIR).filter((x) => x.endsWith('.yaml'))) {
  const r = compileRule(readFileSync(join(DIR, f), 'utf8'), BUILTIN_RULE_KINDS);
  if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.errors)}`);
  rules.set(r.rule.id, r.rule);
}

let n = 0;
const ev = (fields: Record<string, FieldValue>) => finalizeEvent(fields, { id: `e${++n}`, receivedAt: Date.now(), input: 'snmp' });
const trap = (oid: string, varbinds: { oid: string; type: string; value: string | number }[] = []) =>
  ev(trapFields({ version: '2c', pdu: 'trap', sender: '10.1.1.1', varbinds: [{ oid: '1.3.6.1.6.3.1.1.4.1.0', type: 'OID', value: oid }, ...varbinds] }, table));
const poll = (action: string) => ev({ 'event.dataset': 'snmp.poll', 'event.action': action, 'host.ip': '10.1.1.2', 'snmp.device.id': 'd1', 'snmp.device.name': 'sw', 'snmp.interface.index': '3', message: action });
const matches = (id: string, e: ReturnType<typeof ev>) => rules.get(id)!.predicate(e as never);

describe('built-in SNMP rules', () => {
  it('all compile', () => {
    expect([...rules.keys()].sort()).toEqual(['snmp-auth-failure', 'snmp-device-unreachable', 'snmp-link-down', 'snmp-link-flapping']);
    expect(rules.get('snmp-link-flapping')!.kind.name).toBe('threshold');
  });

  it('select the events the receiver and the poller produce', () => {
    const linkDown = trap('1.3.6.1.6.3.1.1.5.3', [{ oid: '1.3.6.1.2.1.2.2.1.1.3', type: 'Integer', value: 3 }]);
    const linkUp = trap('1.3.6.1.6.3.1.1.5.4');
    const auth = trap('1.3.6.1.6.3.1.1.5.5');
    expect(matches('snmp-link-down', linkDown)).toBe(true);
    expect(matches('snmp-link-down', poll('interface-down'))).toBe(true);
    expect(matches('snmp-link-down', linkUp)).toBe(false);
    expect(matches('snmp-link-flapping', linkUp)).toBe(true);
    expect(matches('snmp-link-flapping', poll('interface-up'))).toBe(true);
    expect(matches('snmp-auth-failure', auth)).toBe(true);
    expect(matches('snmp-auth-failure', linkDown)).toBe(false);
    expect(matches('snmp-device-unreachable', poll('device-unreachable'))).toBe(true);
    expect(matches('snmp-device-unreachable', poll('device-reachable'))).toBe(false);
  });
});
