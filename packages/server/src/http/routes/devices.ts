/**
 * @module http/routes/devices
 * SNMP devices of the caller's tenant: CRUD (viewers read, admins write), poll now, discovery /
 * credential test, the polling profiles, and the device's metrics with downsampling.
 */
import type { FastifyRequest } from 'fastify';
import { VigilError, devicesApi, type DiscoverBody } from '@vigil/contracts';
import type { ApiApp } from '../api-app.ts';
import { parseTime, POLL_PROFILES } from '@vigil/core';
import type { HttpContext } from '../context.ts';
import { principalOf } from '../plugins/auth.ts';
import { parseDeviceInput } from '../../snmp/device-input.ts';
import { discoverDevice, pollError } from '../../snmp/snmp-client.ts';
import { DEVICE_SOURCE } from '../../snmp/poll-scheduler.ts';
import type { Device } from '../../snmp/devices-repo.ts';
import type { SnmpServices } from '../../snmp/snmp-module.ts';

/** Most points per series in one answer; a larger range gets a wider step. */
const MAX_POINTS = 1000;

/** The list view of a device (the interface table only in the detail). */
const summary = ({ interfaces, ...d }: Device) => ({ ...d, interfaceCount: interfaces.length, interfacesUp: interfaces.filter((i) => i.operStatus === 'up').length });

/** Registers /api/v1/devices*. */
export async function deviceRoutes(app: ApiApp, ctx: HttpContext): Promise<void> {
  const snmp = (): SnmpServices => {
    if (!ctx.snmp) throw new VigilError('VIGIL_ERR_UNAVAILABLE', 'SNMP is not enabled in this process.');
    return ctx.snmp;
  };
  
  app.get('/api/v1/devices', { config: { perm: 'read' }, schema: devicesApi.list }, async (req) => ({ devices: (await snmp().devices.list(principalOf(req).tenantId)).map(summary) }));

  app.get('/api/v1/snmp/profiles', { config: { perm: 'read' }, schema: devicesApi.profiles }, async () => ({ profiles: Object.values(POLL_PROFILES).map((p) => ({ ...p, scalars: [...p.scalars], columns: [...p.columns] })) }));

  app.post('/api/v1/devices', { config: { perm: 'admin' }, schema: devicesApi.create }, async (req, reply) => {
    const p = principalOf(req);
    const d = await snmp().devices.create(p.tenantId, parseDeviceInput(req.body, { requireCredentials: true }));
    snmp().poller.upsert(d);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'device.create', target: d.id, details: { name: d.name, address: d.address }, ip: req.ip });
    return reply.status(201).send(d);
  });

  // Discovery and the credential test are the same walk: both answer what the device is and which profile fits.
  const discover = async (req: FastifyRequest<{ Body: DiscoverBody }>) => {
    const b = req.body;
    const input = parseDeviceInput({ name: 'discovery', ...b }, { requireCredentials: !b.deviceId });
    let credentials = input.credentials;
    if (!credentials && typeof b.deviceId === 'string') credentials = await snmp().devices.credentials(principalOf(req).tenantId, b.deviceId);
    const started = Date.now();
    try {
      const found = await discoverDevice({ address: input.address, port: input.port, version: input.version, credentials: credentials!, timeoutMs: input.timeoutMs }, snmp().oids());
      return { ok: true, latencyMs: Date.now() - started, ...found };
    } catch (err) {
      return { ok: false, latencyMs: Date.now() - started, error: pollError(err) };
    }
  };
  app.post('/api/v1/devices/discover', { config: { perm: 'admin' }, schema: devicesApi.discover }, discover);
  app.post('/api/v1/devices/test-credentials', { config: { perm: 'admin' }, schema: devicesApi.testCredentials }, discover);

  app.get('/api/v1/devices/:id', { config: { perm: 'read' }, schema: devicesApi.get }, async (req) => {
    const p = principalOf(req);
    const d = await snmp().devices.get(p.tenantId, req.params.id);
    const latest = await snmp().metricStore.latest(p.tenantId, DEVICE_SOURCE, d.id, ['cpu.load_pct', 'memory.used_pct', 'memory.total_bytes', 'memory.used_bytes', 'storage.used_pct', 'load.1m']);
    return { ...d, latest: latest.map((l) => ({ name: l.name, labels: l.labels, ts: new Date(l.ts).toISOString(), value: l.value })) };
  });

  app.put('/api/v1/devices/:id', { config: { perm: 'admin' }, schema: devicesApi.update }, async (req) => {
    const p = principalOf(req);
    const d = await snmp().devices.update(p.tenantId, req.params.id, parseDeviceInput(req.body, { requireCredentials: false }));
    snmp().poller.upsert(d);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'device.update', target: d.id, details: { name: d.name }, ip: req.ip });
    return d;
  });

  app.delete('/api/v1/devices/:id', { config: { perm: 'admin' }, schema: devicesApi.remove }, async (req) => {
    const p = principalOf(req);
    const id = req.params.id;
    await snmp().devices.delete(p.tenantId, id);
    snmp().poller.remove(id);
    await snmp().metricStore.deleteSource(p.tenantId, DEVICE_SOURCE, id);
    await ctx.audit.record(p.tenantId, { actor: p.name, action: 'device.delete', target: id, ip: req.ip });
    return { ok: true };
  });

  app.post('/api/v1/devices/:id/poll', { config: { perm: 'admin' }, schema: devicesApi.pollNow }, async (req) => {
    const p = principalOf(req);
    const d = await snmp().devices.get(p.tenantId, req.params.id);
    return snmp().poller.pollNow(d);
  });

  app.get('/api/v1/devices/:id/metrics', {
    config: { perm: 'read' },
    schema: devicesApi.metrics,
  }, async (req) => {
    const p = principalOf(req);
    const d = await snmp().devices.get(p.tenantId, req.params.id);
    const q = req.query;
    const now = Date.now();
    const from = parseTime(q.from ?? '-1h', now, 'from');
    const to = parseTime(q.to ?? 'now', now, 'to') + 1;
    if (to <= from) throw new VigilError('VIGIL_ERR_BAD_TIME', 'to must be after from.', { param: 'to' });
    const minStep = Math.ceil((to - from) / MAX_POINTS / 1000) * 1000;
    let step = minStep;
    if (q.step !== undefined && q.step !== '') {
      const m = /^(\d+)(ms|s|m|h|d)?$/.exec(q.step.trim());
      if (!m) throw new VigilError('VIGIL_ERR_BAD_TIME', `step "${q.step}" is not an interval: use e.g. 0 (raw), 30s, 5m, 1h.`, { param: 'step' });
      const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
      step = Number(m[1]) * units[m[2] ?? 's']!;
      if (step > 0 && step < minStep) step = minStep;
      if (step === 0 && (to - from) / (d.intervalS * 1000) > MAX_POINTS) step = minStep;
    }
    const names = q.name ? q.name.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const series = await snmp().metricStore.query({ tenantId: p.tenantId, sourceKind: DEVICE_SOURCE, sourceId: d.id, names, labels: q.ifIndex ? { ifIndex: q.ifIndex } : undefined, from, to, step });
    return { from: new Date(from).toISOString(), to: new Date(to - 1).toISOString(), step, series };
  });
}
