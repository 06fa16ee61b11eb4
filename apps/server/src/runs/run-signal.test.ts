import { describe, expect, it } from 'vitest';
import { runSignal } from './run-signal.js';

describe('runSignal', () => {
  it('returns a lone signal without a time limit as it is', () => {
    const source = new AbortController().signal;
    expect(runSignal([source, undefined]).signal).toBe(source);
  });

  it('aborts when any of its sources aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = runSignal([a.signal, b.signal]);
    expect(linked.signal.aborted).toBe(false);
    b.abort();
    expect(linked.signal.aborted).toBe(true);
    linked.dispose();
  });

  it('starts aborted when a source already is', () => {
    const a = new AbortController();
    a.abort();
    expect(runSignal([new AbortController().signal, a.signal], 60_000).signal.aborted).toBe(true);
  });

  it('aborts after its time limit', async () => {
    const linked = runSignal([new AbortController().signal], 20);
    expect(linked.signal.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(linked.signal.aborted).toBe(true);
  });

  it('once disposed, neither its sources nor its time limit abort it, and it leaves no listener behind', async () => {
    const a = new AbortController();
    let listeners = 0;
    const add = a.signal.addEventListener.bind(a.signal);
    const remove = a.signal.removeEventListener.bind(a.signal);
    a.signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add;
    a.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (listeners--, remove(...args))) as typeof remove;
    const linked = runSignal([a.signal], 20);
    expect(listeners).toBe(1);
    linked.dispose();
    expect(listeners).toBe(0);
    a.abort();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(linked.signal.aborted).toBe(false);
  });
});
