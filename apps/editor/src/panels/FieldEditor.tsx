/** One field of a property panel: its label, the widget its definition asks for, help and problems. */
import type { ReactNode } from 'react';
import type { WidgetProps } from './widget-props';
import { ExpressionField } from './widgets/ExpressionField';
import { FlowField } from './widgets/FlowField';
import { ParameterMapField } from './widgets/ParameterMapField';
import { RegionField } from './widgets/RegionField';
import { CheckboxField, ConstantField, EnumerationField, NumberField, SelectField, TextField, VariableField } from './widgets/SimpleFields';
import { TableField } from './widgets/TableField';
import { TypeField } from './widgets/TypeField';
import { VariableRefField } from './widgets/VariableRefField';

/** The widget for a field definition. */
function widgetFor(props: WidgetProps): ReactNode {
  switch (props.field.widget) {
    case 'expression':
      return <ExpressionField {...props} />;
    case 'template':
      return <ExpressionField {...props} template />;
    case 'region':
      return <RegionField {...props} />;
    case 'variable-ref':
      return <VariableRefField {...props} />;
    case 'select':
      return <SelectField {...props} />;
    case 'checkbox':
      return <CheckboxField {...props} />;
    case 'number':
      return <NumberField {...props} />;
    case 'table':
      return <TableField {...props} />;
    case 'flow':
      return <FlowField {...props} />;
    case 'parameter-map':
      return <ParameterMapField {...props} />;
    case 'type':
      return <TypeField {...props} />;
    case 'variable':
      return <VariableField {...props} />;
    case 'enumeration':
      return <EnumerationField {...props} />;
    case 'constant':
      return <ConstantField {...props} />;
    case 'text':
    case 'variable-name':
    default:
      return <TextField {...props} />;
  }
}

/** Widgets that label themselves (groups) rather than through a <label for>. */
const GROUP_WIDGETS = new Set(['table', 'parameter-map']);

export function FieldEditor(props: WidgetProps & { problem?: string | undefined }) {
  const { id, field, problem } = props;
  return (
    <div className={`field widget-${field.widget}`} data-field={field.name}>
      {GROUP_WIDGETS.has(field.widget) ? (
        <span className="field-label">{field.label}</span>
      ) : (
        <label htmlFor={id}>
          {field.label}
          {field.required ? ' *' : ''}
          {field.type && field.widget === 'expression' && <small className="field-type"> {field.type}</small>}
        </label>
      )}
      {widgetFor(props)}
      {field.help && <small className="help">{field.help}</small>}
      {problem && <div className="field-problem">{problem}</div>}
    </div>
  );
}
