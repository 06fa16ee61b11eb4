/**
 * Format migrations: every older `formatVersion` is brought up to `FORMAT_VERSION` on load, one step
 * at a time, so a flow saved by any earlier Flowbridge still opens and runs.
 *
 * The format is at version 1 and has no older versions yet. To change the format: bump
 * `FORMAT_VERSION`, add `MIGRATIONS[old] = (doc) => newDoc` here, and add a test that migrates a
 * saved document of the old version.
 */
import { FORMAT_VERSION } from './document.js';
import type { Problem } from './problems.js';

/** Upgrades a document of version `n` (the key) to version `n + 1`. Works on plain JSON. */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

/** The migration out of each older version, keyed by the version it reads. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult = { ok: true; document: unknown; from: number | undefined } | { ok: false; problems: Problem[] };

/**
 * Brings `input` up to the current format version. Inputs that are not versioned objects pass
 * through unchanged (the structural check reports them); a version with no path forward is a problem.
 */
export function migrateDocument(input: unknown, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, target: number = FORMAT_VERSION): MigrationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: true, document: input, from: undefined };
  const from = (input as { formatVersion?: unknown }).formatVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from >= target) return { ok: true, document: input, from: typeof from === 'number' ? from : undefined };
  let document = input as Record<string, unknown>;
  for (let version = from; version < target; version++) {
    const step = migrations[version];
    if (!step) {
      return {
        ok: false,
        problems: [{ severity: 'error', code: 'invalid-document', field: 'formatVersion', message: `formatVersion ${from} is older than any this Flowbridge can read (no migration from version ${version}); open it with an older Flowbridge first.` }],
      };
    }
    document = { ...step(structuredClone(document)), formatVersion: version + 1 };
  }
  return { ok: true, document, from };
}
