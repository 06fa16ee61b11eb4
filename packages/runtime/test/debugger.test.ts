import { describe, expect, it } from 'vitest';
import type { FlowSignature } from '@flowbridge/flow-model';
import { checkBreakpoints, coreRuntimeModule, createEngine, DebugStepper, run, type Breakpoint, type CompiledFlow, type DebugEvent, type PausedState, type RunOptions, type RunResult } from '../src/index.js';
import { chain, compiled, flowDoc } from './builder.js';

const signatures = new Map<string, FlowSignature>([['SUB_Double', { name: 'SUB_Double', parameters: [{ name: 'N', type: 'Integer' }], returnType: 'Integer' }]]);
const engine = createEngine([coreRuntimeModule], signatures);

const sub = compiled(
  chain([['twice', 'CreateVariable', { variableName: 'Twice', type: 'Integer', value: '$N * 2' }]], { name: 'SUB_Double', parameters: [{ name: 'N', type: 'Integer' }], returnType: 'Integer', returnValue: '$Twice' }),
  engine,
);
const main = compiled(
  chain(
    [
      ['x', 'CreateVariable', { variableName: 'X', type: 'Integer', value: '$Start + 1' }],
      ['call', 'CallFlow', { flow: 'SUB_Double', parameters: { N: '$X' }, outputVariable: 'Y' }],
      ['log', 'LogMessage', { level: 'info', message: 'Y is {{ $Y }}' }],
    ],
    { name: 'ACT_Main', parameters: [{ name: 'Start', type: 'Integer' }], returnType: 'Integer', returnValue: '$Y' },
  ),
  engine,
);
const flows = (name: string): CompiledFlow | undefined => (name === 'SUB_Double' ? sub : undefined);

/** A run under a stepper, with its pauses delivered one by one. */
function debugRun(flow: CompiledFlow, parameters: Record<string, unknown>, breakpoints: Breakpoint[], options: Partial<{ pauseTimeoutMs: number; onPauseTimeout: 'continue' | 'stop'; run: RunOptions }> = {}) {
  const events: DebugEvent[] = [];
  const waiters: Array<(state: PausedState) => void> = [];
  const pauses: PausedState[] = [];
  const stepper = new DebugStepper({
    breakpoints,
    pauseTimeoutMs: options.pauseTimeoutMs ?? 10_000,
    onPauseTimeout: options.onPauseTimeout ?? 'continue',
    onEvent: (event) => {
      events.push(event);
      if (event.type !== 'paused') return;
      const waiter = waiters.shift();
      if (waiter) waiter(event.state);
      else pauses.push(event.state);
    },
  });
  const result: Promise<RunResult> = run(flow, parameters, { flows, ...options.run, debug: stepper });
  const nextPause = (): Promise<PausedState> => {
    const ready = pauses.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
  };
  return { stepper, result, nextPause, events };
}

const where = (state: PausedState) => `${state.flow}/${state.nodeId}@${state.depth}`;

