/**
 * `GET /api/stream`: live run and inbox announcements as server-sent events. Every message carries an
 * id (`<epoch>-<seq>`); a client reconnecting with `Last-Event-ID` gets the messages it missed from a
 * bounded replay window, or a `resync` event when they are gone (it then reloads its lists). Each
 * client's backlog is bounded; slow clients are dropped and told when to come back (`retry:`).
 */
import type { Request, Response } from 'express';
import { LIVE_EVENT_NAMES, type EventBus } from '../live/event-bus.js';
import { ReplayWindow, type LiveFrame } from '../live/replay-window.js';
import { SseClient } from '../live/sse-client.js';

/** Bounds of the live stream; the defaults keep ten stuck clients under about 20 MB. */
export interface StreamLimits {
  /** Messages and bytes one client may have waiting before it is dropped. */
  clientEvents: number;
  clientBytes: number;
  /** Messages and bytes kept for clients that resume with `Last-Event-ID`. */
  replayEvents: number;
  replayBytes: number;
  /** Reconnect delay told to clients (`retry:`), in milliseconds. */
  retryMs: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { clientEvents: 2000, clientBytes: 2 * 1024 * 1024, replayEvents: 1000, replayBytes: 1024 * 1024, retryMs: 3000 };

/** The longest `Last-Event-ID` looked at; anything longer is treated as unknown. */
const MAX_EVENT_ID_LENGTH = 64;

/** Open streams, so shutdown can end them (an open stream would keep the server from closing). */
export class LiveStreams {
  private readonly open = new Map<Response, SseClient>();
  private readonly replay: ReplayWindow;
  /** Distinguishes this server process's ids from an earlier one's. */
  private readonly epoch = Date.now().toString(36);
  private seq = 0;
  private droppedClients = 0;
  private peakBufferedBytes = 0;
  private subscribedTo: EventBus | undefined;

  constructor(private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {
    this.replay = new ReplayWindow({ events: limits.replayEvents, bytes: limits.replayBytes });
  }

  /** Serves one stream until the client goes away or `closeAll` is called. */
  handler(bus: EventBus, heartbeatMs = 25_000) {
    this.subscribe(bus);
    return (req: Request, res: Response) => {
      res.status(200);
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache, no-transform');
      res.setHeader('x-accel-buffering', 'no');
      res.flushHeaders();
      const client = new SseClient(res, { events: this.limits.clientEvents, bytes: this.limits.clientBytes }, this.limits.retryMs, () => {
        this.droppedClients++;
        this.open.delete(res);
      });
      res.write(`retry: ${this.limits.retryMs}\n: connected\n\n`);
      this.open.set(res, client);
      this.resume(client, lastEventId(req));
      const heartbeat = setInterval(() => client.sendControl(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref();
      const close = () => {
        clearInterval(heartbeat);
        client.close();
        this.open.delete(res);
      };
      req.on('close', close);
      res.on('close', close);
    };
  }

  /** Connected clients, bytes they hold in server memory, and how many were dropped for being slow. */
  stats(): { clients: number; bufferedBytes: number; peakBufferedBytes: number; droppedClients: number; replayBytes: number } {
    const bufferedBytes = this.bufferedBytes();
    return { clients: this.open.size, bufferedBytes, peakBufferedBytes: Math.max(this.peakBufferedBytes, bufferedBytes), droppedClients: this.droppedClients, replayBytes: this.replay.bytes };
  }

  private bufferedBytes(): number {
    let bytes = 0;
    for (const client of this.open.values()) bytes += client.bufferedBytes;
    return bytes;
  }

  /** Ends every open stream. */
  closeAll(): void {
    for (const [res, client] of this.open) {
      client.close();
      res.end();
    }
    this.open.clear();
  }

  private subscribe(bus: EventBus): void {
    if (this.subscribedTo === bus) return;
    if (this.subscribedTo) throw new Error('LiveStreams serves one event bus');
    this.subscribedTo = bus;
    for (const name of LIVE_EVENT_NAMES) bus.subscribe(name, (data) => this.broadcast(name, data));
  }

  /** Frames a message once and hands it to every client. */
  private broadcast(name: string, data: unknown): void {
    const seq = ++this.seq;
    const text = `id: ${this.epoch}-${seq}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    const frame: LiveFrame = { seq, text, bytes: Buffer.byteLength(text) };
    this.replay.push(frame);
    for (const client of [...this.open.values()]) client.send(frame);
    this.peakBufferedBytes = Math.max(this.peakBufferedBytes, this.bufferedBytes());
  }

  private resume(client: SseClient, lastId: string | undefined): void {
    if (lastId === undefined) return;
    const match = /^([0-9a-z]+)-(\d{1,15})$/.exec(lastId);
    const missed = match && match[1] === this.epoch ? this.replay.after(Number(match[2])) : undefined;
    if (missed === undefined) {
      // The client's position is unknown here (another server process, or too long ago): it reloads.
      client.sendControl(`id: ${this.epoch}-${this.seq}\nevent: resync\ndata: {"reason":"missed messages are no longer available"}\n\n`);
      return;
    }
    for (const frame of missed) client.send(frame);
  }
}

/** The resume position from the `Last-Event-ID` header (or `lastEventId` query parameter, for clients that reconnect by hand). */
function lastEventId(req: Request): string | undefined {
  const header = req.headers['last-event-id'];
  const query = req.query.lastEventId;
  const value = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  return value !== undefined && value.length > 0 && value.length <= MAX_EVENT_ID_LENGTH ? value : undefined;
}
