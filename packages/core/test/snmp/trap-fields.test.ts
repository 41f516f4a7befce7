import { describe, it, expect } from 'vitest';
import { OidTable, trapFields, v1TrapOid } from '../../src/snmp/index.ts';

const table = OidTable.builtin();

describe('OID names', () => {
  it('names by longest prefix, with the instance', () => {
    expect(table.name('1.3.6.1.2.1.2.2.1.2.7')).toBe('ifDescr.7');
    expect(table.name('.1.3.6.1.6.3.1.1.5.3')).toBe('linkDown');
    expect(table.name('1.3.6.1.4.1.12356.101.2.0.302')).toBe('fgTrapVpnTunDown');
    expect(table.name('1.3.6.1.4.1.2636.4.1.2')).toBe('jnxFanFailure');
    expect(table.name('2.999')).toBe('2.999');
    expect(table.oidOf('ifHCInOctets.3')).toBe('1.3.6.1.2.1.31.1.1.1.6.3');
    expect(table.with([{ oid: '1.3.6.1.4.1.99999.1', name: 'myTrap', kind: 'object' }]).name('1.3.6.1.4.1.99999.1')).toBe('myTrap');
  });
});

describe('trapFields', () => {
  it('maps v1 generic and enterprise traps to SNMPv2 OIDs (RFC 3584)', () => {
    expect(v1TrapOid('1.3.6.1.4.1.9', 0, 0)).toBe('1.3.6.1.6.3.1.1.5.1');
    expect(v1TrapOid('1.3.6.1.4.1.9.9.43.2', 6, 1)).toBe('1.3.6.1.4.1.9.9.43.2.0.1');
  });

  it('builds a v2c linkDown event with named varbinds and a list of all', () => {
    const f = trapFields({ version: '2c', pdu: 'trap', sender: '10.0.0.1', varbinds: [
      { oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: 500 },
      { oid: '1.3.6.1.6.3.1.1.4.1.0', type: 'OID', value: '1.3.6.1.6.3.1.1.5.3' },
      { oid: '1.3.6.1.2.1.2.2.1.1.3', type: 'Integer', value: 3 },
      { oid: '1.3.6.1.2.1.2.2.1.1.4', type: 'Integer', value: 4 },
      { oid: '1.3.6.1.4.1.99999.5', type: 'OctetString', value: 'x' },
    ] }, table);
    expect(f).toMatchObject({ 'event.dataset': 'snmp.trap', 'snmp.trap.name': 'linkDown', 'snmp.uptime': 500, 'vigil.severity': 'high', 'host.ip': '10.0.0.1', 'snmp.var.ifIndex': [3, 4] });
    expect(f['snmp.varbinds']).toHaveLength(3);
    expect(f['snmp.var.1']).toBeUndefined();
    expect(f.message).toBe('SNMP trap linkDown from 10.0.0.1: ifIndex.3=3 ifIndex.4=4 enterprises.99999.5=x');
  });

  it('maps Cisco syslog traps by their own severity and unknown traps to low', () => {
    const cisco = trapFields({ version: '2c', pdu: 'trap', sender: '10.0.0.2', varbinds: [{ oid: '1.3.6.1.6.3.1.1.4.1.0', type: 'OID', value: '1.3.6.1.4.1.9.9.41.2.0.1' }, { oid: '1.3.6.1.4.1.9.9.41.1.2.3.1.3.7', type: 'Integer', value: 3 }] }, table);
    expect(cisco['vigil.severity']).toBe('critical');
    const unknown = trapFields({ version: '2c', pdu: 'trap', sender: '10.0.0.3', varbinds: [] }, table);
    expect(unknown['snmp.trap.name']).toBe('unknown');
    expect(unknown['vigil.severity']).toBe('low');
  });
});
