/**
 * The query bar: a monospace input with field and value completion, a syntax cheat sheet, and
 * syntax errors shown at the column the server reported.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ActionIcon, Box, Code, Combobox, Group, Popover, Text, TextInput, Tooltip, useCombobox } from '@mantine/core';
import { IconHelpCircle, IconSearch } from '@tabler/icons-react';
import { ApiError } from '../../api/api-error.ts';
import { applyCompletion, cursorContext, type CursorContext } from '../../lib/query-text.ts';
import type { TimeRange } from '../../lib/time.ts';
import { SyntaxHelp } from './SyntaxHelp.tsx';
import { QUERY_INPUT_STYLE } from './query-input-style.ts';
import { useCompletions } from './useCompletions.ts';

export interface QueryBarProps {
  /** The committed query; the bar edits a draft until Enter. */
  value: string;
  onSubmit: (query: string) => void;
  /** The last error of running the query; syntax errors get a caret under their column. */
  error?: unknown;
  /** The range completions look in. */
  range: TimeRange;
  label?: string;
  placeholder?: string;
  autoFocus?: boolean;
  rightSection?: ReactNode;
  /** Called with the draft as it changes (used to keep the URL in sync only on submit). */
  onDraftChange?: (draft: string) => void;
}

const NONE: CursorContext = { kind: 'none' };


export function QueryBar({ value, onSubmit, error, range, label = 'Query', placeholder = 'Search events, e.g. host.name:web-* AND event.outcome:failure', autoFocus, rightSection, onDraftChange }: QueryBarProps) {
  const [draft, setDraft] = useState(value);
  const [ctx, setCtx] = useState<CursorContext>(NONE);
  const [focused, setFocused] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const completions = useCompletions(ctx, range, focused);

  useEffect(() => setDraft(value), [value]);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (focused && completions.length > 0) combobox.openDropdown();
    else combobox.closeDropdown();
    // The combobox store is stable in behaviour; only the list and focus drive opening.
  }, [completions.length, focused]);

  const location = error instanceof ApiError ? error.queryLocation : null;
  const errorText = error ? (error instanceof Error ? error.message : String(error)) : null;

  const updateCtx = (text: string, el: HTMLInputElement | null) => {
    const cursor = el?.selectionStart ?? text.length;
    setCtx(cursorContext(text, cursor));
  };

  const change = (text: string, el: HTMLInputElement) => {
    setDraft(text);
    onDraftChange?.(text);
    updateCtx(text, el);
  };

  const submit = (text = draft) => {
    combobox.closeDropdown();
    setCtx(NONE);
    onSubmit(text.trim());
  };

  const pick = (insert: string) => {
    const next = applyCompletion(draft, ctx, insert);
    setDraft(next.query);
    onDraftChange?.(next.query);
    requestAnimationFrame(() => {
      const el = input.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(next.cursor, next.cursor);
      setCtx(cursorContext(next.query, next.cursor));
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const optionSelected = combobox.dropdownOpened && combobox.getSelectedOptionIndex() !== -1;
    if (e.key === 'Enter' && !optionSelected) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Tab' && combobox.dropdownOpened && completions.length > 0 && !e.shiftKey) {
      e.preventDefault();
      const idx = Math.max(0, combobox.getSelectedOptionIndex());
      pick(completions[idx].insert);
    } else if (e.key === 'Escape' && !combobox.dropdownOpened) {
      input.current?.blur();
    }
  };

  const jumpToError = () => {
    if (!location || !input.current) return;
    input.current.focus();
    const pos = Math.max(0, Math.min(draft.length, location.position));
    input.current.setSelectionRange(pos, Math.min(draft.length, pos + 1));
  };

  return (
    <Box>
      <Group gap="xs" wrap="wrap" align="flex-start">
        <Box style={{ flex: '1 1 300px', minWidth: 0 }}>
          <Combobox store={combobox} onOptionSubmit={(v) => pick(v)} withinPortal={false} position="bottom-start">
            <Combobox.Target withExpandedAttribute>
              <TextInput
                ref={input}
                aria-label={label}
                placeholder={placeholder}
                value={draft}
                spellCheck={false}
                autoCapitalize="off"
                autoCorrect="off"
                autoComplete="off"
                data-search-input
                data-testid="query-input"
                leftSection={<IconSearch size={16} />}
                styles={{ input: QUERY_INPUT_STYLE }}
                error={errorText ? true : undefined}
                aria-invalid={errorText ? true : undefined}
                aria-describedby={errorText ? 'query-error' : undefined}
                onChange={(e) => change(e.currentTarget.value, e.currentTarget)}
                onKeyDown={onKeyDown}
                onKeyUp={(e) => {
                  if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') updateCtx(draft, e.currentTarget);
                }}
                onClick={(e) => updateCtx(draft, e.currentTarget)}
                onFocus={(e) => {
                  setFocused(true);
                  updateCtx(draft, e.currentTarget);
                }}
                onBlur={() => {
                  setFocused(false);
                  combobox.closeDropdown();
                }}
              />
            </Combobox.Target>
            <Combobox.Dropdown hidden={completions.length === 0} data-testid="query-completions">
              <Combobox.Options aria-label="Completions">
                {completions.map((c) => (
                  <Combobox.Option value={c.insert} key={c.insert}>
                    <Group justify="space-between" wrap="nowrap" gap="md">
                      <Text size="sm" ff="monospace" truncate>{c.label}</Text>
                      {c.detail && <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{c.detail}</Text>}
                    </Group>
                  </Combobox.Option>
                ))}
              </Combobox.Options>
            </Combobox.Dropdown>
          </Combobox>
        </Box>
        <Group gap="xs" wrap="nowrap">
          <Popover opened={helpOpen} onChange={setHelpOpen} position="bottom-end" shadow="md" width="min(600px, 95vw)">
            <Popover.Target>
              <Tooltip label="Query syntax">
                <ActionIcon variant="default" size={36} aria-label="Query syntax help" onClick={() => setHelpOpen((o) => !o)}>
                  <IconHelpCircle size={18} />
                </ActionIcon>
              </Tooltip>
            </Popover.Target>
            <Popover.Dropdown>
              <SyntaxHelp
                onPick={(ex) => {
                  setHelpOpen(false);
                  setDraft(ex);
                  submit(ex);
                }}
              />
            </Popover.Dropdown>
          </Popover>
          {rightSection}
        </Group>
      </Group>
      {errorText && (
        <Box id="query-error" mt={6} role="alert" data-testid="query-error">
          <Text size="sm" c="red">
            {location ? `Syntax error at column ${location.column}: ` : ''}
            {errorText}
          </Text>
          {location && (
            <Code block mt={4} onClick={jumpToError} style={{ cursor: 'pointer', overflowX: 'auto' }} aria-label={`Error position, column ${location.column}`}>
              {value}
              {'\n'}
              <Text span c="red" fw={700} inherit>
                {' '.repeat(Math.max(0, location.column - 1))}^
              </Text>
            </Code>
          )}
        </Box>
      )}
    </Box>
  );
}
