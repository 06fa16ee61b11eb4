/**
 * The property panel for one activity node: its fields (generated from its definition), its problems,
 * connector panels and last-run data. It is loaded when a node is first selected (see PropertyPanel.tsx):
 * its widgets, scope analysis and JSONata are not needed to draw a flow.
 */
import { useMemo } from 'react';
import { variablesInScope, type FlowNode } from '@flowbridge/flow-model';
import { setField, setLabel } from '../document/commands';
import { useEditor } from '../store/use-editor';
import { FieldEditor } from './FieldEditor';
import { ActivityPanels } from './ActivityPanels';
import { LastRunData } from './LastRunData';
import { ParameterSamples } from './ParameterSamples';
import { useParameterSamples } from '../expression/parameter-samples';
import { ParametersEditor, ReturnTypeEditor } from './FlowSignatureEditor';
import type { FieldContext } from './widget-props';

/** The selected activity node's properties. */
export function NodePanel({ node }: { node: FlowNode }) {
  const document = useEditor((s) => s.document);
  const catalogue = useEditor((s) => s.catalogue);
  const flows = useEditor((s) => s.flows);
  const constants = useEditor((s) => s.constants);
  const problems = useEditor((s) => s.problems);
  const apply = useEditor((s) => s.apply);
  const endGesture = useEditor((s) => s.endGesture);
  const definition = catalogue.activities.get(node.kind);
  // Scope depends on the graph, not on positions: recompute only when nodes' configs or edges change.
  const variables = useMemo(() => variablesInScope(document, catalogue, node.id), [document.edges, document.parameters, configsKey(document.nodes), catalogue, node.id]);
  const samples = useParameterSamples();
  const context: FieldContext = { nodeId: node.id, config: node.config, variables, catalogue, flows, constants, samples };
  const nodeProblems = problems.filter((p) => p.nodeId === node.id);
  const general = nodeProblems.filter((p) => !p.field || !definition?.fields.some((f) => f.name === p.field));

  if (!definition) {
    return (
      <>
        <h2>Unknown activity</h2>
        <p className="field-problem">"{node.kind}" is not in the catalogue; is its connector installed? Its settings are kept as they are.</p>
        <pre>{JSON.stringify(node.config, null, 2)}</pre>
      </>
    );
  }
  return (
    <>
      <h2>
        <span aria-hidden>{definition.icon}</span> {definition.label}
      </h2>
      <p className="hint">{definition.description}</p>
      {general.map((p, i) => (
        <div key={i} className={`field-problem ${p.severity}`}>
          {p.message}
        </div>
      ))}
      <div className="field">
        <label htmlFor="node-caption">Caption</label>
        <input id="node-caption" value={node.label ?? ''} placeholder={definition.label} onChange={(e) => apply((d) => setLabel(d, node.id, e.target.value), { group: `caption:${node.id}` })} onBlur={endGesture} />
      </div>
      {definition.role === 'start' && <ParametersEditor />}
      {definition.role === 'start' && <ParameterSamples />}
      {definition.role === 'end' && <ReturnTypeEditor />}
      {definition.fields.map((field) => (
        <FieldEditor
          key={`${node.id}:${field.name}`}
          id={`field-${field.name}`}
          field={field}
          value={node.config[field.name]}
          context={context}
          problem={nodeProblems.find((p) => p.field === field.name)?.message}
          onChange={(value) => apply((d) => setField(d, node.id, field.name, value), { group: `field:${node.id}:${field.name}` })}
          onCommit={endGesture}
        />
      ))}
      <ActivityPanels node={node} />
      <LastRunData nodeId={node.id} />
    </>
  );
}

/** Identity of all nodes' configs and kinds, ignoring positions (moving a node does not change scopes). */
function configsKey(nodes: readonly FlowNode[]): string {
  return nodes.map((n) => `${n.id}:${n.kind}:${configIds.get(n.config) ?? assignId(n.config)}`).join(',');
}
const configIds = new WeakMap<object, number>();
let nextConfigId = 0;
function assignId(config: object): number {
  const id = ++nextConfigId;
  configIds.set(config, id);
  return id;
}
