import { defineActivityDefinition } from '../define-activity-definition.js';
import type { Catalogue, PortDefinition } from '../activity-definition.js';

/** The outcome port taken when an enumeration decision's value is empty. */
export const EMPTY_OUTCOME = 'empty';

/** Branches on a boolean condition, or on the value of an enumeration. */
export const decision = defineActivityDefinition({
  kind: 'core.Decision',
  label: 'Decision',
  category: 'Control',
  keywords: ['if', 'else', 'condition', 'branch', 'switch', 'when', 'choice', 'exclusive split'],
  icon: '◆',
  description: 'Follows the true or false path of a condition; with an enumeration, one path per value (plus "empty").',
  role: 'decision',
  fields: [
    { name: 'condition', label: 'Condition', widget: 'expression', required: true, help: 'JSONata: a Boolean, e.g. $Order.total > 100; or an enumeration value.' },
    { name: 'enumeration', label: 'Enumeration', widget: 'enumeration', help: 'Leave empty for a true/false decision.' },
  ],
  ports: decisionPorts,
  validate(node, catalogue) {
    const name = node.config.enumeration;
    if (typeof name === 'string' && name !== '' && !catalogue.enumerations.has(name)) {
      return [{ severity: 'error', code: 'unknown-enumeration', field: 'enumeration', message: `There is no enumeration "${name}"; pick one from the list or leave it empty.` }];
    }
    return [];
  },
});

/** `true`/`false`, or one port per enumeration value plus `empty`. */
export function decisionPorts(config: Readonly<Record<string, unknown>>, catalogue?: Catalogue): ReadonlyArray<PortDefinition> {
  const name = config.enumeration;
  if (typeof name !== 'string' || name === '') return [{ id: 'true', label: 'true' }, { id: 'false', label: 'false' }];
  const enumeration = catalogue?.enumerations.get(name);
  if (!enumeration) return [{ id: EMPTY_OUTCOME, label: '(empty)' }];
  return [...enumeration.values.map((v) => ({ id: v.value, label: v.label })), { id: EMPTY_OUTCOME, label: '(empty)' }];
}
