import { describe, it, expect } from 'vitest';
import { compileMibs, OidTable } from '../../src/snmp/index.ts';

const SMIV2 = `
ACME-MIB DEFINITIONS ::= BEGIN
IMPORTS
    MODULE-IDENTITY, OBJECT-TYPE, NOTIFICATION-TYPE, Integer32 FROM SNMPv2-SMI
    DisplayString FROM SNMPv2-TC
    ifIndex FROM IF-MIB;

-- The row is defined before its table on purpose: order must not matter.
acmeFanEntry OBJECT-TYPE
    SYNTAX      AcmeFanEntry
    MAX-ACCESS  not-accessible
    STATUS      current
    DESCRIPTION "A fan. Text with ::= { fake 1 } inside a string is ignored."
    INDEX       { acmeFanIndex }
    ::= { acmeFanTable 1 }

AcmeFanEntry ::= SEQUENCE { acmeFanIndex Integer32, acmeFanName DisplayString, acmeFanOid OBJECT IDENTIFIER }

acme MODULE-IDENTITY
    LAST-UPDATED "202601010000Z"
    ORGANIZATION "Acme" -- inline comment -- CONTACT-INFO "ops"
    DESCRIPTION  "Acme devices."
    ::= { enterprises 99999 }

acmeObjects OBJECT IDENTIFIER ::= { acme 1 }
acmeFanTable OBJECT-TYPE
    SYNTAX      SEQUENCE OF AcmeFanEntry
    MAX-ACCESS  not-accessible
    STATUS      current
    DESCRIPTION "Fans."
    ::= { acmeObjects 2 }
acmeFanName OBJECT-TYPE SYNTAX DisplayString MAX-ACCESS read-only STATUS current DESCRIPTION "Name." ::= { acmeFanEntry 2 }
acmeTraps   OBJECT IDENTIFIER ::= { acme 0 }
acmeFanFailed NOTIFICATION-TYPE
    OBJECTS     { acmeFanName, ifIndex }
    STATUS      current
    DESCRIPTION "A fan failed."
    ::= { acmeTraps 1 }
acmeLegacy OBJECT IDENTIFIER ::= { iso(1) org(3) dod(6) internet(1) private(4) enterprises(1) 99999 9 }
acmeBroken OBJECT IDENTIFIER ::= { nowhereKnown 4 }
END
`;

const SMIV1 = `
ACME-TRAP-MIB DEFINITIONS ::= BEGIN
IMPORTS TRAP-TYPE FROM RFC-1215 acme FROM ACME-MIB;
acmeOverheat TRAP-TYPE
    ENTERPRISE  acme
    VARIABLES   { acmeFanName }
    DESCRIPTION "Too hot."
    ::= 7
END
`;

describe('compileMibs', () => {
  const r = compileMibs([{ file: 'ACME-TRAP-MIB.txt', text: SMIV1 }, { file: 'ACME-MIB.txt', text: SMIV2 }], OidTable.builtin());
  const byName = Object.fromEntries(r.entries.map((e) => [e.name, e]));

  it('resolves OBJECT IDENTIFIER, MODULE-IDENTITY, OBJECT-TYPE and NOTIFICATION-TYPE in any order and across files', () => {
    expect(r.modules).toEqual(['ACME-TRAP-MIB', 'ACME-MIB']);
    expect(byName.acme).toMatchObject({ oid: '1.3.6.1.4.1.99999', kind: 'node', module: 'ACME-MIB' });
    expect(byName.acmeFanTable).toMatchObject({ oid: '1.3.6.1.4.1.99999.1.2', kind: 'node' });
    expect(byName.acmeFanEntry).toMatchObject({ oid: '1.3.6.1.4.1.99999.1.2.1', kind: 'node' });
    expect(byName.acmeFanName).toMatchObject({ oid: '1.3.6.1.4.1.99999.1.2.1.2', kind: 'object' });
    expect(byName.acmeFanFailed).toMatchObject({ oid: '1.3.6.1.4.1.99999.0.1', kind: 'object' });
    expect(byName.acmeLegacy!.oid).toBe('1.3.6.1.4.1.99999.9');
  });

  it('maps SMIv1 TRAP-TYPE to enterprise.0.number', () => {
    expect(byName.acmeOverheat).toMatchObject({ oid: '1.3.6.1.4.1.99999.0.7', kind: 'object', module: 'ACME-TRAP-MIB' });
  });

  it('ignores SEQUENCE members, strings and comments, and reports unknown parents with their line', () => {
    expect(byName.acmeFanOid).toBeUndefined();
    expect(byName.fake).toBeUndefined();
    expect(r.errors).toEqual([{ file: 'ACME-MIB.txt', line: SMIV2.split('\n').findIndex((l) => l.startsWith('acmeBroken')) + 1, message: expect.stringContaining('parent "nowhereKnown" is unknown') }]);
  });

  it('names the compiled OIDs once added to a table', () => {
    const t = OidTable.builtin().with(r.entries);
    expect(t.name('1.3.6.1.4.1.99999.1.2.1.2.3')).toBe('acmeFanName.3');
  });

  it('never throws on garbage', () => {
    for (const text of ['', '::= {', 'x OBJECT IDENTIFIER ::= {', 'a OBJECT-TYPE', '"unterminated', '-- only a comment', 'y TRAP-TYPE ENTERPRISE ::= q']) {
      expect(() => compileMibs([{ file: 'g', text }], OidTable.builtin())).not.toThrow();
    }
  });
});
