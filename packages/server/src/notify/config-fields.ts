/**
 * @module notify/config-fields
 * Small readers for channel configs that fail with `VIGIL_ERR_VALIDATION` naming `config.<field>`.
 */
import { VigilError } from '@vigil/contracts';
import { isTemplateProblem, parseMessageTemplate, type MessageTemplate } from '@vigil/core';

const bad = (field: string, why: string) => new VigilError('VIGIL_ERR_VALIDATION', `config.${field} ${why}`, { field: `config.${field}` });

/** A required (or defaulted) string, at most `max` characters. */
export function str(raw: Record<string, unknown>, field: string, opts: { fallback?: string; max?: number } = {}): string {
  const v = raw[field] ?? opts.fallback;
  if (typeof v !== 'string' || !v.trim()) throw bad(field, 'is required and must be a non-empty string');
  if (v.length > (opts.max ?? 2048)) throw bad(field, `is longer than ${opts.max ?? 2048} characters`);
  return v.trim();
}

/** An optional string. */
export function optStr(raw: Record<string, unknown>, field: string, max = 2048): string | undefined {
  return raw[field] === undefined || raw[field] === null || raw[field] === '' ? undefined : str(raw, field, { max });
}

/** An http(s) URL (trailing slashes removed). */
export function url(raw: Record<string, unknown>, field: string, fallback?: string): string {
  const v = str(raw, field, { fallback });
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw bad(field, 'is not a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad(field, 'must be an http or https URL');
  return v.replace(/\/+$/, '');
}

/** An optional boolean. */
export function bool(raw: Record<string, unknown>, field: string, fallback = false): boolean {
  const v = raw[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw bad(field, 'must be true or false');
  return v;
}

/** An integer within bounds. */
export function int(raw: Record<string, unknown>, field: string, fallback: number, min: number, max: number): number {
  const v = raw[field] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(field, `must be an integer from ${min} to ${max}`);
  return v;
}

/** One string or a list of them (at least one). */
export function strList(raw: Record<string, unknown>, field: string, max = 50): string[] {
  const v = raw[field];
  const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
  if (!Array.isArray(list) || !list.length || list.some((s) => typeof s !== 'string' || !s.trim())) throw bad(field, 'must be a non-empty string or list of strings');
  if (list.length > max) throw bad(field, `has more than ${max} entries`);
  return (list as string[]).map((s) => s.trim());
}

/** The optional `template` override of a channel's title and text (core/notify/message-template). */
export function template(raw: Record<string, unknown>): MessageTemplate | undefined {
  const t = parseMessageTemplate(raw.template);
  if (isTemplateProblem(t)) throw bad(t.part ? `template.${t.part}` : 'template', t.message);
  return t;
}
