import { fork, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runHostEntry } from './worker-entry.js';

/** Starts a run host as the pool does. */
function startHost(): ChildProcess {
  const { modulePath, execArgv } = runHostEntry();
  return fork(modulePath, [JSON.stringify({ heapMb: 64, youngMb: 8, slots: 2 })], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
}

/** How the host ended, or 'still running' after `ms`. */
function ended(child: ChildProcess, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('still running');
    }, ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `code ${code}`);
    });
  });
}

describe('run host process', () => {
  it('ends when the server goes while the host is still loading', async () => {
    const child = startHost();
    // At once: the host's module has not run yet, so the channel closes before it can listen.
    child.disconnect();
    expect(await ended(child, 15_000)).toBe('SIGKILL');
  });

  it('ends when the server goes after the host has started', async () => {
    const child = startHost();
    // The host mirrors its worker's progress slots once its worker is up: it is listening by then.
    await new Promise((resolve) => child.once('message', resolve));
    child.disconnect();
    expect(await ended(child, 15_000)).toBe('SIGKILL');
  });
});
