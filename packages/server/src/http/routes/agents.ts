/**
 * @module http/routes/agents
 * The host agent's side of the API: enrollment tokens (admins), enrollment (public, by token), and the
 * routes a host calls with its credential — batches, heartbeat, the command long poll and its
 * results, credential rotation. Agent routes are marked `agent: true`: the auth hook accepts only a
 * host credential there, and the handler takes the host from it, never from the body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VigilError, agentsApi } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import type { HttpContext } from '../context.ts';
import { agentOf, principalOf } from '../plugins/auth.ts';
import { publicToken } from '../../agents/enrollment-service.ts';
import type { AgentServices } from '../../agents/agent-services.ts';
import { installScript } from '../../agents/install-script.ts';

/** The URL agents should reach this server at: `public_url`, else what the request was sent to. */
export function serverUrl(req: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  return `${req.protocol}://${req.headers.host ?? `127.0.0.1`}`;
}

/** The install one-liner for a token. */
export function installCommand(url: string, token: string): string {
  return `curl -fsSL ${url}/install.sh | sudo sh -s -- --server ${url} --token ${token}`;
}

/** Registers /api/v1/agents/*. */
export async function agentRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const agents = (): AgentServices => {
    if (!ctx.agents) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'Host agents are not served by this process.');
    return ctx.agents;
  };
  // Long polls would hold shutdown for their whole wait: end them before the server waits for requests.
  app.addHook('preClose', async () => ctx.agents?.commands.stop());

  app.get('/api/v1/agents/tokens', { config: { perm: 'admin' }, schema: agentsApi.listTokens }, async (req) => {
    const p = principalOf(req);
    const now = ctx.now();
    return { tokens: (await agents().enrollment.list(p.tenantId)).map((t) => publicToken(t, now)) };
  });

  app.post('/api/v1/agents/tokens', { config: { perm: 'admin' }, schema: agentsApi.createToken }, async (req, reply) => {
    const p = principalOf(req);
    const { token, record } = await agents().enrollment.mint(p.tenantId, req.body, p.name);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'agent_token.create', target: record.id, details: { uses: record.maxUses, expiresAt: new Date(record.expiresAt).toISOString(), tags: record.tags, hostGroup: record.hostGroup }, ip: req.ip });
    return reply.status(201).send({ ...publicToken(record, ctx.now()), token, installCommand: installCommand(serverUrl(req, ctx.config.public_url), token) });
  });

  app.delete('/api/v1/agents/tokens/:id', { config: { perm: 'admin' }, schema: agentsApi.revokeToken }, async (req) => {
    const p = principalOf(req);
    await agents().enrollment.revoke(p.tenantId, req.params.id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'agent_token.revoke', target: req.params.id, ip: req.ip });
    return { ok: true };
  });

  app.post('/api/v1/agents/enroll', {
    config: { public: true, rateLimit: { max: ctx.config['agents.enroll_rate_limit'], timeWindow: 60_000 } },
    schema: agentsApi.enroll,
  }, async (req, reply) => {
    const r = await agents().enrollment.enroll(req.body, req.ip);
    await ctx.audit.record(r.tenantId, { actor: `host:${req.body.hostname}`, action: 'host.enroll', target: r.hostId, details: { hostname: req.body.hostname, agentVersion: req.body.agentVersion ?? null }, ip: req.ip });
    return reply.status(201).send({ hostId: r.hostId, credential: r.credential, config: r.config, serverTime: ctx.now() });
  });

  // The routes every host calls every few seconds skip helmet: @fastify/helmet builds its middleware
  // anew per request (parsing the CSP each time, ~3 % of the event loop at 5,000 hosts), and a browser
  // never reads these answers (they need a host credential). `nosniff` is kept, set directly.
  const hot = { helmet: false as const };
  const nosniff = (reply: FastifyReply) => void reply.header('x-content-type-options', 'nosniff');

  app.post('/api/v1/agents/batches', { ...hot, config: { agent: true }, bodyLimit: ctx.config['agents.max_batch_bytes'], schema: agentsApi.batch }, async (req, reply) => {
    nosniff(reply);
    const host = agentOf(req);
    if (ctx.isShuttingDown()) throw new VigilError('VIGIL_ERR_SHUTTING_DOWN');
    const n = (req.body.events?.length ?? 0) + (req.body.lines?.length ?? 0);
    if (n && ctx.quotas.isOver(host.tenantId)) {
      ctx.quotas.record(host.tenantId, 0, n);
      throw new VigilError('VIGIL_ERR_QUOTA_EXCEEDED', undefined, { usage: ctx.quotas.today(host.tenantId) });
    }
    const r = await agents().batches.accept(host, req.body, req.ip);
    if (!r.duplicate) ctx.quotas.record(host.tenantId, r.accepted.events + r.accepted.lines);
    return r;
  });

  app.post('/api/v1/agents/heartbeat', { ...hot, config: { agent: true }, schema: agentsApi.heartbeat }, async (req, reply) => {
    nosniff(reply);
    const host = agentOf(req);
    const now = ctx.now();
    const b = req.body;
    const skewMs = now - b.sentAt;
    agents().presence.touch(host.hostId, { at: now, address: req.ip, skewMs, bufferedBatches: b.bufferedBatches, agentVersion: b.agentVersion, os: b.os as Record<string, string> | undefined });
    return { serverTime: now, skewMs, rotateCredential: agents().rotationDue(host), config: agents().agentConfig() };
  });

  app.get('/api/v1/agents/commands', { ...hot, config: { agent: true }, schema: agentsApi.commands }, async (req, reply) => {
    nosniff(reply);
    const host = agentOf(req);
    agents().presence.touch(host.hostId, { at: ctx.now(), address: req.ip });
    const wait = ctx.isShuttingDown() ? 0 : (req.query.wait ?? 25) * 1000;
    const list = await agents().commands.poll(host.hostId, wait);
    return { commands: list.map((c) => ({ id: c.id, type: c.type as 'ping', args: c.args, createdAt: new Date(c.createdAt).toISOString() })) };
  });

  app.post('/api/v1/agents/commands/:id/result', { config: { agent: true }, schema: agentsApi.commandResult }, async (req) => {
    const host = agentOf(req);
    await agents().commands.complete(host.hostId, req.params.id, req.body.ok, req.body.result ?? null, req.body.error ?? null);
    return { ok: true };
  });

  app.post('/api/v1/agents/rotate', { config: { agent: true }, schema: agentsApi.rotate }, async (req) => {
    const host = agentOf(req);
    const r = await agents().rotate(host);
    await ctx.audit.record(host.tenantId, { actor: `host:${host.hostName}`, action: 'host.rotate_credential', target: host.hostId, ip: req.ip });
    return { credential: r.credential, previousValidUntil: new Date(r.previousValidUntil).toISOString() };
  });

  // Supply chain: the bundle, its signature and SBOM, and the installer that checks them. Public, so
  // a host with nothing but a token can install; they hold no secret.
  app.get('/api/v1/agents/bundle/info', { config: { public: true }, schema: agentsApi.bundleInfo }, async () => {
    const b = agents().bundle.get();
    return { version: b.version, sha256: b.sha256, signature: b.signature, publicKey: agents().releaseKey().publicKeyPem, bytes: b.bytes.length, sbom: !!b.sbom };
  });

  app.get('/api/v1/agents/bundle', { config: { public: true }, schema: agentsApi.bundle }, async (_req, reply) => {
    const b = agents().bundle.get();
    return reply.type('text/javascript; charset=utf-8').header('x-vigil-sha256', b.sha256).header('x-vigil-signature', b.signature).header('content-disposition', 'attachment; filename="vigil-agent.js"').send(b.bytes);
  });

  app.get('/api/v1/agents/bundle/signature', { config: { public: true }, schema: agentsApi.bundleSignature }, async (_req, reply) => reply.type('text/plain; charset=utf-8').send(`${agents().bundle.get().signature}\n`));

  app.get('/api/v1/agents/bundle/sbom', { config: { public: true }, schema: agentsApi.bundleSbom }, async (_req, reply) => {
    const b = agents().bundle.get();
    if (!b.sbom) throw new VigilError('VIGIL_ERR_NOT_FOUND', 'No SBOM was built beside this agent bundle (npm sbom was not available at build time).');
    return reply.type('application/json').send(b.sbom);
  });

  app.get('/install.sh', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const b = agents().bundle.get();
    return reply.type('text/x-shellscript; charset=utf-8').header('cache-control', 'no-store').send(installScript({ url: serverUrl(req, ctx.config.public_url), publicKeyPem: agents().releaseKey().publicKeyPem, sha256: b.sha256, version: b.version }));
  });
}
