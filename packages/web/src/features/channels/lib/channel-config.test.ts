import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPE_SPECS } from '@vigil/contracts';
import { SECRET_MASK, configBody, initialTemplate, initialValues, templateBody } from './channel-config.ts';

const spec = (t: string) => CHANNEL_TYPE_SPECS.find((s) => s.type === t)!;

describe('channel config forms', () => {
  it('starts secrets empty even when the server answered them masked', () => {
    const v = initialValues(spec('webhook'), { url: SECRET_MASK, allow_private: true });
    expect(v).toMatchObject({ url: '', secret: '', allow_private: true });
  });

  it('sends a kept secret as the mask, a new one as typed, and leaves empty optional fields out', () => {
    const stored = { url: SECRET_MASK, secret: SECRET_MASK };
    expect(configBody(spec('webhook'), { url: '', secret: 'new-secret', previous_secret: '', allow_private: false }, stored)).toEqual({ url: SECRET_MASK, secret: 'new-secret' });
    expect(configBody(spec('webhook'), { url: 'https://h.example/x', secret: '', previous_secret: '', allow_private: true })).toEqual({ url: 'https://h.example/x', allow_private: true });
  });

  it('splits list fields and keeps integers as numbers', () => {
    const body = configBody(spec('email'), { ...initialValues(spec('email')), host: 'smtp.example.org', port: 2525, from: 'v@example.org', to: 'a@example.org, b@example.org\nc@example.org' });
    expect(body).toEqual({ host: 'smtp.example.org', port: 2525, from: 'v@example.org', to: ['a@example.org', 'b@example.org', 'c@example.org'] });
  });

  it('keeps a stored template override through an edit and sends only the parts written', () => {
    const t = initialTemplate({ url: SECRET_MASK, template: { title: '[{{severity}}] {{rule_title}}' } });
    expect(t).toEqual({ title: '[{{severity}}] {{rule_title}}', text: '' });
    expect(templateBody(t)).toEqual({ title: '[{{severity}}] {{rule_title}}' });
    expect(templateBody({ title: ' ', text: 'line 1\n  line 2\n\n' })).toEqual({ text: 'line 1\n  line 2' });
    expect(templateBody({ title: '', text: '' })).toBeUndefined();
    expect(initialTemplate({})).toEqual({ title: '', text: '' });
  });
});
