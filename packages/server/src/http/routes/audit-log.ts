/**
 * @module http/routes/audit-log
 * /api/v1/audit-log: the tenant's audit log for admins, newest first, filtered by actor, action (or
 * `kind.*`), target type and id, and time, with cursor paging.
 */
import { VigilError, auditLogApi } from '@vigil/contracts';
import { parseTime } from '@vigil/core';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';

function decodeCursor(c: string): { createdAt: number; id: string } {
  const m = /^(\d{1,16}):(.{1,128})$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m) throw new VigilError('VIGIL_ERR_BAD_CURSOR', 'The cursor is not one this API gave out.', { param: 'cursor' });
  return { createdAt: Number(m[1]), id: m[2]! };
}

/** Registers /api/v1/audit-log. */
export async function auditLogRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  app.get('/api/v1/audit-log', { config: { perm: 'admin' }, schema: auditLogApi.list }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const now = ctx.now();
    const limit = q.limit ?? 100;
    const to = q.to ?? q.before;
    const page = await ctx.audit.list(p.tenantId, {
      ...(q.actor ? { actor: q.actor } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.targetType ? { targetType: q.targetType } : {}),
      ...(q.targetId ? { targetId: q.targetId } : {}),
      ...(q.from ? { from: parseTime(q.from, now, 'from') } : {}),
      ...(to ? { to: parseTime(to, now, q.to ? 'to' : 'before') } : {}),
      ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
      limit: limit + 1,
    });
    const shown = page.slice(0, limit);
    const last = shown[shown.length - 1];
    return { entries: shown, nextCursor: page.length > limit && last ? Buffer.from(`${Date.parse(last.createdAt)}:${last.id}`).toString('base64url') : null };
  });
}