describe('breakpoints', () => {
  it('pause before the node with every variable in scope, its type and value; continue finishes the run with a complete trace', async () => {
    const { stepper, result, nextPause } = debugRun(main, { Start: 4 }, [{ flow: 'ACT_Main', nodeId: 'log' }]);
    const paused = await nextPause();
    expect(where(paused)).toBe('ACT_Main/log@0');
    expect(paused.reason).toBe('breakpoint');
    expect(paused.variables).toEqual([
      { name: 'Start', type: 'Integer', value: 4 },
      { name: 'X', type: 'Integer', value: 5 },
      { name: 'Y', type: 'Integer', value: 10 },
    ]);
    expect(stepper.paused).toBe(true);
    expect(stepper.apply({ type: 'continue' })).toBe(true);
    const done = await result;
    expect(done.status).toBe('succeeded');
    expect(done.result).toBe(10);
    expect(done.trace.map((s) => s.nodeId)).toEqual(['start', 'x', 'call', 'log', 'end']);
  });

  it('with a condition pause only where it is true over the variables in scope', async () => {
    const loop = compiled(
      flowDoc(
        [
          ['start', 'Start'],
          ['loop', 'Loop', { list: '[1, 2, 3, 4, 5]', iterator: 'Item' }],
          ['log', 'LogMessage', { level: 'info', message: 'item {{ $Item }}' }],
          ['end', 'End'],
        ],
        [
          ['start', 'out', 'loop'],
          ['loop', 'body', 'log'],
          ['log', 'out', 'loop'],
          ['loop', 'done', 'end'],
        ],
        { name: 'ACT_Loop' },
      ),
      engine,
    );
    const { stepper, result, nextPause } = debugRun(loop, {}, [{ flow: 'ACT_Loop', nodeId: 'log', condition: '$Item > 3' }]);
    const seen: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const paused = await nextPause();
      seen.push(paused.variables.find((v) => v.name === 'Item')?.value);
      stepper.apply({ type: 'continue' });
    }
    expect(seen).toEqual([4, 5]);
    expect((await result).status).toBe('succeeded');
    expect((await result).logs.map((l) => l.message)).toEqual(['item 1', 'item 2', 'item 3', 'item 4', 'item 5']);
  });

  it('pause and say why when a condition fails to evaluate', async () => {
    const { stepper, result, nextPause } = debugRun(main, { Start: 1 }, [{ flow: 'ACT_Main', nodeId: 'x', condition: '$notAFunction()' }]);
    const paused = await nextPause();
    expect(paused.nodeId).toBe('x');
    expect(paused.conditionError).toMatch(/condition failed/);
    stepper.apply({ type: 'continue' });
    expect((await result).status).toBe('succeeded');
  });

  it('can be changed while the run is paused, from the next node on', async () => {
    const { stepper, result, nextPause } = debugRun(main, { Start: 1 }, [{ flow: 'ACT_Main', nodeId: 'x' }]);
    await nextPause();
    stepper.apply({ type: 'breakpoints', breakpoints: [{ flow: 'ACT_Main', nodeId: 'end' }] });
    stepper.apply({ type: 'continue' });
    expect((await nextPause()).nodeId).toBe('end');
    stepper.apply({ type: 'continue' });
    expect((await result).status).toBe('succeeded');
  });

  it('are checked: a condition that is not an expression, or too many, are refused with where and what to do', () => {
    expect(checkBreakpoints([{ flow: 'ACT_Main', nodeId: 'x', condition: '$Total >' }])).toMatch(/breakpoint on node x of ACT_Main is not a valid expression/);
    expect(checkBreakpoints(Array.from({ length: 501 }, (_, i) => ({ flow: 'F', nodeId: `n${i}` })))).toMatch(/at most 500/);
    expect(checkBreakpoints([{ flow: 'F', nodeId: '' }])).toMatch(/needs the id of its node/);
    expect(checkBreakpoints([{ flow: 'F', nodeId: 'n', condition: '$A = 1' }])).toBeUndefined();
    expect(() => new DebugStepper({ breakpoints: [{ flow: 'F', nodeId: 'n', condition: '(' }], pauseTimeoutMs: 1000, onPauseTimeout: 'continue', onEvent: () => undefined })).toThrow(/not a valid expression/);
  });
});

