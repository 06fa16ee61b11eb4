/** Run records kept by the server (in memory for now; the storage interface replaces it). */
import { randomUUID } from 'node:crypto';
import type { RunResult } from '@flowbridge/runtime';

export interface RunRecord {
  id: string;
  flow: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  endedAt?: string;
  result?: unknown;
  error?: RunResult['error'];
  logs: RunResult['logs'];
  trace: RunResult['trace'];
}

export class RunHistory {
  private readonly runs = new Map<string, RunRecord>();

  start(flow: string): RunRecord {
    const record: RunRecord = { id: randomUUID(), flow, status: 'running', startedAt: new Date().toISOString(), logs: [], trace: [] };
    this.runs.set(record.id, record);
    return record;
  }

  finish(record: RunRecord, result: RunResult): RunRecord {
    const done: RunRecord = {
      ...record,
      status: result.status,
      endedAt: new Date().toISOString(),
      ...(result.result !== undefined ? { result: result.result } : {}),
      ...(result.error ? { error: result.error } : {}),
      logs: result.logs,
      trace: result.trace,
    };
    this.runs.set(record.id, done);
    return done;
  }

  get(id: string): RunRecord | undefined {
    return this.runs.get(id);
  }

  list(): RunRecord[] {
    return [...this.runs.values()].reverse();
  }
}
