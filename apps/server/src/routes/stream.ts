/** `GET /api/stream`: live run and inbox announcements as server-sent events. */
import type { Request, Response } from 'express';
import { LIVE_EVENT_NAMES, type EventBus } from '../live/event-bus.js';

/** Open streams, so shutdown can end them (an open stream would keep the server from closing). */
export class LiveStreams {
  private readonly open = new Set<Response>();

  /** Serves one stream until the client goes away or `closeAll` is called. */
  handler(bus: EventBus, heartbeatMs = 25_000) {
    return (req: Request, res: Response) => {
      res.status(200);
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache, no-transform');
      res.setHeader('x-accel-buffering', 'no');
      res.flushHeaders();
      res.write(': connected\n\n');
      this.open.add(res);
      const unsubscribe = LIVE_EVENT_NAMES.map((name) =>
        bus.subscribe(name, (data) => {
          res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
        }),
      );
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref();
      const close = () => {
        clearInterval(heartbeat);
        for (const off of unsubscribe) off();
        this.open.delete(res);
      };
      req.on('close', close);
      res.on('close', close);
    };
  }

  /** Ends every open stream. */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
