/**
 * The channel conformance suite: every channel type runs exactly these tests against a real local
 * receiver — it delivers an alert that says what the alert is, tells retryable from permanent
 * failures, never repeats its secret in an error, goes through the outbound guard, and lets
 * `config.template` replace its title and text (validated with coded errors when the channel is saved).
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { VigilError } from '@vigil/contracts';
import { deliverOnce, type ChannelAlert, type ChannelType, type SendContext } from '../../src/notify/index.ts';
import type { Answer } from './receivers.ts';

/** A channel under test with its receiver. */
export interface ChannelFixture {
  channel: ChannelType<any>;
  /** A config pointing at the receiver, with `allow_private: true`. */
  config: Record<string, unknown>;
  /** A credential in the config that must never appear in an error. */
  secret: string;
  /** What the receiver answers from now on. */
  answer(a: Answer): void;
  /** How many messages the receiver accepted or refused. */
  count(): number;
  /** The human-readable content of the last message (decoded), for the common checks. */
  lastText(): string;
  /** Whether the receiver can answer 429 with Retry-After (HTTP), for the rate-limit check. */
  http: boolean;
  /** Stops the receiver (what is left is a refused connection). */
  stop(): Promise<void>;
}

/** The alert every channel delivers. */
export const ALERT: ChannelAlert = {
  id: '01JALERT0000000000000000AB', tenantId: 't1', ruleId: 'ssh-brute-force', ruleTitle: 'SSH brute force', groupKey: 'source.ip=203.0.113.9',
  severity: 'high', tags: ['attack.t1110'], count: 42, firstSeen: '2026-01-10T12:00:00.000Z', lastSeen: '2026-01-10T12:05:00.000Z',
  sampleEventIds: [], state: 'open', source: { author: 'Ada Lovelace' },
};

/** The send context of the suite. */
export const CTX: SendContext = { publicUrl: 'https://vigil.example.test', now: () => Date.UTC(2026, 0, 10, 12, 6), newId: () => '01JMSG00000000000000000000', timeoutMs: 3000 };

/** Registers the suite for one channel type. */
export function describeChannel(name: string, setup: () => Promise<ChannelFixture>): void {
  describe(`channel conformance: ${name}`, () => {
    let fx!: ChannelFixture;
    const send = () => deliverOnce(fx.channel, fx.channel.parseConfig(fx.config), ALERT, CTX);
    beforeAll(async () => {
      fx = await setup();
    });
    afterAll(async () => fx?.stop());
    beforeEach(() => fx.answer('ok'));

    it('refuses an empty config with a coded error that names a field', () => {
      let err: unknown;
      try {
        fx.channel.parseConfig({});
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(VigilError);
      expect((err as VigilError).code).toBe('VIGIL_ERR_VALIDATION');
      expect(JSON.stringify((err as VigilError).details)).toContain('config.');
    });

    it('delivers an alert that names title, severity, rule, group, count, times, author and links to it', async () => {
      const before = fx.count();
      const r = await send();
      expect(r).toMatchObject({ ok: true });
      expect(fx.count()).toBe(before + 1);
      const text = fx.lastText();
      for (const part of ['SSH brute force', 'HIGH', 'source.ip=203.0.113.9', '42', 'https://vigil.example.test/alerts/01JALERT0000000000000000AB']) expect(text).toContain(part);
      if (name !== 'sms') for (const part of ['ssh-brute-force', '2026-01-10T12:00:00.000Z', '2026-01-10T12:05:00.000Z', 'Ada Lovelace']) expect(text).toContain(part);
    });

    it('refuses a bad template with a coded error naming the template part', () => {
      const fieldOf = (t: unknown) => {
        try {
          fx.channel.parseConfig({ ...fx.config, template: t });
        } catch (e) {
          expect((e as VigilError).code).toBe('VIGIL_ERR_VALIDATION');
          return ((e as VigilError).details as { field?: string } | undefined)?.field;
        }
        return 'accepted';
      };
      expect(fieldOf({ title: 'x {{nope}}' })).toBe('config.template.title');
      expect(fieldOf({ text: 'stray {{ here' })).toBe('config.template.text');
      expect(fieldOf({ subject: 'x' })).toBe('config.template.subject');
      expect(fieldOf({ text: 42 })).toBe('config.template.text');
      expect(fieldOf('{{title}}')).toBe('config.template');
      expect(fieldOf({ title: '{{severity}} {{host.name}}', text: '{{facts}}' })).toBe('accepted');
    });

    it('sends its template override instead of the default title and text', async () => {
      const config = fx.channel.parseConfig({ ...fx.config, template: { title: 'Custom {{severity}} alert on {{source.ip}}', text: 'Seen {{count}} times by rule {{rule_id}} ({{state}}, {{kind}}); see {{link}}. {{no.such_field}}' } });
      const r = await deliverOnce(fx.channel, config, { ...ALERT, group: { 'source.ip': '203.0.113.9' } }, CTX);
      expect(r).toMatchObject({ ok: true });
      const text = fx.lastText();
      if (name !== 'sms') expect(text).toContain('Custom high alert on 203.0.113.9');
      expect(text).toContain('Seen 42 times by rule ssh-brute-force (open, firing); see https://vigil.example.test/alerts/01JALERT0000000000000000AB. -');
      expect(text).not.toContain('[HIGH] SSH brute force');
    });

    it('reports a temporary failure as retryable', async () => {
      fx.answer('retryable');
      const r = await send();
      expect(r).toMatchObject({ ok: false, retry: true });
    });

    it('reports 429 as retryable and passes Retry-After on', async () => {
      if (!fx.http) return;
      fx.answer('rate-limited');
      const r = await send();
      expect(r).toMatchObject({ ok: false, retry: true, statusCode: 429, retryAfterMs: 7000 });
    });

    it('reports a permanent refusal as not retryable', async () => {
      fx.answer('permanent');
      const r = await send();
      expect(r).toMatchObject({ ok: false, retry: false });
      expect(r.ok || r.reason.length > 0).toBe(true);
    });

    it('never repeats its secret in an error, even when the receiver echoes it', async () => {
      fx.answer('echo');
      const r = await send();
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).not.toContain(fx.secret);
    });

    it('refuses a loopback receiver unless allow_private is set, before sending anything', async () => {
      const before = fx.count();
      const r = await deliverOnce(fx.channel, fx.channel.parseConfig({ ...fx.config, allow_private: false }), ALERT, CTX);
      expect(r).toMatchObject({ ok: false, retry: false });
      expect(r.ok ? '' : r.reason).toContain('VIGIL_ERR_OUTBOUND_BLOCKED');
      expect(fx.count()).toBe(before);
    });

    it('reports an unreachable receiver as retryable (last: stops the receiver)', async () => {
      await fx.stop();
      const r = await send();
      expect(r).toMatchObject({ ok: false, retry: true });
      expect(JSON.stringify(r)).not.toContain(fx.secret);
    });
  });
}
