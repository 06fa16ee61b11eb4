import { describe, expect, it } from 'vitest';
import { checkLimits, createEmptyFlow, DEFAULT_RUN_LIMITS, effectiveLimits, parseDocument } from '../src/index.js';

describe('run limits', () => {
  it('accepts known limits in range and names the field of anything else', () => {
    expect(checkLimits({ runTimeMs: 5000, heapMb: 64 }, 'limits')).toEqual({ limits: { runTimeMs: 5000, heapMb: 64 }, problems: [] });
    const { problems } = checkLimits({ runTimeMs: 10, maxStep: 3, heapMb: 1.5 }, 'limits');
    expect(problems.map((p) => p.path)).toEqual(['limits.runTimeMs', 'limits.maxStep', 'limits.heapMb']);
    expect(problems[0]!.message).toMatch(/from 50 to 86400000/);
    expect(problems[1]!.message).toMatch(/known limits are runTimeMs/);
  });

  it('lets a flow override the server limits it sets and keeps the rest', () => {
    expect(effectiveLimits(DEFAULT_RUN_LIMITS, { runTimeMs: 1000 })).toEqual({ ...DEFAULT_RUN_LIMITS, runTimeMs: 1000 });
    expect(effectiveLimits(DEFAULT_RUN_LIMITS, undefined)).toBe(DEFAULT_RUN_LIMITS);
  });

  it('keeps a flow document without limits valid and parses one with them', () => {
    const flow = createEmptyFlow('F');
    expect(parseDocument(flow).ok).toBe(true);
    const parsed = parseDocument({ ...flow, limits: { maxSteps: 10 } });
    expect(parsed.ok && parsed.document.limits).toEqual({ maxSteps: 10 });
    const bad = parseDocument({ ...flow, limits: { maxSteps: -1 } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]).toMatchObject({ field: 'limits.maxSteps' });
  });
});
