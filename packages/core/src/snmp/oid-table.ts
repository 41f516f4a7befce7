/**
 * @module snmp/oid-table
 * OID <-> name lookup by longest known prefix: `1.3.6.1.2.1.2.2.1.2.7` is `ifDescr.7`. Built from the
 * built-in rows plus names a user imported from MIB files; immutable, so lookups need no locks.
 */
import { BUILTIN_OID_ROWS } from './builtin-oids.ts';

/** One named OID. `object` names a value or notification (used for `snmp.var.<name>`); `node` a branch. */
export interface OidEntry {
  oid: string;
  name: string;
  kind: 'object' | 'node';
  /** The MIB module it came from, when known (imported names). */
  module?: string;
}

/** What an OID resolves to: the nearest named prefix and the rest (the instance, e.g. an ifIndex). */
export interface OidMatch {
  entry: OidEntry;
  /** Sub-identifiers after the named prefix, dotted; '' when the OID is the named one itself. */
  instance: string;
}

/** The built-in rows as entries. */
export function builtinOidEntries(): OidEntry[] {
  const out: OidEntry[] = [];
  for (const [parent, kind, names] of BUILTIN_OID_ROWS) {
    for (const pair of names.split(' ')) {
      const i = pair.lastIndexOf(':');
      out.push({ oid: `${parent}.${pair.slice(i + 1)}`, name: pair.slice(0, i), kind: kind === 'o' ? 'object' : 'node' });
    }
  }
  return out;
}

/** Strips a leading dot and whitespace: `.1.3.6` and `1.3.6` are the same OID. */
export function normalizeOid(oid: string): string {
  const t = oid.trim();
  return t.startsWith('.') ? t.slice(1) : t;
}

/** True when the text is a dotted numeric OID. */
export function isOid(text: string): boolean {
  return /^\.?\d+(\.\d+)*$/.test(text.trim());
}

/** An immutable OID name table. */
export class OidTable {
  private readonly byOid = new Map<string, OidEntry>();
  private readonly byName = new Map<string, OidEntry>();

  /** Later entries override earlier ones with the same OID (imported names win over built-in ones). */
  constructor(entries: Iterable<OidEntry>) {
    for (const e of entries) {
      const oid = normalizeOid(e.oid);
      const entry = { ...e, oid };
      this.byOid.set(oid, entry);
      this.byName.set(e.name, entry);
    }
  }

  /** The built-in table. */
  static builtin(): OidTable {
    return new OidTable(builtinOidEntries());
  }

  /** A new table with more entries on top of this one. */
  with(entries: Iterable<OidEntry>): OidTable {
    return new OidTable([...this.byOid.values(), ...entries]);
  }

  /** Number of named OIDs. */
  get size(): number {
    return this.byOid.size;
  }

  /** The entry named exactly by this OID. */
  get(oid: string): OidEntry | undefined {
    return this.byOid.get(normalizeOid(oid));
  }

  /** The OID of a name (`ifDescr` or `ifDescr.7`), or undefined when the name is unknown. */
  oidOf(name: string): string | undefined {
    if (isOid(name)) return normalizeOid(name);
    const dot = name.indexOf('.');
    const base = this.byName.get(dot < 0 ? name : name.slice(0, dot));
    if (!base) return undefined;
    return dot < 0 ? base.oid : `${base.oid}${name.slice(dot)}`;
  }

  /** The nearest named prefix of an OID. */
  resolve(oid: string): OidMatch | undefined {
    const o = normalizeOid(oid);
    let end = o.length;
    while (end > 0) {
      const e = this.byOid.get(end === o.length ? o : o.slice(0, end));
      if (e) return { entry: e, instance: end === o.length ? '' : o.slice(end + 1) };
      end = o.lastIndexOf('.', end - 1);
    }
    return undefined;
  }

  /** A readable name: `ifDescr.7`, or the OID itself when no prefix is named. */
  name(oid: string): string {
    const m = this.resolve(oid);
    if (!m) return normalizeOid(oid);
    return m.instance ? `${m.entry.name}.${m.instance}` : m.entry.name;
  }
}
