/**
 * The rule editor's YAML view: CodeMirror 6 with YAML highlighting in the app's colours (light and
 * dark), line numbers, and the validation problems drawn at their line and column (underline, gutter
 * marker, hover text). Loaded lazily: only the rule editor pays for it.
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { Box } from '@mantine/core';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';
import { tags } from '@lezer/highlight';
import type { RuleValidationProblem } from '@vigil/contracts';

/** What the editor page can ask of the editor. */
export interface YamlEditorHandle {
  /** Puts the cursor at a 1-based line and column and scrolls it into view. */
  jumpTo(line: number, column: number): void;
}

export interface YamlEditorProps {
  value: string;
  onChange: (text: string) => void;
  problems: RuleValidationProblem[];
  readOnly?: boolean;
  label?: string;
  editorRef?: Ref<YamlEditorHandle>;
}

// Mantine's `-text` colour variables follow the colour scheme, so one style serves light and dark.
const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--mantine-color-blue-text)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--mantine-color-green-text)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--mantine-color-orange-text)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--mantine-color-dimmed)', fontStyle: 'italic' },
  { tag: [tags.keyword, tags.typeName, tags.labelName, tags.meta], color: 'var(--mantine-color-grape-text)' },
  { tag: [tags.punctuation, tags.separator, tags.squareBracket, tags.brace], color: 'var(--mantine-color-dimmed)' },
]);

const theme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: 'var(--mantine-color-body)', color: 'var(--mantine-color-text)', border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' },
  '&.cm-focused': { outline: '2px solid var(--mantine-primary-color-filled)', outlineOffset: '-1px' },
  '.cm-content': { fontFamily: 'var(--mantine-font-family-monospace)', caretColor: 'var(--mantine-color-text)', minHeight: '320px' },
  '.cm-scroller': { fontFamily: 'var(--mantine-font-family-monospace)', lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: 'var(--mantine-color-default-hover)', color: 'var(--mantine-color-dimmed)', border: 'none', borderRadius: 'var(--mantine-radius-md) 0 0 var(--mantine-radius-md)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--mantine-primary-color-light) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--mantine-primary-color-light)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--mantine-primary-color-light) !important' },
  '.cm-tooltip': { backgroundColor: 'var(--mantine-color-body)', color: 'var(--mantine-color-text)', border: '1px solid var(--mantine-color-default-border)' },
});

/** Problems as CodeMirror diagnostics: from the reported column to the end of that word (or line). */
export function toDiagnostics(state: EditorState, problems: RuleValidationProblem[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const lineNo = Math.min(Math.max(1, p.line ?? 1), state.doc.lines);
    const line = state.doc.line(lineNo);
    const from = Math.min(line.to, line.from + Math.max(0, (p.column ?? 1) - 1));
    const rest = state.doc.sliceString(from, line.to);
    const word = /^\S+/.exec(rest)?.[0].length ?? 0;
    const to = word ? from + word : line.to > from ? line.to : from;
    out.push({ from, to, severity: 'error', message: `${p.path ? `${p.path}: ` : ''}${p.message}`, source: p.code });
  }
  return out;
}

export function YamlEditor({ value, onChange, problems, readOnly, label = 'Rule YAML', editorRef }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const editable = useRef(new Compartment());

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          lintGutter(),
          yaml(),
          syntaxHighlighting(highlight),
          theme,
          EditorState.tabSize.of(2),
          keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap]),
          editable.current.of([EditorState.readOnly.of(!!readOnly), EditorView.editable.of(!readOnly)]),
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'yaml-editor' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is created once; value, problems and readOnly flow in through the effects below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, toDiagnostics(v.state, problems)));
  }, [problems, value]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(!!readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly]);

  useImperativeHandle(editorRef, () => ({
    jumpTo(line: number, column: number) {
      const v = view.current;
      if (!v) return;
      const l = v.state.doc.line(Math.min(Math.max(1, line), v.state.doc.lines));
      const pos = Math.min(l.to, l.from + Math.max(0, column - 1));
      v.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      v.focus();
    },
  }), []);

  return <Box ref={host} data-testid="yaml-editor-host" />;
}
