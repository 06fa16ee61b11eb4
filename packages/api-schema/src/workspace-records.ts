/** Records of the workspace-wide API: references, rename previews, settings and start-up health. */
import { z } from 'zod';
import { REFERENCE_USAGES } from '@flowbridge/flow-model';

export const REFERENCE_TARGET_KINDS = ['flow', 'constant', 'enumeration', 'eventType', 'parameter'] as const;

/** One place in the workspace that names a flow, constant, enumeration, event type or flow parameter. */
export const Reference = z
  .object({
    targetKind: z.enum(REFERENCE_TARGET_KINDS),
    target: z.string(),
    usage: z.enum(REFERENCE_USAGES).describe('How the place uses the target'),
    flow: z.string().optional().describe('The flow holding the reference; absent for settings.json'),
    nodeId: z.string().optional(),
    nodeLabel: z.string().optional().describe('The node caption'),
    field: z.string().optional(),
    fieldLabel: z.string().optional(),
  })
  .meta({ id: 'Reference' });

/** One change a rename makes (or would make, in a preview). */
export const ReferenceEdit = z
  .object({
    file: z.string().describe('Workspace-relative file, e.g. flows/ASU_System.json'),
    flow: z.string().optional(),
    nodeId: z.string().optional(),
    nodeLabel: z.string().optional(),
    field: z.string(),
    fieldLabel: z.string().optional(),
    before: z.string(),
    after: z.string(),
  })
  .meta({ id: 'ReferenceEdit' });

/** The answer of a rename: what changed, or with `dryRun` what would change. */
export const RenameResult = z
  .object({ name: z.string(), dryRun: z.boolean(), edits: z.array(ReferenceEdit), files: z.array(z.string()).describe('Every file written (or that would be)') })
  .meta({ id: 'RenameResult' });

/** What the last run of the after-startup flows did. */
export const StartupReport = z
  .object({
    startedAt: z.string(),
    endedAt: z.string(),
    ok: z.boolean(),
    results: z.array(z.object({ flow: z.string(), status: z.enum(['succeeded', 'failed', 'not-run']), runId: z.string().optional(), message: z.string().optional() })),
  })
  .meta({ id: 'StartupReport' });

/** Start-up health: after-startup flows and flow files that failed to load, with what to do. */
export const StartupStatus = z
  .object({
    status: z.enum(['running', 'ok', 'failed']),
    afterStartupFlows: z.array(z.string()),
    report: StartupReport.optional(),
    loadErrors: z.array(z.object({ flow: z.string(), message: z.string() })),
    issues: z
      .array(z.object({ flow: z.string(), what: z.string(), why: z.string(), todo: z.string(), runId: z.string().optional() }))
      .describe('One entry per thing to fix: what failed, why, and what to do'),
  })
  .meta({ id: 'StartupStatus' });

/** `settings.json` as the API reads and writes it: every section, defaults filled in. */
export const WorkspaceSettings = z
  .object({
    afterStartupFlows: z.array(z.string()),
    eventEndpoint: z.object({
      enabled: z.boolean(),
      apiKeyConstant: z.string(),
      apiKeyHeader: z.string(),
      bodyLimitBytes: z.number(),
      rateLimitPerMinute: z.number(),
      maxAttempts: z.number(),
      retryDelayMs: z.number(),
      claimLeaseSeconds: z.number(),
      callbackTrace: z.enum(['compact', 'full']).describe('What a succeeded callback run keeps of its trace (failures always keep it all)'),
      dispatchConcurrency: z.number().describe('Callback runs the dispatcher keeps in progress at once'),
    }),
    runs: z.object({ maxAgeDays: z.number(), maxRuns: z.number() }),
    limits: z.record(z.string(), z.number()).describe('Run limits by name (see docs/limits.md)'),
    workers: z.object({ count: z.number(), runsPerWorker: z.number(), graceMs: z.number(), maxQueued: z.number() }),
    debugger: z
      .object({ enabled: z.boolean(), pauseTimeoutSeconds: z.number(), onPauseTimeout: z.enum(['continue', 'stop']), armSeconds: z.number(), maxSessions: z.number() })
      .optional()
      .describe('The debugger (docs/debugger.md)'),
  })
  .meta({ id: 'WorkspaceSettings' });

export const SettingsAnswer = z
  .object({
    settings: WorkspaceSettings,
    readOnly: z.boolean(),
    restartRequired: z.array(z.string()).describe('Sections changed on disk that apply at the next start'),
  })
  .meta({ id: 'SettingsAnswer' });

export type Reference = z.infer<typeof Reference>;
export type ReferenceEdit = z.infer<typeof ReferenceEdit>;
export type RenameResult = z.infer<typeof RenameResult>;
export type StartupReport = z.infer<typeof StartupReport>;
export type StartupStatus = z.infer<typeof StartupStatus>;
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
export type SettingsAnswer = z.infer<typeof SettingsAnswer>;
