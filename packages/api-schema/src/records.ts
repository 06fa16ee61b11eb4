/** The records the admin API sends and receives, as zod schemas; their types are `z.infer` of these. */
import { z } from 'zod';
import type { FlowDocument as FlowDocumentType } from '@flowbridge/flow-model';

/** `{ error, message, details? }`: every non-2xx JSON answer. */
export const ErrorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() }).meta({ id: 'Error' });

export const Problem = z
  .object({
    severity: z.enum(['error', 'warning']),
    code: z.string(),
    message: z.string(),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    field: z.string().optional(),
  })
  .meta({ id: 'Problem' });

/**
 * A flow document. The API checks it with @flowbridge/flow-model (422 with problems), not here, so the
 * schema only names its required members; the type is flow-model's.
 */
export const FlowDocument = z
  .looseObject({ formatVersion: z.number(), name: z.string(), nodes: z.array(z.unknown()), edges: z.array(z.unknown()) })
  .meta({ id: 'FlowDocument', description: 'A flow document; see @flowbridge/flow-model/flow.schema.json' }) as unknown as z.ZodType<FlowDocumentType>;

export const FlowSummary = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    parameters: z.array(z.object({ name: z.string(), type: z.string() })),
    returnType: z.string().optional(),
    problemCount: z.number().int(),
  })
  .meta({ id: 'FlowSummary' });

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
/** What started a run: a person (API/editor), an EventBridge event, or the after-startup list. */
export const RunTrigger = z.enum(['manual', 'event', 'startup']);

export const FlowErrorData = z.object({
  kind: z.string(),
  message: z.string(),
  activity: z.string().optional(),
  activityKind: z.string().optional(),
  details: z.unknown().optional(),
});

export const LogLine = z.object({
  time: z.string(),
  level: z.enum(['debug', 'info', 'warning', 'error']),
  nodeId: z.string(),
  message: z.string(),
  flow: z.string().optional(),
});

/** One executed step of a run (values bounded and secrets redacted by the server). */
export interface TraceStep {
  nodeId: string;
  kind: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  inputs?: Record<string, unknown>;
  output?: unknown;
  port?: string;
  edgeId?: string;
  error?: z.infer<typeof FlowErrorData>;
  call?: { flow: string; trace: TraceStep[] };
}
// Recursive (Call Flow nests the called flow's trace), so the type is written and the schema follows it.
export const TraceStep: z.ZodType<TraceStep> = z
  .object({
    nodeId: z.string(),
    kind: z.string(),
    startedAt: z.string(),
    endedAt: z.string(),
    durationMs: z.number(),
    inputs: z.record(z.string(), z.unknown()).optional(),
    output: z.unknown().optional(),
    port: z.string().optional(),
    edgeId: z.string().optional(),
    error: FlowErrorData.optional(),
    get call() {
      return z.object({ flow: z.string(), trace: z.array(TraceStep) }).optional();
    },
  })
  .meta({ id: 'TraceStep' });

const runSummaryShape = {
  id: z.string(),
  flow: z.string(),
  status: RunStatus,
  trigger: RunTrigger,
  startedAt: z.string(),
  endedAt: z.string().optional(),
  error: FlowErrorData.optional(),
  /** The inbox event that started the run, for `trigger: 'event'`. */
  eventId: z.string().optional(),
};

/** A run as lists show it: no log, trace, result or parameters. */
export const RunSummary = z.object({ ...runSummaryShape, durationMs: z.number().optional() }).meta({ id: 'RunSummary' });

/** One run of a flow, with its log and trace. */
export const RunRecord = z
  .object({
    ...runSummaryShape,
    result: z.unknown().optional(),
    logs: z.array(LogLine),
    trace: z.array(TraceStep),
    parameters: z.record(z.string(), z.unknown()).optional().describe('The parameters the run was given (secrets masked)'),
    traceTruncated: z.boolean().optional().describe('True when the trace stopped recording at maxTraceSteps or maxTraceBytes'),
    omittedSteps: z.number().int().optional().describe('Steps not in the trace: past its limits, or loop iterations counted instead of recorded'),
    omittedLogLines: z.number().int().optional().describe('Log lines not kept because the run reached maxTraceBytes'),
    traceCompact: z
      .boolean()
      .optional()
      .describe('True when the trace keeps only each step\'s node, kind, timing and port: a succeeded event callback under eventEndpoint.callbackTrace "compact"'),
  })
  .meta({ id: 'RunRecord' });

export const RunPage = z.object({ runs: z.array(RunSummary), next: z.string().optional().describe('Pass as `before` to get the next (older) page') });

export const ConstantInfo = z
  .object({
    name: z.string().meta({ example: 'EventBridge.Region' }),
    secret: z.boolean(),
    set: z.boolean(),
    value: z.unknown().optional().describe('Only for non-secret constants'),
    source: z.enum(['constants.json', 'secrets.json', 'env', 'local-default']),
    envVar: z.string().meta({ example: 'FLOWBRIDGE_EVENTBRIDGE_REGION' }),
    type: z.string().optional(),
    description: z.string().optional(),
  })
  .meta({ id: 'Constant' });

export const INBOX_STATUSES = ['pending', 'routed', 'unrouted', 'done', 'dead'] as const;
export const InboxStatus = z.enum(INBOX_STATUSES);

