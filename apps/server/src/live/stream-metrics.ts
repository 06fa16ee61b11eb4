/** Live-stream figures on `/metrics`, read from the open streams when scraped. */
import { Gauge, type Registry } from 'prom-client';
import type { LiveStreams } from '../routes/stream.js';

/** Registers the live-stream gauges (clients, bytes held for them now and at most, slow clients dropped). */
export function registerStreamMetrics(registry: Registry, streams: LiveStreams): void {
  const gauge = (name: string, help: string, read: (s: ReturnType<LiveStreams['stats']>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(streams.stats()));
      },
    });
  gauge('flowbridge_live_clients', 'Open /api/stream connections', (s) => s.clients);
  gauge('flowbridge_live_buffered_bytes', 'Bytes held in server memory for live-stream clients that have not read them yet', (s) => s.bufferedBytes);
  gauge('flowbridge_live_buffered_bytes_peak', 'Most bytes ever held at once for live-stream clients', (s) => s.peakBufferedBytes);
  gauge('flowbridge_live_dropped_clients', 'Live-stream clients dropped for reading too slowly, since start', (s) => s.droppedClients);
}