describe('stepping', () => {
  it('step over runs a Call Flow whole and pauses at the next node of the same flow', async () => {
    const { stepper, result, nextPause } = debugRun(main, { Start: 1 }, [{ flow: 'ACT_Main', nodeId: 'call' }]);
    expect(where(await nextPause())).toBe('ACT_Main/call@0');
    stepper.apply({ type: 'stepOver' });
    const next = await nextPause();
    expect(where(next)).toBe('ACT_Main/log@0');
    expect(next.reason).toBe('step');
    expect(next.variables.find((v) => v.name === 'Y')?.value).toBe(4);
    stepper.apply({ type: 'continue' });
    expect((await result).result).toBe(4);
  });

  it('step into enters the called flow at its Start with the call stack; step out returns to the caller after the call', async () => {
    const { stepper, result, nextPause } = debugRun(main, { Start: 2 }, [{ flow: 'ACT_Main', nodeId: 'call' }]);
    await nextPause();
    stepper.apply({ type: 'stepInto' });
    const inside = await nextPause();
    expect(where(inside)).toBe('SUB_Double/start@1');
    expect(inside.stack).toEqual([{ flow: 'ACT_Main', nodeId: 'call' }]);
    expect(inside.variables).toEqual([{ name: 'N', type: 'Integer', value: 3 }]);
    stepper.apply({ type: 'stepOver' });
    expect(where(await nextPause())).toBe('SUB_Double/twice@1');
    stepper.apply({ type: 'stepOut' });
    const back = await nextPause();
    expect(where(back)).toBe('ACT_Main/log@0');
    expect(back.stack).toEqual([]);
    stepper.apply({ type: 'continue' });
    const done = await result;
    expect(done.status).toBe('succeeded');
    expect(done.result).toBe(6);
  });

  it('step over at the End of a called flow pauses in the caller; step out at the top runs to the end', async () => {
    const { stepper, result, nextPause } = debugRun(main, { Start: 0 }, [{ flow: 'SUB_Double', nodeId: 'end' }]);
    expect(where(await nextPause())).toBe('SUB_Double/end@1');
    stepper.apply({ type: 'stepOver' });
    expect(where(await nextPause())).toBe('ACT_Main/log@0');
    stepper.apply({ type: 'stepOut' });
    expect((await result).status).toBe('succeeded');
  });

  it('stop ends the run as Stopped, which no error path catches', async () => {
    const guarded = compiled(
      flowDoc(
        [
          ['start', 'Start'],
          ['log', 'LogMessage', { level: 'info', message: 'a' }],
          ['end', 'End'],
          ['handler', 'LogMessage', { level: 'info', message: 'handled' }],
          ['end2', 'End'],
        ],
        [
          ['start', 'out', 'log'],
          ['log', 'out', 'end'],
          ['log', 'error', 'handler'],
          ['handler', 'out', 'end2'],
        ],
        { name: 'ACT_Guarded' },
      ),
      engine,
    );
    const { stepper, result, nextPause } = debugRun(guarded, {}, [{ flow: 'ACT_Guarded', nodeId: 'log' }]);
    await nextPause();
    stepper.apply({ type: 'stop' });
    const done = await result;
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ kind: 'Stopped', activity: 'log' });
    expect(done.error?.message).toMatch(/stopped in the debugger/);
    expect(done.logs).toEqual([]);
  });

  it('answers false to a step command when the run is not paused', () => {
    const stepper = new DebugStepper({ pauseTimeoutMs: 1000, onPauseTimeout: 'continue', onEvent: () => undefined });
    expect(stepper.apply({ type: 'stepOver' })).toBe(false);
  });
});

describe('the pause timeout', () => {
  it('resumes a forgotten pause and lets go of the run: later breakpoints do not pause it again', async () => {
    const { result, nextPause, events } = debugRun(main, { Start: 1 }, [{ flow: 'ACT_Main', nodeId: 'x' }, { flow: 'ACT_Main', nodeId: 'log' }], { pauseTimeoutMs: 50 });
    const paused = await nextPause();
    expect(Date.parse(paused.timesOutAt) - Date.parse(paused.pausedAt)).toBe(50);
    const done = await result;
    expect(done.status).toBe('succeeded');
    expect(events.map((e) => e.type)).toEqual(['paused', 'resumed']);
    expect(events[1]).toEqual({ type: 'resumed', command: 'continue', byTimeout: true });
  });

  it('stops the run instead when so configured, saying why', async () => {
    const { result, nextPause } = debugRun(main, { Start: 1 }, [{ flow: 'ACT_Main', nodeId: 'log' }], { pauseTimeoutMs: 50, onPauseTimeout: 'stop' });
    await nextPause();
    const done = await result;
    expect(done.error?.kind).toBe('Stopped');
    expect(done.error?.message).toMatch(/pause timeout/);
  });

  it('does not count the time paused against the run time limit', async () => {
    // A breakpoint before any step that awaits: the run's timer is first armed by the pause itself.
    const { stepper, result, nextPause } = debugRun(main, { Start: 1 }, [{ flow: 'ACT_Main', nodeId: 'x' }], { run: { timeoutMs: 150 } });
    await nextPause();
    await new Promise((r) => setTimeout(r, 300));
    stepper.apply({ type: 'continue' });
    expect((await result).status).toBe('succeeded');
  });

  it('lets a cancelled run end while it is paused', async () => {
    const controller = new AbortController();
    const { result, nextPause } = debugRun(main, { Start: 1 }, [{ flow: 'ACT_Main', nodeId: 'log' }], { run: { signal: controller.signal } });
    await nextPause();
    controller.abort();
    const done = await result;
    expect(done.error?.kind).toBe('Cancelled');
  });
});

