/**
 * @module channel-config
 * Between a channel type's field specs (contracts) and the form: initial values, and the config body
 * to send. Secrets are write-only: the form starts them empty, and an empty secret of a stored channel
 * is sent as the server's mask, which keeps the stored value.
 */
import type { ChannelFieldSpec, ChannelTypeSpec } from '@vigil/contracts';

/** What the server answers in place of a stored secret. */
export const SECRET_MASK = '********';

/** Form values: text for text-like fields, booleans for switches, numbers or '' for integers. */
export type FieldValues = Record<string, string | boolean | number>;

/** The form's starting values for a type (from a stored config when editing). */
export function initialValues(spec: ChannelTypeSpec, config: Record<string, unknown> = {}): FieldValues {
  const out: FieldValues = {};
  for (const f of spec.fields) {
    const v = config[f.name];
    if (f.kind === 'boolean') out[f.name] = v === true;
    else if (f.kind === 'integer') out[f.name] = typeof v === 'number' ? v : '';
    else if (f.kind === 'secret') out[f.name] = '';
    else if (f.kind === 'list') out[f.name] = Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v : '';
    else out[f.name] = typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  }
  return out;
}

/** True when a stored channel holds this secret (the server answered it masked). */
export function hasStoredSecret(f: ChannelFieldSpec, stored: Record<string, unknown> | undefined): boolean {
  return f.kind === 'secret' && stored?.[f.name] === SECRET_MASK;
}

/** The config to send: empty optional fields left out, lists split, kept secrets masked. */
export function configBody(spec: ChannelTypeSpec, values: FieldValues, stored?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const v = values[f.name];
    if (f.kind === 'boolean') {
      if (v === true) out[f.name] = true;
      continue;
    }
    if (f.kind === 'integer') {
      if (typeof v === 'number') out[f.name] = v;
      continue;
    }
    const text = typeof v === 'string' ? v.trim() : '';
    if (f.kind === 'secret' && !text) {
      if (hasStoredSecret(f, stored)) out[f.name] = SECRET_MASK;
      continue;
    }
    if (!text) continue;
    out[f.name] = f.kind === 'list' ? text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean) : text;
  }
  return out;
}

/** A channel's stored template override as form text (empty parts as ''). */
export function initialTemplate(config: Record<string, unknown> = {}): { title: string; text: string } {
  const t = config.template && typeof config.template === 'object' ? (config.template as Record<string, unknown>) : {};
  return { title: typeof t.title === 'string' ? t.title : '', text: typeof t.text === 'string' ? t.text : '' };
}

/** The `template` to send: only the parts written (untrimmed inside, so line breaks stay), or undefined for none. */
export function templateBody(t: { title: string; text: string }): { title?: string; text?: string } | undefined {
  const out = { ...(t.title.trim() ? { title: t.title.trim() } : {}), ...(t.text.trim() ? { text: t.text.replace(/\s+$/, '') } : {}) };
  return Object.keys(out).length ? out : undefined;
}
