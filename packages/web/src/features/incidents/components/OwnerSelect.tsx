/**
 * Picks an incident owner from the tenant's enabled users (the read-scope user list behind alert
 * assignment), searchable; an owner no longer in the list (a disabled user) stays shown.
 */
import { Select, type SelectProps } from '@mantine/core';
import { useAssignees } from '../../alerts/index.ts';

export interface OwnerSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: string | null;
  onChange: (owner: string | null) => void;
}

/** A searchable, clearable user select; `null` means unassigned. */
export function OwnerSelect({ value, onChange, ...props }: OwnerSelectProps) {
  const users = useAssignees().data?.assignees ?? [];
  const data = [...new Set([...users, ...(value ? [value] : [])])].sort().map((u) => ({ value: u, label: u }));
  return (
    <Select
      data={data}
      value={value}
      onChange={(v) => onChange(v ?? null)}
      searchable
      clearable
      nothingFoundMessage="No such user"
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
