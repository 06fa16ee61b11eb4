// Whether a PostgreSQL server answers on the host and port of a connection URL (a TCP connect within 2 s).
import { connect } from 'node:net';

/** The URL the cluster test and bench use: PG_TEST_URL, else the local default. */
export const POSTGRES_URL = new URL(process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

/** Resolves true when something accepts a TCP connection at `url`'s host and port. */
export function postgresReachable(url = POSTGRES_URL) {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 5432) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
