/** Problems of the open document that only the whole workspace shows: an event type another flow binds too. */
import { duplicateBindingProblems, eventBindings, type Catalogue, type FlowDocument, type Problem, type Reference } from '@flowbridge/flow-model';

/**
 * The cross-flow problems of `document`, given the event type bindings the server indexed for the
 * workspace (`others`); the open document's own bindings are read live, so editing them updates at once.
 */
export function crossFlowProblems(document: FlowDocument, catalogue: Catalogue, others: readonly Reference[], savedName: string | null): Problem[] {
  const elsewhere = others.filter((r) => r.flow !== document.name && r.flow !== savedName);
  if (elsewhere.length === 0) return [];
  return duplicateBindingProblems([...elsewhere, ...eventBindings(document, catalogue)])
    .filter(([flow]) => flow === document.name)
    .map(([, problem]) => problem);
}
