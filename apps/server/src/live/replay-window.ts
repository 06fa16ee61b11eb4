/**
 * The recent live messages, already framed, so a client that reconnects with `Last-Event-ID` gets what
 * it missed. Bounded by count and bytes: older messages fall out, and a client asking for one of them
 * is told to reload instead.
 */

/** One framed server-sent event. */
export interface LiveFrame {
  seq: number;
  text: string;
  bytes: number;
}

/** Limits of the replay window. */
export interface ReplayLimits {
  events: number;
  bytes: number;
}

export class ReplayWindow {
  private readonly frames: LiveFrame[] = [];
  private head = 0;
  private totalBytes = 0;

  constructor(private readonly limits: ReplayLimits) {}

  /** Keeps `frame`, dropping the oldest ones past the limits. */
  push(frame: LiveFrame): void {
    this.frames.push(frame);
    this.totalBytes += frame.bytes;
    while (this.frames.length - this.head > this.limits.events || (this.totalBytes > this.limits.bytes && this.frames.length - this.head > 1)) {
      this.totalBytes -= this.frames[this.head]!.bytes;
      this.head++;
    }
    // Compact now and then instead of shifting on every push.
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Frames after `seq`, or undefined when some of them already fell out of the window. */
  after(seq: number): LiveFrame[] | undefined {
    const oldest = this.frames[this.head]?.seq;
    if (oldest === undefined) return [];
    if (seq < oldest - 1) return undefined;
    const out: LiveFrame[] = [];
    for (let i = this.head; i < this.frames.length; i++) if (this.frames[i]!.seq > seq) out.push(this.frames[i]!);
    return out;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Frames held. */
  get size(): number {
    return this.frames.length - this.head;
  }
}
