import type { FieldWidget } from '@flowbridge/flow-model';

/**
 * The `constant` widget: the field holds a constant name `Module.Name`, resolved by the host's constants.
 * Cast because the flow-model in this tree may predate the widget (issue 3 adds it); the cast is a no-op once it exists.
 */
export const CONSTANT_WIDGET = 'constant' as FieldWidget;
