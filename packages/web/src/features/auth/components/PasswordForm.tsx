/**
 * The change-password form, used by the forced change screen and by the profile settings.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { readableMessage } from '../../../api/api-error.ts';

/** Minimum password length the UI asks for; the server has the last word. */
export const MIN_PASSWORD_LENGTH = 12;

export interface PasswordFormProps {
  onSubmit: (currentPassword: string, newPassword: string) => Promise<void>;
  submitLabel?: string;
  onDone?: () => void;
}

export function PasswordForm({ onSubmit, submitLabel = 'Change password', onDone }: PasswordFormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const tooShort = next.length > 0 && next.length < MIN_PASSWORD_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== next;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (tooShort || mismatch || !next) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      onDone?.();
    } catch (err) {
      setError(readableMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Change password">
      <Stack gap="sm">
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <PasswordInput label="Current password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          required
          description={`At least ${MIN_PASSWORD_LENGTH} characters`}
          error={tooShort ? `Use at least ${MIN_PASSWORD_LENGTH} characters` : undefined}
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <PasswordInput label="Repeat new password" autoComplete="new-password" required error={mismatch ? 'The passwords differ' : undefined} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} />
        <Button type="submit" loading={busy} disabled={tooShort || mismatch}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
