/**
 * One server-sent-events connection with back-pressure: frames go to the socket while it accepts them
 * and wait in a bounded outbox while it does not. A client whose outbox would pass its bound is
 * dropped (it reconnects by itself after the `retry:` delay it was told and resumes with
 * `Last-Event-ID`), so a client that never reads costs at most the bound, not the server's memory.
 */
import type { Response } from 'express';
import type { LiveFrame } from './replay-window.js';

/** How much one client may have waiting. */
export interface OutboxLimits {
  events: number;
  bytes: number;
}

export class SseClient {
  private readonly outbox: LiveFrame[] = [];
  private outboxBytes = 0;
  private waitingForDrain = false;
  private closed = false;

  /**
   * @param onDrop called once when the client is dropped for being too slow
   */
  constructor(
    private readonly res: Response,
    private readonly limits: OutboxLimits,
    private readonly retryMs: number,
    private readonly onDrop: () => void,
  ) {
    res.on('drain', () => this.flush());
  }

  /** Queues `frame`; drops the client when its outbox is full. */
  send(frame: LiveFrame): void {
    if (this.closed) return;
    if (!this.waitingForDrain && this.outbox.length === 0) {
      this.write(frame.text);
      return;
    }
    if (this.outbox.length + 1 > this.limits.events || this.outboxBytes + frame.bytes > this.limits.bytes) {
      this.drop();
      return;
    }
    this.outbox.push(frame);
    this.outboxBytes += frame.bytes;
  }

  /** Writes a comment or control line directly unless the socket is backed up (then it is not needed). */
  sendControl(text: string): void {
    if (this.closed || this.waitingForDrain || this.outbox.length > 0) return;
    this.write(text);
  }

  /** Bytes this client holds in server memory: its outbox and what the socket has not taken yet. */
  get bufferedBytes(): number {
    return this.outboxBytes + (this.closed ? 0 : this.res.writableLength);
  }

  /** Stops sending (the connection closed or the server is shutting down). */
  close(): void {
    this.closed = true;
    this.outbox.length = 0;
    this.outboxBytes = 0;
  }

  private write(text: string): void {
    if (!this.res.write(text)) this.waitingForDrain = true;
  }

  private flush(): void {
    this.waitingForDrain = false;
    while (!this.closed && !this.waitingForDrain && this.outbox.length > 0) {
      const frame = this.outbox.shift()!;
      this.outboxBytes -= frame.bytes;
      this.write(frame.text);
    }
  }

  private drop(): void {
    this.close();
    this.onDrop();
    // The reconnect hint goes last; whatever the socket already holds stays bounded by its buffer, and a
    // client that never reads it is cut off for good after a grace period.
    this.res.end(`retry: ${this.retryMs}\n\n`);
    const timer = setTimeout(() => this.res.destroy(), 5_000);
    timer.unref();
    this.res.on('close', () => clearTimeout(timer));
  }
}
