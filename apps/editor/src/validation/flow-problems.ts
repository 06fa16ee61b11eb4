/**
 * Everything the Problems tab lists for the open flow: the flow model's own rules and the ones only the
 * workspace shows. It brings JSONata's parser with it, so the editor loads it on demand (see validator.ts).
 */
import { validate, type Catalogue, type FlowDocument, type Problem, type Reference } from '@flowbridge/flow-model';
import { crossFlowProblems } from '../refactor/cross-flow-problems';

/** The problems of `document`, given the workspace's other event type bindings and the name it is saved under. */
export function flowProblems(document: FlowDocument, catalogue: Catalogue, workspaceBindings: readonly Reference[], savedName: string | null): Problem[] {
  return [...validate(document, catalogue), ...crossFlowProblems(document, catalogue, workspaceBindings, savedName)];
}
