/**
 * @module snmp/mib-names-repo
 * OID names imported from users' MIB files, per installation (OIDs are global, not per tenant).
 */
import type { OidEntry } from '@vigil/core';
import type { SqlDb } from '../db/sql-db.ts';

/** Storage of imported OID names. */
export class MibNamesRepo {
  constructor(private readonly db: SqlDb) {}

  async all(): Promise<OidEntry[]> {
    const rows = await this.db.all<{ oid: string; name: string; kind: string; module: string }>('SELECT oid, name, kind, module FROM snmp_mib_names ORDER BY oid');
    return rows.map((r) => ({ oid: r.oid, name: r.name, kind: r.kind === 'node' ? 'node' : 'object', module: r.module }));
  }

  /** Inserts or replaces names; answers how many rows were written. */
  async upsert(entries: readonly OidEntry[], now: number): Promise<number> {
    await this.db.tx(async (t) => {
      for (const e of entries) {
        await t.run('INSERT INTO snmp_mib_names (oid, name, kind, module, imported_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (oid) DO UPDATE SET name = excluded.name, kind = excluded.kind, module = excluded.module, imported_at = excluded.imported_at', [e.oid, e.name, e.kind, e.module ?? '', now]);
      }
    });
    return entries.length;
  }
}
