/** After-startup flows: run once, in order, each time the server starts (Mendix's after-startup microflow). */
import type { Logger } from './observability/logger.js';
import type { FlowRunner } from './runs/flow-runner.js';
import type { Storage } from './storage/storage.js';

/** What the last start-up's flows did; kept in storage under `AFTER_STARTUP_KEY`. */
export interface AfterStartupReport {
  startedAt: string;
  endedAt: string;
  results: Array<{ flow: string; status: 'succeeded' | 'failed' | 'not-run'; runId?: string; message?: string }>;
  ok: boolean;
}

export const AFTER_STARTUP_KEY = 'afterStartup.last';

/**
 * Runs `flows` one after another; stops at the first that cannot run or fails (later ones may depend
 * on it), records the report and returns it. It never throws: a failure is reported, and the server
 * stays up (not ready) so the flow can be fixed in the editor.
 */
export async function runAfterStartupFlows(flows: readonly string[], runner: FlowRunner, storage: Storage, logger: Logger): Promise<AfterStartupReport> {
  const startedAt = new Date().toISOString();
  const results: AfterStartupReport['results'] = [];
  let ok = true;
  for (const flow of flows) {
    if (!ok) {
      results.push({ flow, status: 'not-run', message: 'an earlier after-startup flow failed' });
      continue;
    }
    try {
      const outcome = await runner.run(flow, {}, { trigger: 'startup' });
      if (outcome.ok) {
        const failed = outcome.record.status !== 'succeeded';
        results.push({ flow, status: failed ? 'failed' : 'succeeded', runId: outcome.record.id, ...(failed && outcome.record.error ? { message: outcome.record.error.message } : {}) });
        ok = !failed;
      } else {
        results.push({ flow, status: 'not-run', message: outcome.message });
        ok = false;
      }
    } catch (error) {
      results.push({ flow, status: 'not-run', message: (error as Error).message });
      ok = false;
    }
    const last = results[results.length - 1]!;
    if (last.status === 'succeeded') logger.info({ flow, runId: last.runId }, 'after-startup flow succeeded');
    else logger.error({ flow, runId: last.runId, reason: last.message }, 'after-startup flow did not succeed; the server stays not ready (see /readyz)');
  }
  const report: AfterStartupReport = { startedAt, endedAt: new Date().toISOString(), results, ok };
  await storage.keyValues.put(AFTER_STARTUP_KEY, report).catch((error: unknown) => logger.error({ err: error }, 'could not record the after-startup report'));
  return report;
}
