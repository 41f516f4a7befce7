/**
 * @module cli/banner
 * The few lines `vigil start` prints on a terminal: where to open Vigil, where the credentials are,
 * what listens where, which database and data dir. Pure: the start command gathers the facts.
 */

/** What the banner tells. */
export interface BannerFacts {
  version: string;
  url: string;
  /** The credentials file and what it still holds, or null when there is none for this database. */
  credentials: { file: string; hasPassword: boolean; createdNow: boolean } | null;
  /** Listeners besides HTTP: name and port. */
  listeners: { name: string; port: number | null }[];
  /** e.g. `SQLite /abs/data/vigil.db` or `PostgreSQL postgres://vigil@db:5432/vigil`. */
  database: string;
  dataDir: string;
}

/** The banner text (ends with a newline). */
export function renderBanner(f: BannerFacts): string {
  const rows: [string, string][] = [
    ['Open', `${f.url}   (API docs ${f.url}/api/docs)`],
    [
      'Sign in',
      !f.credentials
        ? 'with your users (no first-start credentials file for this database)'
        : f.credentials.hasPassword
          ? `as admin; password and an ingest key are in ${f.credentials.file}${f.credentials.createdNow ? ' (just created)' : ''}`
          : `as admin with the password you set (the ingest key is in ${f.credentials.file})`,
    ],
    ['Listening', ['HTTP ' + new URL(f.url).port, ...f.listeners.map((l) => `${l.name} ${l.port ?? ''}`.trim())].join(', ')],
    ['Database', f.database],
    ['Data dir', f.dataDir],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return `\nVigil ${f.version} is running.\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n  Stop with Ctrl-C. Logs follow (log.format=json for JSON lines).\n\n`;
}
