/** Prometheus metrics (prom-client), on a registry per server so several servers can share a process. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { INBOX_STATUSES, type InboxRepository } from '../storage/storage.js';

/** The server's metrics; the event endpoint counts its requests and dispatch latency here too. */
export interface ServerMetrics {
  registry: Registry;
  runsStarted: Counter<'flow' | 'trigger'>;
  runsFinished: Counter<'flow' | 'status'>;
  runDuration: Histogram<'flow' | 'status'>;
  stepDuration: Histogram<'kind'>;
  /** Requests to the event endpoint by HTTP status code. */
  eventEndpointRequests: Counter<'code'>;
  /** Time from an event's receipt to the start of its callback run. */
  dispatchLatency: Histogram<never>;
  httpRequests: Counter<'method' | 'code'>;
}

/** Creates the metrics; `inbox` feeds the inbox-depth gauge when scraped. */
export function createMetrics(inbox: InboxRepository, options: { defaultMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'flowbridge_process_' });
  const durationBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
  new Gauge({
    name: 'flowbridge_inbox_events',
    help: 'Events in the inbox by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await inbox.counts().catch(() => undefined);
      if (!counts) return;
      for (const status of INBOX_STATUSES) this.set({ status }, counts[status]);
    },
  });
  return {
    registry,
    runsStarted: new Counter({ name: 'flowbridge_runs_started_total', help: 'Runs started, by flow and trigger', labelNames: ['flow', 'trigger'], registers: [registry] }),
    runsFinished: new Counter({ name: 'flowbridge_runs_finished_total', help: 'Runs finished, by flow and status (succeeded, failed)', labelNames: ['flow', 'status'], registers: [registry] }),
    runDuration: new Histogram({ name: 'flowbridge_run_duration_seconds', help: 'Run durations', labelNames: ['flow', 'status'], buckets: durationBuckets, registers: [registry] }),
    stepDuration: new Histogram({ name: 'flowbridge_step_duration_seconds', help: 'Step durations by activity kind', labelNames: ['kind'], buckets: durationBuckets, registers: [registry] }),
    eventEndpointRequests: new Counter({ name: 'flowbridge_event_endpoint_requests_total', help: 'Event endpoint requests by HTTP status code', labelNames: ['code'], registers: [registry] }),
    dispatchLatency: new Histogram({ name: 'flowbridge_dispatch_latency_seconds', help: 'Time from receiving an event to starting its callback run', buckets: durationBuckets, registers: [registry] }),
    httpRequests: new Counter({ name: 'flowbridge_http_requests_total', help: 'HTTP requests by method and status code', labelNames: ['method', 'code'], registers: [registry] }),
  };
}
