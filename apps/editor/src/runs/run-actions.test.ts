import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, type RunRecord } from '../api/client';
import { knownInputs } from './run-actions';
import { rememberRunInputs } from './run-inputs';

const run = (id: string, extra: Partial<RunRecord> = {}): RunRecord => ({ id, flow: 'ACT_X', status: 'succeeded', trigger: 'manual', startedAt: '2026-01-01T00:00:00.000Z', logs: [], trace: [], ...extra });

afterEach(() => vi.restoreAllMocks());

describe('knownInputs', () => {
  it('takes the parameters the server recorded with the run', async () => {
    expect(await knownInputs(run('r1', { parameters: { OrderId: 'o-1' } }))).toEqual({ OrderId: 'o-1' });
  });

  it('uses what this tab remembers without asking the server', async () => {
    const getRun = vi.spyOn(api, 'getRun');
    rememberRunInputs('r2', { Total: 5 });
    expect(await knownInputs(run('r2'))).toEqual({ Total: 5 });
    expect(getRun).not.toHaveBeenCalled();
  });

  it('fetches the full record of a run listed as a summary (e.g. started by someone else)', async () => {
    vi.spyOn(api, 'getRun').mockResolvedValue(run('r3', { parameters: { OrderId: 'o-3' } }));
    expect(await knownInputs(run('r3'))).toEqual({ OrderId: 'o-3' });
  });

  it('answers undefined when the inputs are not known anywhere', async () => {
    vi.spyOn(api, 'getRun').mockRejectedValue(new Error('offline'));
    expect(await knownInputs(run('r4'))).toBeUndefined();
  });
});
