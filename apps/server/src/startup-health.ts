/**
 * Start-up health: the after-startup flows' last report, kept current without a restart. When they
 * failed or were refused, any change to the flows runs them again, so fixing the cause makes the
 * server ready; when they were fine and a change breaks one (it would now be refused), the report
 * says so at once. The editor shows it as a banner; `/readyz` follows it.
 */
import { runAfterStartupFlows, type AfterStartupReport } from './after-startup.js';
import type { WorkspaceSettings } from './config/settings.js';
import type { FlowCatalog } from './flows/flow-catalog.js';
import type { Logger } from './observability/logger.js';
import type { FlowRunner } from './runs/flow-runner.js';
import type { Storage } from './storage/storage.js';

/** One thing to fix, in words: what is wrong, why, and what to do. */
export interface StartupIssue {
  flow: string;
  what: string;
  why: string;
  todo: string;
  runId?: string;
}

/** What `GET /api/startup` answers. */
export interface StartupStatus {
  status: 'running' | 'ok' | 'failed';
  afterStartupFlows: string[];
  report?: AfterStartupReport;
  loadErrors: Array<{ flow: string; message: string }>;
  issues: StartupIssue[];
}

export class StartupHealth {
  private report?: AfterStartupReport;
  private running?: Promise<AfterStartupReport>;
  /** A run asked for while one is in progress: later requests join it instead of queueing more. */
  private queued?: Promise<AfterStartupReport>;
  /** Reactions to changes run one at a time; a burst of saves collapses into one. */
  private reacting = Promise.resolve();
  private reactionQueued = false;
  private stopped = false;

  constructor(
    private readonly settings: WorkspaceSettings,
    private readonly runner: FlowRunner,
    private readonly storage: Storage,
    private readonly catalog: FlowCatalog,
    private readonly logger: Logger,
  ) {}

  /** The last report; undefined until the first run finished. */
  last(): AfterStartupReport | undefined {
    return this.report;
  }

  /** Runs the after-startup flows now (joining a run in progress, then running again with the latest files). */
  rerun(): Promise<AfterStartupReport> {
    if (this.queued) return this.queued;
    const previous = this.running;
    if (previous) {
      // Joins the run in progress, then runs once more with the files as they are then; a burst of requests shares that one run.
      const queued = previous.catch(() => undefined).then(() => {
        if (this.queued === queued) this.queued = undefined;
        return this.rerun();
      });
      this.queued = queued;
      return queued;
    }
    const next = Promise.resolve()
      .catch(() => undefined)
      .then(() => runAfterStartupFlows(this.settings.afterStartupFlows, this.runner, this.storage, this.logger))
      .then((report) => {
        this.report = report;
        return report;
      });
    this.running = next;
    void next.finally(() => {
      if (this.running === next) this.running = undefined;
    });
    return next;
  }

  /** Reacts to changed flows or settings: re-runs while failing, re-checks while healthy. Never throws. */
  changed(): void {
    if (this.stopped || this.reactionQueued) return;
    this.reactionQueued = true;
    this.reacting = this.reacting.then(async () => {
      this.reactionQueued = false;
      try {
        await this.running?.catch(() => undefined);
        const report = this.report;
        if (!report) return;
        if (!report.ok) {
          this.logger.info('a flow changed while the after-startup flows are failing; running them again');
          await this.rerun();
        } else {
          await this.recheck(report);
        }
      } catch (error) {
        this.logger.error({ err: error }, 'checking the after-startup flows after a change failed');
      }
    });
  }

  /** Waits for reactions in progress (tests and shutdown). */
  async settled(): Promise<void> {
    await this.reacting;
    await this.running?.catch(() => undefined);
  }

  /** No more reactions (shutdown). */
  stop(): void {
    this.stopped = true;
  }

  /** While healthy: an after-startup flow that would now be refused (or is gone) makes the report fail, without running anything. */
  private async recheck(report: AfterStartupReport): Promise<void> {
    const snapshot = await this.catalog.snapshot();
    const results: AfterStartupReport['results'] = [];
    let ok = true;
    for (const flow of this.settings.afterStartupFlows) {
      if (!ok) {
        results.push({ flow, status: 'not-run', message: 'an earlier after-startup flow cannot run' });
        continue;
      }
      const compiled = snapshot.compile(flow);
      if (!compiled) {
        results.push({ flow, status: 'not-run', message: `There is no flow named "${flow}".` });
        ok = false;
      } else if (!compiled.ok) {
        const first = compiled.problems.find((p) => p.severity === 'error') ?? compiled.problems[0];
        const count = compiled.problems.filter((p) => p.severity === 'error').length;
        results.push({ flow, status: 'not-run', message: `Flow "${flow}" has problems and cannot run: ${first?.message ?? 'see the Problems pane'}${count > 1 ? ` (and ${count - 1} more)` : ''}` });
        ok = false;
      } else {
        const before = report.results.find((r) => r.flow === flow);
        // A flow added to the list since the last run can run; it has simply not run yet (the next start or "run now" runs it).
        results.push(before ?? { flow, status: 'not-run', message: 'added to the after-startup flows since they last ran; run them now' });
        if (before && before.status !== 'succeeded') ok = false;
      }
    }
    const changed = JSON.stringify(results) !== JSON.stringify(report.results);
    if (ok && !changed) return;
    this.report = { startedAt: report.startedAt, endedAt: new Date().toISOString(), results, ok };
    if (ok) return;
    this.logger.warn({ results }, 'an after-startup flow can no longer run; the server is not ready until it is fixed');
  }

  /** The report in words, with flow files that failed to load. */
  async status(): Promise<StartupStatus> {
    const loadErrors = await this.catalog.loadErrors().catch(() => []);
    const report = this.report;
    const issues: StartupIssue[] = [];
    for (const result of report?.results ?? []) {
      if (result.status === 'succeeded' || result.message?.startsWith('an earlier after-startup flow')) continue;
      issues.push(issueOf(result));
    }
    for (const e of loadErrors) {
      issues.push({ flow: e.flow, what: `Flow file flows/${e.flow}.json is not loaded`, why: e.message, todo: 'Fix the file so it is a flow document (or delete it); flows that call it fail until then.' });
    }
    return {
      status: !report ? 'running' : report.ok ? 'ok' : 'failed',
      afterStartupFlows: [...this.settings.afterStartupFlows],
      ...(report ? { report } : {}),
      loadErrors,
      issues,
    };
  }
}

function issueOf(result: AfterStartupReport['results'][number]): StartupIssue {
  const why = result.message ?? 'no reason was recorded';
  const runId = result.runId ? { runId: result.runId } : {};
  if (result.status === 'failed') {
    return { flow: result.flow, what: `After-startup flow ${result.flow} failed`, why, todo: 'Open its run to see where it failed, fix the flow (or what it calls) and save: the after-startup flows run again on save, or run them now.', ...runId };
  }
  if (why.startsWith('added to the after-startup flows')) {
    return { flow: result.flow, what: `After-startup flow ${result.flow} has not run yet`, why, todo: 'Run the after-startup flows now, or restart the server.' };
  }
  if (why.startsWith('There is no flow named')) {
    return { flow: result.flow, what: `After-startup flow ${result.flow} does not exist`, why, todo: 'Create it, or pick an existing flow in Settings → After-startup flows.' };
  }
  return { flow: result.flow, what: `After-startup flow ${result.flow} cannot run`, why, todo: 'Fix the problems of the flow (see its Problems pane) and save: the after-startup flows run again on save.' };
}
