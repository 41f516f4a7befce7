/**
 * @module query/postgres-functions
 * SQL functions the PostgreSQL store installs with its migrations: a cast to inet that answers NULL
 * instead of failing on text that is not an address.
 */

/** CREATE statements for the functions compiled PostgreSQL queries call. */
export const POSTGRES_FUNCTIONS_SQL = `
CREATE OR REPLACE FUNCTION vigil_try_inet(t text) RETURNS inet
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF t IS NULL OR t !~ '^[0-9A-Fa-f:.]+$' THEN RETURN NULL; END IF;
  RETURN t::inet;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
`;
