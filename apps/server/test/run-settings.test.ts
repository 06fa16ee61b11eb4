import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_LIMITS } from '@flowbridge/flow-model';
import { parseSettings } from '../src/config/settings.js';

describe('run limits and workers in settings.json', () => {
  it('defaults every limit and worker setting when absent', () => {
    const settings = parseSettings({}, 'settings.json');
    expect(settings.limits).toEqual(DEFAULT_RUN_LIMITS);
    expect(settings.workers).toEqual({ count: 2, runsPerWorker: 8, graceMs: 1_000, maxQueued: 10_000, isolation: 'process' });
  });

  it('takes the limits it is given and keeps the defaults of the rest', () => {
    const settings = parseSettings({ limits: { runTimeMs: 5_000, heapMb: 128 }, workers: { count: 0 } }, 'settings.json');
    expect(settings.limits).toEqual({ ...DEFAULT_RUN_LIMITS, runTimeMs: 5_000, heapMb: 128 });
    expect(settings.workers.count).toBe(0);
  });

  it('refuses a limit out of range or unknown, naming the field and the range', () => {
    expect(() => parseSettings({ limits: { heapMb: 4 } }, 'settings.json')).toThrow('settings.json: limits.heapMb: must be a whole number of MB from 16 to 16384, got 4');
    expect(() => parseSettings({ limits: { memory: 4 } }, 'settings.json')).toThrow(/limits\.memory: is not a limit; known limits are runTimeMs/);
    expect(() => parseSettings({ workers: { runsPerWorker: 0 } }, 'settings.json')).toThrow(/workers\.runsPerWorker: must be a whole number from 1 to 256/);
    expect(() => parseSettings({ workers: { isolation: 'container' } }, 'settings.json')).toThrow('settings.json: workers.isolation: must be one of "process", "thread"; got "container"');
    expect(parseSettings({ workers: { isolation: 'thread' } }, 'settings.json').workers.isolation).toBe('thread');
  });
});