/** An inbox entry as lists show it (without the envelope, which can be large). */
export const InboxEvent = z
  .object({
    id: z.string(),
    detailType: z.string(),
    source: z.string(),
    request: z.unknown().optional(),
    status: InboxStatus,
    receivedAt: z.string(),
    updatedAt: z.string(),
    attempts: z.number().int(),
    nextAttemptAt: z.string().optional(),
    flow: z.string().optional(),
    runId: z.string().optional(),
    error: z.string().optional(),
    claimedBy: z.string().optional(),
    leaseUntil: z.string().optional(),
  })
  .meta({ id: 'InboxEvent' });

/** One inbox entry with its whole event envelope. */
export const InboxEntry = InboxEvent.extend({ event: z.unknown() }).meta({ id: 'InboxEntry' });

export const ServerInfo = z.object({
  mode: z.enum(['development', 'production']),
  readOnly: z.boolean(),
  version: z.string(),
  storage: z.enum(['embedded', 'shared']),
});

/** A breakpoint: a node of a flow, optionally with a JSONata condition over the variables in scope. */
export const Breakpoint = z
  .strictObject({
    flow: z.string().min(1, { error: 'must name the flow of the breakpoint.' }).max(200, { error: 'must be at most 200 characters.' }),
    nodeId: z.string().min(1, { error: 'must name the node of the breakpoint.' }).max(200, { error: 'must be at most 200 characters.' }),
    condition: z.string().max(2_000, { error: 'must be at most 2,000 characters.' }).optional().describe('Pause only when this JSONata expression is true, e.g. $Total > 100'),
  })
  .meta({ id: 'Breakpoint' });

export const Breakpoints = z.array(Breakpoint).max(500, { error: 'must hold at most 500 breakpoints.' });

/** A variable in scope at a pause: declared type (or the value's kind) and its bounded value, secrets masked. */
export const DebugVariable = z.object({ name: z.string(), type: z.string(), value: z.unknown() }).meta({ id: 'DebugVariable' });

/** Where a debugged run is paused, and what it sees there. */
export const DebugPause = z
  .object({
    flow: z.string(),
    nodeId: z.string(),
    kind: z.string(),
    label: z.string().optional(),
    depth: z.number().int().describe('0 in the flow that was run, 1 inside a flow it called, ...'),
    stack: z.array(z.object({ flow: z.string(), nodeId: z.string() })).describe('The Call Flow nodes that led here, outermost first'),
    reason: z.enum(['breakpoint', 'step']),
    variables: z.array(DebugVariable),
    conditionError: z.string().optional(),
    pausedAt: z.string(),
    timesOutAt: z.string().describe('When the pause timeout resumes or stops the run if nobody acts'),
  })
  .meta({ id: 'DebugPause' });

export const DEBUG_SESSION_STATUSES = ['starting', 'running', 'paused', 'finished'] as const;

/** A run under the debugger. */
export const DebugSession = z
  .object({
    id: z.string(),
    /** Grows with every change, so a client keeps the newest of answers and live events that cross. */
    revision: z.number().int(),
    flow: z.string(),
    status: z.enum(DEBUG_SESSION_STATUSES),
    trigger: RunTrigger,
    runId: z.string().optional(),
    eventId: z.string().optional(),
    startedAt: z.string(),
    endedAt: z.string().optional(),
    runStatus: RunStatus.optional().describe('How the run ended'),
    error: FlowErrorData.optional(),
    paused: DebugPause.optional(),
    breakpoints: Breakpoints,
  })
  .meta({ id: 'DebugSession' });

/** A flow armed so that its next event-triggered callback runs under the debugger. */
export const DebugArm = z
  .object({ flow: z.string(), breakpoints: Breakpoints, armedAt: z.string(), expiresAt: z.string() })
  .meta({ id: 'DebugArm' });

export const DEBUG_COMMANDS = ['continue', 'stepOver', 'stepInto', 'stepOut', 'stop'] as const;

export type Breakpoint = z.infer<typeof Breakpoint>;
export type DebugVariable = z.infer<typeof DebugVariable>;
export type DebugPause = z.infer<typeof DebugPause>;
export type DebugSession = z.infer<typeof DebugSession>;
export type DebugArm = z.infer<typeof DebugArm>;
export type DebugCommandName = (typeof DEBUG_COMMANDS)[number];
export type ErrorBody = z.infer<typeof ErrorBody>;
export type Problem = z.infer<typeof Problem>;
export type FlowSummary = z.infer<typeof FlowSummary>;
export type RunStatus = z.infer<typeof RunStatus>;
export type RunTrigger = z.infer<typeof RunTrigger>;
export type FlowErrorData = z.infer<typeof FlowErrorData>;
export type LogLine = z.infer<typeof LogLine>;
export type RunSummary = z.infer<typeof RunSummary>;
export type RunRecord = z.infer<typeof RunRecord>;
export type RunPage = z.infer<typeof RunPage>;
export type ConstantInfo = z.infer<typeof ConstantInfo>;
export type InboxStatus = z.infer<typeof InboxStatus>;
export type InboxEvent = z.infer<typeof InboxEvent>;
export type InboxEntry = z.infer<typeof InboxEntry>;
export type ServerInfo = z.infer<typeof ServerInfo>;
