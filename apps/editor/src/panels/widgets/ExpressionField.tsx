/** An expression field: the CodeMirror editor once loaded, a plain text area until then. */
import { lazy, Suspense, useRef } from 'react';
import type { WidgetProps } from '../widget-props';
import { asText } from '../widget-props';
import { ExpressionPreview } from '../../expression/ExpressionPreview';

const loadExpressionEditor = () => import('../../expression/ExpressionEditor');
const ExpressionEditor = lazy(loadExpressionEditor);

/**
 * Fetches the expression editor's code ahead of the first property panel, so the plain text area it
 * stands in for is rarely seen (typing into it while the swap happens would lose focus mid-word).
 */
export function preloadExpressionEditor(): Promise<void> {
  return loadExpressionEditor().then(
    () => undefined,
    () => undefined,
  );
}

export function ExpressionField({ id, field, value, context, onChange, onCommit, template }: WidgetProps & { template?: boolean }) {
  const text = asText(value);
  // When the editor replaces the text area while someone is typing in it, focus and caret move with it.
  const handoff = useRef<number | null>(null);
  const fallback = (
    <textarea
      id={id}
      data-placeholder-editor
      aria-label={field.label}
      value={text}
      rows={2}
      ref={(el) => () => {
        if (el && el.ownerDocument.activeElement === el) handoff.current = el.selectionStart;
      }}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onCommit}
    />
  );
  return (
    <>
    <Suspense fallback={fallback}>
      <ExpressionEditor
        id={id}
        label={field.label}
        value={text}
        template={template ?? false}
        placeholder={template ? 'Text with {{ expression }} placeholders' : field.type ? `JSONata, yields ${field.type}` : 'JSONata expression'}
        scope={{ variables: context.variables, catalogue: context.catalogue, ...(field.type ? { expectedType: field.type } : {}), ...(context.samples ? { samples: context.samples } : {}) }}
        onChange={onChange}
        onBlur={onCommit}
        focusHandoff={handoff}
      />
    </Suspense>
    <ExpressionPreview text={text} template={template ?? false} nodeId={context.nodeId} />
    </>
  );
}