describe('variables at a pause', () => {
  it('are bounded: each value and all of them together', async () => {
    const big = compiled(
      chain(
        [
          ['a', 'CreateVariable', { variableName: 'A', type: 'String', value: '$pad("", 100000, "x")' }],
          ['b', 'CreateVariable', { variableName: 'B', type: 'JSON', value: '[1..20000].{"n": $}' }],
          ['log', 'LogMessage', { level: 'info', message: 'x' }],
        ],
        { name: 'ACT_Big' },
      ),
      engine,
    );
    const { stepper, result, nextPause } = debugRun(big, {}, [{ flow: 'ACT_Big', nodeId: 'log' }]);
    const paused = await nextPause();
    expect(JSON.stringify(paused.variables).length).toBeLessThan(40_000);
    expect(String(paused.variables[0]?.value)).toMatch(/more characters/);
    stepper.apply({ type: 'continue' });
    expect((await result).status).toBe('succeeded');

    const many = compiled(
      chain([...Array.from({ length: 30 }, (_, i): [string, string, Record<string, unknown>] => [`v${i}`, 'CreateVariable', { variableName: `V${i}`, type: 'JSON', value: '[1..50].{"a": $pad("", 1000, "z")}' }]), ['log', 'LogMessage', { level: 'info', message: 'x' }]], { name: 'ACT_Many' }),
      engine,
    );
    const second = debugRun(many, {}, [{ flow: 'ACT_Many', nodeId: 'log' }]);
    const all = await second.nextPause();
    expect(all.variables).toHaveLength(30);
    expect(JSON.stringify(all.variables).length).toBeLessThan(300_000);
    expect(all.variables[29]?.value).toMatch(/not shown/);
    second.stepper.apply({ type: 'continue' });
    expect((await second.result).status).toBe('succeeded');
  });

  it('mask secrets: secret constants by value, secret fields by type', async () => {
    const SECRET = 'hunter2-very-secret-value';
    const engineWithTypes = createEngine([
      coreRuntimeModule,
      { definitions: { objectTypes: [{ name: 'Login', fields: [{ name: 'user', type: 'String' }, { name: 'password', type: 'String', secret: true }] }] }, implementations: [] },
    ]);
    const flow = compiled(
      chain(
        [
          ['copy', 'CreateVariable', { variableName: 'Copy', type: 'String', value: '$Login.password' }],
          ['log', 'LogMessage', { level: 'info', message: 'x' }],
        ],
        { name: 'ACT_Secret', parameters: [{ name: 'Login', type: 'Login' }] },
      ),
      engineWithTypes,
    );
    const events: DebugEvent[] = [];
    let stepper!: DebugStepper;
    stepper = new DebugStepper({
      breakpoints: [{ flow: 'ACT_Secret', nodeId: 'log' }],
      pauseTimeoutMs: 5000,
      onPauseTimeout: 'continue',
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'paused') queueMicrotask(() => stepper.apply({ type: 'continue' }));
      },
    });
    const done = await run(flow, { Login: { user: 'ann', password: SECRET } }, { debug: stepper });
    expect(done.status).toBe('succeeded');
    const paused = events.find((e) => e.type === 'paused');
    expect(JSON.stringify(paused)).not.toContain(SECRET);
    expect(paused?.type === 'paused' && paused.state.variables).toEqual([
      { name: 'Login', type: 'Login', value: { user: 'ann', password: '***' } },
      { name: 'Copy', type: 'String', value: '***' },
    ]);
  });
});
