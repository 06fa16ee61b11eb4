/** One field of a property panel: its label, the widget its definition asks for, help and problems. */
import type { ReactNode } from 'react';
import type { FieldWidget } from '@flowbridge/flow-model';
import type { WidgetProps } from './widget-props';
import { ExpressionField } from './widgets/ExpressionField';
import { FlowField } from './widgets/FlowField';
import { ParameterMapField } from './widgets/ParameterMapField';
import { RegionField } from './widgets/RegionField';
import { CheckboxField, ConstantField, EnumerationField, NumberField, SelectField, TextField, VariableField } from './widgets/SimpleFields';
import { TableField } from './widgets/TableField';
import { TypeField } from './widgets/TypeField';
import { VariableRefField } from './widgets/VariableRefField';

type Widget = (props: WidgetProps) => ReactNode;

/**
 * The editor's field-kind table: the widget of each `FieldWidget`, keyed like flow-model's `FIELD_KINDS`
 * (a new kind without a widget here fails the build).
 */
const FIELD_WIDGETS: Readonly<Record<FieldWidget, Widget>> = {
  expression: (props) => <ExpressionField {...props} />,
  template: (props) => <ExpressionField {...props} template />,
  region: (props) => <RegionField {...props} />,
  'variable-ref': (props) => <VariableRefField {...props} />,
  select: (props) => <SelectField {...props} />,
  checkbox: (props) => <CheckboxField {...props} />,
  number: (props) => <NumberField {...props} />,
  table: (props) => <TableField {...props} cellEditor={FieldEditor} />,
  flow: (props) => <FlowField {...props} />,
  'parameter-map': (props) => <ParameterMapField {...props} />,
  type: (props) => <TypeField {...props} />,
  variable: (props) => <VariableField {...props} />,
  enumeration: (props) => <EnumerationField {...props} />,
  constant: (props) => <ConstantField {...props} />,
  text: (props) => <TextField {...props} />,
  'variable-name': (props) => <TextField {...props} />,
};

/** The widget for a field definition (plain text for a kind this editor does not know, e.g. from a newer document). */
function widgetFor(props: WidgetProps): ReactNode {
  return (FIELD_WIDGETS[props.field.widget] ?? FIELD_WIDGETS.text)(props);
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
