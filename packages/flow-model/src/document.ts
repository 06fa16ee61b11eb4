/** The flow document: the versioned JSON contract between the editor, the workspace files and the runtime. */
import type { FlowSignature } from './activity-definition.js';
import type { FlowLimits } from './limits.js';

/** The format version this build writes. Older versions are migrated on load. */
export const FORMAT_VERSION = 1 as const;

/** A position on the canvas, in flow coordinates. */
export interface Position {
  x: number;
  y: number;
}

/** A typed input of a flow, bound as `$Name` when the flow runs. */
export interface FlowParameter {
  name: string;
  /** A type name, see `types.ts` (e.g. `String`, `List<Integer>`, `Credentials`). */
  type: string;
  description?: string;
}

/** One activity on the canvas. `id` is stable: renames and moves never change it. */
export interface FlowNode {
  id: string;
  /** Activity kind, `<connector>.<Activity>` (e.g. `core.LogMessage`, `eventbridge.PutEvents`). */
  kind: string;
  position: Position;
  /** Caption shown on the canvas; defaults to the activity's label. */
  label?: string;
  /** Field values, keyed by the activity definition's field names. */
  config: Record<string, unknown>;
}

/** A connection from a node's outgoing port to another node. */
export interface FlowEdge {
  id: string;
  source: string;
  /** `out`, `error`, `true`/`false`, an enumeration value, ... as the source activity declares. */
  sourcePort: string;
  target: string;
}

/** Free text on the canvas, as Mendix annotations. */
export interface Annotation {
  id: string;
  text: string;
  position: Position;
}

/** A whole flow, as saved in `workspace/flows/<name>.json`. */
export interface FlowDocument {
  formatVersion: typeof FORMAT_VERSION;
  name: string;
  description?: string;
  parameters: FlowParameter[];
  /** A type name; absent means the flow returns nothing. */
  returnType?: string;
  /** This flow's own run limits, overriding the server's for runs it starts (see limits.ts). */
  limits?: FlowLimits;
  nodes: FlowNode[];
  edges: FlowEdge[];
  annotations: Annotation[];
}

/** An empty flow with the given name: a Start and an End, connected, as Mendix creates it. */
export function createEmptyFlow(name: string): FlowDocument {
  return {
    formatVersion: FORMAT_VERSION,
    name,
    parameters: [],
    nodes: [
      { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'end', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
    ],
    edges: [{ id: 'e-start-end', source: 'start', sourcePort: 'out', target: 'end' }],
    annotations: [],
  };
}

/** The signature other flows call this one by (for `Catalogue.flows` and Call Flow checks). */
export function signatureOf(document: FlowDocument): FlowSignature {
  return {
    name: document.name,
    parameters: document.parameters.map((p) => ({ name: p.name, type: p.type })),
    ...(document.returnType ? { returnType: document.returnType } : {}),
  };
}
