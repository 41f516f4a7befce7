/**
 * @module http/routes/inputs
 * Ingest health per input (the audit log moved to routes/audit-log.ts).
 */
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { inputsApi } from '@vigil/contracts';
import { principalOf } from '../plugins/auth.ts';

/** Registers /api/v1/inputs. */
export async function inputRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/inputs', { config: { perm: 'read' }, schema: inputsApi.list }, async (req) => ({ inputs: ctx.tenantInputs.snapshot(principalOf(req).tenantId) }));
}
