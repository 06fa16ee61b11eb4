/** An expression field: the CodeMirror editor once loaded, a plain text area until then. */
import { lazy, Suspense } from 'react';
import type { WidgetProps } from '../widget-props';
import { asText } from '../widget-props';
import { ExpressionPreview } from '../../expression/ExpressionPreview';

const ExpressionEditor = lazy(() => import('../../expression/ExpressionEditor'));

export function ExpressionField({ id, field, value, context, onChange, onCommit, template }: WidgetProps & { template?: boolean }) {
  const text = asText(value);
  const fallback = <textarea id={id} data-placeholder-editor aria-label={field.label} value={text} rows={2} onChange={(e) => onChange(e.target.value)} onBlur={onCommit} />;
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
      />
    </Suspense>
    <ExpressionPreview text={text} template={template ?? false} nodeId={context.nodeId} />
    </>
  );
}
