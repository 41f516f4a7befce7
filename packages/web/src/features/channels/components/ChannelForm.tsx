/**
 * Create or change a notification channel: name, type, whether new alerts go to it by default, and the
 * type's own config fields (from `CHANNEL_TYPE_SPECS`). Secrets are write-only: a stored one is never
 * shown, and leaving it empty keeps it.
 */
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, PasswordInput, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { CHANNEL_TYPE_SPECS, MESSAGE_TEMPLATE_PLACEHOLDERS, type Channel, type ChannelBody, type ChannelTypeName } from '@vigil/contracts';
import { ApiError, readableMessage } from '../../../api/api-error.ts';
import { configBody, hasStoredSecret, initialTemplate, initialValues, templateBody, type FieldValues } from '../lib/channel-config.ts';

/** The placeholders, for the template fields' help. */
const PLACEHOLDER_HELP = `Placeholders: ${Object.keys(MESSAGE_TEMPLATE_PLACEHOLDERS).map((n) => `{{${n}}}`).join(' ')} or an alert field such as {{host.name}}.`;

export interface ChannelFormProps {
  /** The channel being changed; absent to create one. */
  channel?: Channel;
  saving: boolean;
  error: unknown;
  onSubmit: (body: ChannelBody) => void;
  onCancel: () => void;
}

export function ChannelForm({ channel, saving, error, onSubmit, onCancel }: ChannelFormProps) {
  const [type, setType] = useState<ChannelTypeName>((channel?.type as ChannelTypeName | undefined) ?? 'webhook');
  const spec = CHANNEL_TYPE_SPECS.find((s) => s.type === type)!;
  const [name, setName] = useState(channel?.name ?? '');
  const [isDefault, setDefault] = useState(channel?.default ?? false);
  const [values, setValues] = useState<FieldValues>(() => initialValues(spec, channel?.config));
  const [tpl, setTpl] = useState(() => initialTemplate(channel?.config));
  const set = (k: string, v: string | boolean | number) => setValues((prev) => ({ ...prev, [k]: v }));
  const fieldError = error instanceof ApiError ? String((error.details as { field?: string } | undefined)?.field ?? '') : '';
  const errorFor = (field: string) => (fieldError === `config.${field}` || fieldError === field ? readableMessage(error) : undefined);
  const missing = spec.fields.filter((f) => f.required && !(hasStoredSecret(f, channel?.config)) && (typeof values[f.name] !== 'string' || !(values[f.name] as string).trim()));

  const submit = () => {
    const template = templateBody(tpl);
    onSubmit({ name: name.trim(), ...(channel ? {} : { type }), default: isDefault, config: { ...configBody(spec, values, channel?.config), ...(template ? { template } : {}) } });
  };

  return (
    <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); submit(); }} data-testid="channel-form">
      <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} error={errorFor('name')} data-autofocus />
      <Select
        label="Type"
        data={CHANNEL_TYPE_SPECS.map((s) => ({ value: s.type, label: s.label }))}
        value={type}
        onChange={(v) => {
          if (!v) return;
          const next = CHANNEL_TYPE_SPECS.find((s) => s.type === v)!;
          setType(next.type);
          setValues(initialValues(next));
        }}
        disabled={!!channel}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        description={spec.description}
      />
      {spec.fields.map((f) => {
        const stored = hasStoredSecret(f, channel?.config);
        const common = { label: f.label, description: f.help, required: f.required && !stored, error: errorFor(f.name), placeholder: f.placeholder };
        if (f.kind === 'boolean') return <Switch key={f.name} label={f.label} description={f.help} checked={values[f.name] === true} onChange={(e) => set(f.name, e.currentTarget.checked)} />;
        if (f.kind === 'integer') return <NumberInput key={f.name} {...common} value={values[f.name] as number | ''} onChange={(v) => set(f.name, typeof v === 'number' ? v : '')} min={1} allowDecimal={false} />;
        if (f.kind === 'secret') return <PasswordInput key={f.name} {...common} placeholder={stored ? 'Stored — type to replace, leave empty to keep' : f.placeholder} value={values[f.name] as string} onChange={(e) => set(f.name, e.currentTarget.value)} autoComplete="new-password" />;
        if (f.kind === 'list') return <Textarea key={f.name} {...common} autosize minRows={1} maxRows={4} value={values[f.name] as string} onChange={(e) => set(f.name, e.currentTarget.value)} />;
        return <TextInput key={f.name} {...common} value={values[f.name] as string} onChange={(e) => set(f.name, e.currentTarget.value)} spellCheck={false} />;
      })}
      <TextInput label="Title template" description={`Optional: replaces the default title (e.g. "[{{severity}}] {{rule_title}} on {{host.name}}").`} value={tpl.title} onChange={(e) => { const v = e.currentTarget.value; setTpl((t) => ({ ...t, title: v })); }} error={errorFor('template.title') ?? errorFor('template')} spellCheck={false} data-testid="template-title" />
      <Textarea label="Text template" description={`Optional: replaces the default lines (severity, rule, group, count, times…; {{facts}} puts them back). ${PLACEHOLDER_HELP}`} autosize minRows={2} maxRows={8} value={tpl.text} onChange={(e) => { const v = e.currentTarget.value; setTpl((t) => ({ ...t, text: v })); }} error={errorFor('template.text')} spellCheck={false} data-testid="template-text" />
      <Switch label="Default channel" description="Every newly opened alert is sent here (until routing rules exist)" checked={isDefault} onChange={(e) => setDefault(e.currentTarget.checked)} />
      <Text size="xs" c="dimmed">Secrets are encrypted at rest and never shown again after saving.</Text>
      {error && !fieldError ? <Alert color="red" variant="light" role="alert">{readableMessage(error)}</Alert> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>Cancel</Button>
        <Button type="submit" loading={saving} disabled={!name.trim() || missing.length > 0}>{channel ? 'Save channel' : 'Add channel'}</Button>
      </Group>
    </Stack>
  );
}
