import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../src/live/event-bus.js';
import { LiveStreams } from '../src/routes/stream.js';

interface Harness {
  bus: EventBus;
  streams: LiveStreams;
  url: string;
  port: number;
  close(): Promise<void>;
}

async function startStream(limits?: ConstructorParameters<typeof LiveStreams>[0]): Promise<Harness> {
  const bus = new EventBus();
  const streams = new LiveStreams(limits);
  const app = express();
  app.get('/api/stream', streams.handler(bus));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    bus,
    streams,
    port,
    url: `http://127.0.0.1:${port}/api/stream`,
    close: () =>
      new Promise((resolve) => {
        streams.closeAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A client that sends the request and then never reads a byte. */
function stuckClient(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write(`GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.on('connect', () => undefined);
    socket.once('error', reject);
  });
}

/** Reads a stream's text until `until` matches or `ms` pass. */
async function readUntil(res: Response, until: (text: string) => boolean, ms = 5000): Promise<string> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const deadline = Date.now() + ms;
  while (!until(text) && Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(() => r(undefined), Math.max(1, deadline - Date.now())))]);
    if (!next || next.done) break;
    text += next.value;
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

const ids = (text: string) => [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1]!);

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('/api/stream back-pressure and resume', () => {
  it('keeps ten clients that never read within their bound while thousands of events are published', async () => {
    harness = await startStream();
    const sockets = await Promise.all(Array.from({ length: 10 }, () => stuckClient(harness!.port)));
    await new Promise((r) => setTimeout(r, 200));
    expect(harness.streams.stats().clients).toBe(10);
    const payload = 'x'.repeat(8 * 1024);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().external;
    let maxBuffered = 0;
    for (let i = 0; i < 4000; i++) {
      harness.bus.publish('run.log', { runId: `r${i}`, flow: 'F', line: { time: '', level: 'info', nodeId: 'n', message: payload } });
      if (i % 100 === 0) {
        maxBuffered = Math.max(maxBuffered, harness.streams.stats().bufferedBytes);
        await new Promise((r) => setImmediate(r));
      }
    }
    const stats = harness.streams.stats();
    const grown = process.memoryUsage().heapUsed + process.memoryUsage().external - heapBefore;
    // 4000 × 8 KB to ten clients is 320 MB without back-pressure.
    expect(maxBuffered).toBeLessThan(10 * (2 * 1024 * 1024 + 64 * 1024));
    // Each stuck client was dropped once its backlog reached the bound (one whose kernel buffer took
    // more may still be connected, but then within the bound too).
    expect(stats.droppedClients).toBeGreaterThanOrEqual(8);
    expect(stats.droppedClients + stats.clients).toBe(10);
    expect(stats.peakBufferedBytes).toBeLessThan(10 * (2 * 1024 * 1024 + 64 * 1024));
    expect(stats.replayBytes).toBeLessThanOrEqual(1024 * 1024);
    expect(grown).toBeLessThan(100 * 1024 * 1024);
    for (const socket of sockets) socket.destroy();
  }, 60_000);

  it('tells every client its reconnect delay and gives every message an id', async () => {
    harness = await startStream();
    const res = await fetch(harness.url);
    const reading = readUntil(res, (t) => ids(t).length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    harness.bus.publish('inbox.changed', { ids: ['a'] });
    harness.bus.publish('inbox.changed', { ids: ['b'] });
    const text = await reading;
    expect(text).toMatch(/^retry: \d+$/m);
    const [first, second] = ids(text);
    expect(first).toMatch(/^[0-9a-z]+-1$/);
    expect(second).toMatch(/^[0-9a-z]+-2$/);
  });

  it('replays what a client missed after its Last-Event-ID', async () => {
    harness = await startStream();
    for (const id of ['a', 'b', 'c']) harness.bus.publish('inbox.changed', { ids: [id] });
    // An unknown position gets a resync carrying the current id, which tells this test the epoch.
    const probe = await fetch(harness.url, { headers: { 'last-event-id': 'nonsense-1' } });
    const epochId = ids(await readUntil(probe, (t) => t.includes('resync')))[0]!;
    const epoch = epochId.split('-')[0]!;
    const resumed = await fetch(harness.url, { headers: { 'last-event-id': `${epoch}-1` } });
    const text = await readUntil(resumed, (t) => ids(t).length >= 2);
    expect(ids(text)).toEqual([`${epoch}-2`, `${epoch}-3`]);
    expect(text).toContain('"b"');
    expect(text).toContain('"c"');
    expect(text).not.toContain('"a"');
  });

  it('asks a client to reload when what it missed fell out of the replay window', async () => {
    harness = await startStream({ clientEvents: 100, clientBytes: 1 << 20, replayEvents: 5, replayBytes: 1 << 20, retryMs: 1000 });
    for (let i = 0; i < 20; i++) harness.bus.publish('inbox.changed', { ids: [`e${i}`] });
    const probe = await fetch(harness.url, { headers: { 'last-event-id': 'zz-1' } });
    const probeText = await readUntil(probe, (t) => t.includes('resync'));
    expect(probeText).toContain('event: resync');
    const epoch = ids(probeText)[0]!.split('-')[0]!;
    const res = await fetch(harness.url, { headers: { 'last-event-id': `${epoch}-2` } });
    const text = await readUntil(res, (t) => t.includes('resync'));
    expect(text).toContain('event: resync');
    expect(text).not.toContain('"e3"');
    const recent = await fetch(harness.url, { headers: { 'last-event-id': `${epoch}-16` } });
    expect(ids(await readUntil(recent, (t) => ids(t).length >= 4))).toEqual([`${epoch}-17`, `${epoch}-18`, `${epoch}-19`, `${epoch}-20`]);
  });
});
