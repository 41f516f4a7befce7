/**
 * @module http/routes/alert-links
 * Signed acknowledge/resolve links from notifications (`/api/v1/alert-links/{id}/{action}`),
 * public because the signature is the credential (notify/alert-links). `GET` answers a
 * confirmation page and changes nothing — mail scanners and chat link previews fetch URLs — and its
 * form `POST`s back to the same URL, which verifies the signature and expiry and acts. The history
 * names the actor `signed link`. Rate limited per address.
 */
import { VigilError, alertLinksApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import type { AlertLinkAction } from '../../notify/alert-links.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const VERB: Record<AlertLinkAction, [string, string]> = { ack: ['Acknowledge', 'acknowledged'], resolve: ['Resolve', 'resolved'] };

/** A minimal page (no script: the CSP allows none inline). */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${esc(title)} · Vigil</title></head><body style="font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><h1 style="font-size:1.3rem">${esc(title)}</h1>${body}</body></html>`;
}

/** Registers /api/v1/alert-links*. */
export async function alertLinkRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  // Browsers post the confirmation form as an (empty) urlencoded body; nothing in it is read.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, _body, done) => done(null, {}));
  const limit = { rateLimit: { max: 30, timeWindow: 60_000 } };

  const checked = (req: { params: { id: string; action: AlertLinkAction }; query: { tenant: string; exp: number; sig: string } }) => {
    if (!ctx.alertLinks || !ctx.alerts) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Alert links are not served by this process (role).');
    const link = { action: req.params.action, tenantId: req.query.tenant, alertId: req.params.id, exp: req.query.exp };
    ctx.alertLinks.verify(link, req.query.sig, ctx.now());
    return { link, alerts: ctx.alerts };
  };

  app.get('/api/v1/alert-links/:id/:action', { config: { public: true, ...limit }, schema: alertLinksApi.confirm }, async (req, reply) => {
    const { link, alerts } = checked(req);
    const { alert } = await alerts.get(link.tenantId, link.alertId);
    const [verb] = VERB[link.action];
    const body = `<p><strong>[${esc(alert.severity.toUpperCase())}] ${esc(alert.title)}</strong><br>State: ${esc(alert.state)} · ${alert.count} events · last seen ${esc(alert.lastSeen)}</p>`
      + `<form method="post"><button type="submit" style="font-size:1rem;padding:.5rem 1.2rem">${verb} this alert</button></form>`;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page(`${verb} alert?`, body));
  });

  app.post('/api/v1/alert-links/:id/:action', { config: { public: true, ...limit }, schema: alertLinksApi.act }, async (req, reply) => {
    const { link, alerts } = checked(req);
    const note = 'via a signed link in a notification';
    const a = link.action === 'ack' ? await alerts.acknowledge(link.tenantId, link.alertId, 'signed link', note) : await alerts.resolve(link.tenantId, link.alertId, 'signed link', note);
    const [, done] = VERB[link.action];
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page(`Alert ${done}`, `<p>[${esc(a.severity.toUpperCase())}] ${esc(a.title)} is now <strong>${esc(a.state)}</strong>.</p>`));
  });
}
