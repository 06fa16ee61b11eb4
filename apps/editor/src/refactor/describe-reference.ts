/** How the refactoring tools word references and edits for people: flow, node caption, field. */
import type { Reference, ReferenceEdit } from './refactor-api';

const USAGE_WORDS: Record<string, string> = {
  'call-flow': 'calls it',
  'callback-flow': 'callback flow',
  'flow-field': 'names it',
  'after-startup': 'runs it after start-up',
  'constant-in-expression': 'reads it in an expression',
  'constant-field': 'takes it as a constant',
  'settings-constant': 'setting',
  'enumeration-field': 'enumeration',
  type: 'type',
  'event-type-binding': 'binds it',
  'event-type-use': 'names it',
  'flow-parameter': 'argument',
};

/** Where a reference is: `ASU_System › "Bind orders"`, or `settings.json`. */
export function whereOf(reference: Pick<Reference, 'flow' | 'nodeLabel'>): string {
  if (!reference.flow) return 'settings.json';
  return reference.nodeLabel ? `${reference.flow} › "${reference.nodeLabel}"` : reference.flow;
}

/** What the reference does: `Callback flow (callback flow)`. */
export function howOf(reference: Reference): string {
  const words = USAGE_WORDS[reference.usage] ?? reference.usage;
  return reference.fieldLabel ? `${reference.fieldLabel} — ${words}` : words;
}

/** One line of a rename preview: where, then `before → after`. */
export function describeEdit(edit: ReferenceEdit): { text: string; detail: string } {
  const where = edit.flow ? whereOf(edit) : edit.file;
  return { text: `${where} · ${edit.fieldLabel ?? edit.field}`, detail: `${edit.before} → ${edit.after}` };
}
