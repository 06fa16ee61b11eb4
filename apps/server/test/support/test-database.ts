/**
 * The PostgreSQL the server's tests use: `PG_TEST_URL`, or the one this machine and CI run on
 * 127.0.0.1:5432 (trust auth, database `test`). Every test works in its own schema and drops it.
 * PostgreSQL being unreachable fails the tests that need it, with what to do; they never skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test run uses. */
export function uniqueSchema(): string {
  return `fb_test_${randomBytes(6).toString('hex')}`;
}

/** Runs `work` with one connection; a connection failure becomes an error saying how to get PostgreSQL. */
export async function withTestDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `These tests need PostgreSQL at ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, '@')} and could not connect (${(error as Error).message}). Start it (CI and this machine run it on 127.0.0.1:5432, trust auth, database "test"), or point PG_TEST_URL at one.`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops `schema` and everything in it. */
export async function dropTestSchema(schema: string): Promise<void> {
  await withTestDatabase((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}
