/**
 * @module query/postgres-functions
 * SQL functions the PostgreSQL store installs with its migrations: a cast to inet that answers NULL
 * instead of failing on text that is not an address.
 *
 * It validates with the same regexes as `isIP()` before casting (PostgreSQL's own `inet` input is
 * looser, e.g. it reads `010.1.2.3` as 10.1.2.3), so the cast cannot fail and no exception block is
 * needed: an exception block opens a subtransaction, which PostgreSQL refuses inside a parallel plan
 * ("cannot start subtransactions during a parallel operation").
 */
import { IPV4_PATTERN, IPV6_PATTERN } from './ip-patterns.ts';

/** An E'' literal: the same text whatever `standard_conforming_strings` says. */
function regexLiteral(pattern: string): string {
  if (pattern.includes("'")) throw new TypeError('a regex literal must not contain a quote');
  return `E'${pattern.replaceAll('\\', '\\\\')}'`;
}

/** CREATE statements for the functions compiled PostgreSQL queries call. */
export const POSTGRES_FUNCTIONS_SQL = `
CREATE OR REPLACE FUNCTION vigil_try_inet(t text) RETURNS inet
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN t ~ ${regexLiteral(`^${IPV4_PATTERN}$`)} THEN t::inet
    WHEN t ~ ${regexLiteral(`^${IPV6_PATTERN}$`)} THEN t::inet
  END
$$;
`;
