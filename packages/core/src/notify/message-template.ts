/**
 * @module notify/message-template
 * Per-channel overrides of a notification's title and text (`config.template`), written with the
 * placeholders of rule titles (`{{severity}}`, `{{host.name}}`): parsed into literal parts and field
 * references, never evaluated. Unknown names and stray `{{` are refused where the channel is saved.
 */
import { MESSAGE_TEMPLATE_PARTS, MESSAGE_TEMPLATE_PLACEHOLDERS, type FieldValue } from '@vigil/contracts';
import { compileTitle, type TitleTemplate } from '../detection/title-template.ts';

/** A channel's template override as stored: each part optional. */
export interface MessageTemplate {
  title?: string;
  text?: string;
}

/** Longest template part, in characters. */
export const MAX_TEMPLATE_LENGTH = 4000;

/** A problem with a template, naming the part (`title` or `text`) it is in. */
export interface TemplateProblem {
  part: string;
  message: string;
}

/**
 * Validates a raw `template` value; answers the template (absent parts left out, empty = none) or
 * the first problem. A placeholder is a name of `MESSAGE_TEMPLATE_PLACEHOLDERS` or a dotted alert field.
 *
 * @example
 * parseMessageTemplate({ title: '{{severity}} on {{host.name}}' }); // { title: '{{severity}} on {{host.name}}' }
 */
export function parseMessageTemplate(raw: unknown): MessageTemplate | undefined | TemplateProblem {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) return { part: '', message: `must be an object with ${MESSAGE_TEMPLATE_PARTS.join(' and/or ')}` };
  const out: MessageTemplate = {};
  for (const [part, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(MESSAGE_TEMPLATE_PARTS as readonly string[]).includes(part)) return { part, message: `is not a template part; use ${MESSAGE_TEMPLATE_PARTS.join(' or ')}` };
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') return { part, message: 'must be a string' };
    if (value.length > MAX_TEMPLATE_LENGTH) return { part, message: `is longer than ${MAX_TEMPLATE_LENGTH} characters` };
    const compiled = compileTitle(value);
    if (typeof compiled === 'string') return { part, message: compiled };
    const unknown = compiled.fields.find((f) => !Object.hasOwn(MESSAGE_TEMPLATE_PLACEHOLDERS, f) && !f.includes('.'));
    if (unknown) return { part, message: `uses {{${unknown}}}, which is not a placeholder; use one of ${Object.keys(MESSAGE_TEMPLATE_PLACEHOLDERS).map((n) => `{{${n}}}`).join(', ')} or an alert field such as {{host.name}}` };
    out[part as keyof MessageTemplate] = value;
  }
  return out.title === undefined && out.text === undefined ? undefined : out;
}

/** True when `parseMessageTemplate` answered a problem. */
export function isTemplateProblem(v: MessageTemplate | TemplateProblem | undefined): v is TemplateProblem {
  return !!v && 'message' in v;
}

const compiled = new Map<string, TitleTemplate>();

/** Renders one template part; `lookup` answers placeholder and alert field values. */
export function renderMessageTemplate(text: string, lookup: (name: string) => FieldValue | undefined): string {
  let t = compiled.get(text);
  if (!t) {
    const c = compileTitle(text);
    // Saved templates were validated; one that no longer compiles is shown as written rather than lost.
    if (typeof c === 'string') return text;
    if (compiled.size > 1000) compiled.clear();
    compiled.set(text, (t = c));
  }
  let out = '';
  for (const p of t.parts) {
    if (typeof p === 'string') out += p;
    else {
      const v = lookup(p.field);
      out += v === undefined || v === null ? '-' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  }
  return out;
}
