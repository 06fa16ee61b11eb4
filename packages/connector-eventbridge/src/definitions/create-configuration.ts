import { defineActivityDefinition } from '@flowbridge/flow-model';
import type { Catalogue, FlowNode, NodeIssue } from '@flowbridge/flow-model';

/** The type a callback flow's single parameter must have. */
export const CALLBACK_PARAMETER_TYPE = 'HttpRequest';

/** `eventbridge.CreateConfiguration`: binds an event type (detail-type) to a callback flow. */
export const createConfiguration = defineActivityDefinition({
  kind: 'eventbridge.CreateConfiguration',
  label: 'Create Configuration',
  category: 'EventBridge',
  keywords: ['setup', 'webhook', 'http', 'callback', 'receive events', 'endpoint'],
  icon: '🔀',
  description: 'Routes events of one type (their detail-type) to a callback flow with one HttpRequest parameter. Running it again replaces the binding.',
  fields: [
    { name: 'eventType', label: 'Event type', widget: 'expression', type: 'String', required: true, default: "'OrderPlaced'", eventTypes: 'binding', help: 'The detail-type of the events to route.' },
    { name: 'callbackFlow', label: 'Callback flow', widget: 'flow', flowParameterType: CALLBACK_PARAMETER_TYPE, required: true, help: `A flow with exactly one parameter of type ${CALLBACK_PARAMETER_TYPE}.` },
  ],
  ports: [{ id: 'out' }],
  validate: validateCreateConfiguration,
});

/** Checks the callback flow against the workspace's flows, when the catalogue knows them. */
export function validateCreateConfiguration(node: FlowNode, catalogue: Catalogue): NodeIssue[] {
  const flowName = node.config.callbackFlow;
  if (typeof flowName !== 'string' || flowName === '' || !catalogue.flows) return [];
  return callbackFlowIssues(flowName, catalogue);
}

/** Why `flowName` cannot be a callback flow, if it cannot; shared by the validator and the activity. */
export function callbackFlowIssues(flowName: string, catalogue: Catalogue): NodeIssue[] {
  const signature = catalogue.flows?.get(flowName);
  if (!signature) {
    return [{ severity: 'error', code: 'unknown-flow', field: 'callbackFlow', message: `Callback flow "${flowName}" does not exist in the workspace.` }];
  }
  const httpParameters = signature.parameters.filter((p) => p.type === CALLBACK_PARAMETER_TYPE);
  if (signature.parameters.length !== 1 || httpParameters.length !== 1) {
    const found = signature.parameters.length === 0 ? 'none' : signature.parameters.map((p) => `${p.name}: ${p.type}`).join(', ');
    return [
      {
        severity: 'error',
        code: 'callback-signature',
        field: 'callbackFlow',
        message: `Callback flow "${flowName}" must have exactly one parameter, of type ${CALLBACK_PARAMETER_TYPE}; it has ${found}.`,
      },
    ];
  }
  return [];
}
