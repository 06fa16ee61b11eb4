/**
 * The CodeMirror expression editor: JSONata highlighting, Ctrl+Space completion of variables in scope
 * (with types and fields), constants and enumeration values, and inline syntax errors. Loaded on demand
 * (see ExpressionField), so CodeMirror is not part of the initial bundle.
 */
import { useEffect, useRef } from 'react';
import { Annotation, EditorState, Compartment, Transaction } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExtension } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting, bracketMatching } from '@codemirror/language';
import { autocompletion, closeBrackets, completionKeymap, type CompletionContext, type CompletionResult as CmResult } from '@codemirror/autocomplete';
import { linter, type Diagnostic } from '@codemirror/lint';
import { expressionSyntaxError } from '@flowbridge/flow-model';
import { complete, completeInTemplate, type CompletionScope } from './completion';
import { jsonataLanguage, templateLanguage } from './jsonata-language';

/** Marks a change that came from the document (undo, another panel), so it is not reported back as an edit. */
const fromDocument = Annotation.define<boolean>();

export interface ExpressionEditorProps {
  id: string;
  label: string;
  value: string;
  scope: CompletionScope;
  /** Literal text with `{{ }}` placeholders: only the placeholders are checked. */
  template?: boolean;
  placeholder?: string;
  onChange(value: string): void;
  onBlur?(): void;
  /** Set to a caret offset by the text area this editor replaces when that had focus: the editor takes it over. */
  focusHandoff?: { current: number | null };
}

/** Syntax errors of an expression as CodeMirror diagnostics (the error's position is where parsing stopped). */
export function expressionDiagnostics(text: string): Diagnostic[] {
  if (text.trim() === '') return [];
  const error = expressionSyntaxError(text);
  if (!error) return [];
  const to = Math.min(Math.max(error.position, 1), text.length);
  return [{ from: Math.max(0, to - 1), to, severity: 'error', message: error.message }];
}

function templateDiagnostics(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const match of text.matchAll(/\{\{(.*?)\}\}/gs)) {
    const start = (match.index ?? 0) + 2;
    for (const d of expressionDiagnostics(match[1] ?? '')) out.push({ ...d, from: start + d.from, to: start + d.to });
  }
  return out;
}

export default function ExpressionEditor({ id, label, value, scope, template, placeholder, onChange, onBlur, focusHandoff }: ExpressionEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ scope, onChange, onBlur });
  latest.current = { scope, onChange, onBlur };
  const attributes = useRef(new Compartment()).current;

  useEffect(() => {
    const source = (context: CompletionContext): CmResult | null => {
      const text = context.state.doc.toString();
      const result = (template ? completeInTemplate : complete)(text, context.pos, latest.current.scope, context.explicit);
      if (!result || result.options.length === 0) return null;
      return {
        from: result.from,
        options: result.options.map((o) => ({ label: o.label, apply: o.apply, detail: o.detail, info: o.info, type: o.kind, ...(o.boost === undefined ? {} : { boost: o.boost }) })),
        // Not past a dot: `$Request.` must ask again for the fields of $Request, not filter the variable list.
        validFor: /^[\w$-]*$/,
      };
    };
    const state = EditorState.create({
      doc: value,
      extensions: [
        history(),
        template ? templateLanguage : jsonataLanguage,
        syntaxHighlighting(defaultHighlightStyle),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ override: [source], activateOnTyping: true }),
        linter((v) => (template ? templateDiagnostics : expressionDiagnostics)(v.state.doc.toString()), { delay: 250 }),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        placeholderExtension(placeholder ?? ''),
        attributes.of(EditorView.contentAttributes.of({ 'aria-label': label, id, 'data-testid': `expression-${id}` })),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.some((t) => t.annotation(fromDocument))) latest.current.onChange(update.state.doc.toString());
          if (update.focusChanged && !update.view.hasFocus) latest.current.onBlur?.();
        }),
      ],
    });
    view.current = new EditorView({ state, parent: host.current! });
    const caret = focusHandoff?.current;
    if (focusHandoff && caret !== null && caret !== undefined) {
      focusHandoff.current = null;
      const at = Math.min(caret, view.current.state.doc.length);
      view.current.dispatch({ selection: { anchor: at } });
      view.current.focus();
    }
    return () => {
      view.current?.destroy();
      view.current = null;
    };
    // The editor is created once (props reach it through `latest`); outside value changes (undo) are synced below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: [fromDocument.of(true), Transaction.addToHistory.of(false)] });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: attributes.reconfigure(EditorView.contentAttributes.of({ 'aria-label': label, id, 'data-testid': `expression-${id}` })) });
  }, [attributes, label, id]);

  return <div className="expression-editor" ref={host} />;
}
