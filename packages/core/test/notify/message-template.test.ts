/**
 * Channel message templates: parsed, never evaluated; problems name the part; values rendered from a
 * lookup with `-` for what is missing.
 */
import { describe, expect, it } from 'vitest';
import { parseMessageTemplate, renderMessageTemplate, isTemplateProblem } from '../../src/notify/message-template.ts';

describe('message templates', () => {
  it('accepts known placeholders and dotted alert fields; empty parts mean none', () => {
    expect(parseMessageTemplate({ title: '[{{severity}}] {{ rule_title }} on {{host.name}}', text: '' })).toEqual({ title: '[{{severity}}] {{ rule_title }} on {{host.name}}' });
    expect(parseMessageTemplate(undefined)).toBeUndefined();
    expect(parseMessageTemplate({ title: '', text: null })).toBeUndefined();
  });

  it('names the part and the problem', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ title: '{{sevrity}}' }, 'title', /\{\{sevrity\}\}, which is not a placeholder/],
      [{ text: 'a {{ b' }, 'text', /"\{\{" at character 3/],
      [{ subject: 'x' }, 'subject', /not a template part; use title or text/],
      [{ title: 7 }, 'title', /must be a string/],
      [{ text: 'x'.repeat(4001) }, 'text', /longer than 4000/],
      [['x'], '', /must be an object/],
    ];
    for (const [raw, part, why] of cases) {
      const p = parseMessageTemplate(raw);
      expect(isTemplateProblem(p)).toBe(true);
      expect(p).toMatchObject({ part, message: expect.stringMatching(why) });
    }
  });

  it('renders values, lists and missing fields without evaluating anything', () => {
    const values: Record<string, unknown> = { severity: 'high', tags: ['a', 'b'], 'host.name': 'web-1', count: 3, '__proto__': 'x' };
    const look = (n: string) => (Object.hasOwn(values, n) ? (values[n] as never) : undefined);
    expect(renderMessageTemplate('{{severity}} {{host.name}} x{{count}} [{{tags}}] {{source.ip}} ${process.exit(1)} {{constructor}}', look)).toBe('high web-1 x3 [a, b] - ${process.exit(1)} -');
  });
});
