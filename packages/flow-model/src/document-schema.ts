/**
 * The JSON Schema of a flow document. `flow.schema.json` (at the package root, for editors outside
 * Flowbridge) is written from this object by `scripts/write-schema.mjs` at build time, and a
 * compile-time check below proves this schema and the `FlowDocument` type describe the same shape,
 * so the two cannot drift apart.
 */
import { FORMAT_VERSION, type FlowDocument } from './document.js';
import { RUN_LIMITS } from './limits.js';

const position = {
  type: 'object',
  description: 'A position on the canvas, in flow coordinates.',
  properties: { x: { type: 'number' }, y: { type: 'number' } },
  required: ['x', 'y'],
  additionalProperties: false,
} as const;

function limit<N extends keyof typeof RUN_LIMITS>(name: N) {
  const spec = RUN_LIMITS[name];
  return { type: 'integer', minimum: spec.min, maximum: spec.max, description: `${spec.description} (${spec.unit}, default ${spec.default}).` } as const;
}

/** The JSON Schema (draft 2020-12) of `FlowDocument`. */
export const flowDocumentSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://flowbridge.dev/schemas/flow.schema.json',
  title: 'Flowbridge flow document',
  description:
    'A Flowbridge flow (one file per flow under workspace/flows). Types are names: String, Integer, Decimal, Boolean, DateTime, JSON, List<T>, Enum<Name> or an object type. Expressions are JSONata.',
  type: 'object',
  properties: {
    formatVersion: { const: FORMAT_VERSION, description: 'The document format version; older versions are migrated on load.' },
    name: { type: 'string', minLength: 1, description: 'The flow name, also its file name, e.g. ACT_PutEvents.' },
    description: { type: 'string' },
    parameters: {
      type: 'array',
      description: 'Typed inputs, bound as $Name when the flow runs.',
      items: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1 }, type: { type: 'string', minLength: 1, description: 'A type name.' }, description: { type: 'string' } },
        required: ['name', 'type'],
        additionalProperties: false,
      },
    },
    returnType: { type: 'string', description: 'A type name; absent when the flow returns nothing.' },
    limits: {
      type: 'object',
      description: "This flow's run limits, overriding the server settings (limits in settings.json) for runs it starts.",
      properties: {
        runTimeMs: limit('runTimeMs'),
        maxSteps: limit('maxSteps'),
        maxCallDepth: limit('maxCallDepth'),
        heapMb: limit('heapMb'),
        maxTraceSteps: limit('maxTraceSteps'),
        maxTraceBytes: limit('maxTraceBytes'),
      },
      required: [],
      additionalProperties: false,
    },
    nodes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', minLength: 1, description: 'Stable id; never changes on rename or move.' },
          kind: { type: 'string', minLength: 1, description: 'Activity kind, <connector>.<Activity>, e.g. core.LogMessage.' },
          position,
          label: { type: 'string' },
          config: { type: 'object', additionalProperties: true, description: "Field values keyed by the activity definition's field names." },
        },
        required: ['id', 'kind', 'position', 'config'],
        additionalProperties: false,
      },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', minLength: 1 },
          source: { type: 'string', minLength: 1 },
          sourcePort: { type: 'string', minLength: 1, description: 'out, error, true/false, an enumeration value, body/done, ...' },
          target: { type: 'string', minLength: 1 },
        },
        required: ['id', 'source', 'sourcePort', 'target'],
        additionalProperties: false,
      },
    },
    annotations: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, text: { type: 'string' }, position },
        required: ['id', 'text', 'position'],
        additionalProperties: false,
      },
    },
  },
  required: ['formatVersion', 'name', 'parameters', 'nodes', 'edges', 'annotations'],
  additionalProperties: false,
} as const;

/** The TypeScript type a (subset of) JSON Schema describes; enough for the flow document schema. */
export type FromSchema<S> = S extends { const: infer C }
  ? C
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'number' | 'integer' }
      ? number
      : S extends { type: 'array'; items: infer I }
        ? Array<FromSchema<I>>
        : S extends { type: 'object'; properties: infer P; required: readonly (infer R)[] }
          ? Simplify<{ -readonly [K in keyof P as K extends R ? K : never]: FromSchema<P[K]> } & { -readonly [K in keyof P as K extends R ? never : K]?: FromSchema<P[K]> }>
          : S extends { type: 'object'; additionalProperties: true }
            ? Record<string, unknown>
            : unknown;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when the schema and the `FlowDocument` type disagree. */
const schemaMatchesTypes: Same<FromSchema<typeof flowDocumentSchema>, FlowDocument> = true;
void schemaMatchesTypes;
