import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EventsSnapshot } from './events/events-state.js';

/** Reads a state file written by `saveStateFile`; undefined when the file does not exist yet. */
export function loadStateFile(path: string): EventsSnapshot | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`Local AWS state file ${path} is not valid JSON (${(e as Error).message}); fix or delete it.`);
  }
  const snapshot = parsed as Partial<EventsSnapshot> | null;
  if (!snapshot || snapshot.version !== 1 || !Array.isArray(snapshot.buses) || !Array.isArray(snapshot.rules)) {
    throw new Error(`Local AWS state file ${path} is not a version 1 local-aws state; delete it to start empty.`);
  }
  return {
    version: 1,
    buses: snapshot.buses,
    rules: snapshot.rules,
    connections: snapshot.connections ?? [],
    apiDestinations: snapshot.apiDestinations ?? [],
  };
}

/** Writes the state atomically (temp file + rename) so a crash never leaves half a file. */
export function saveStateFile(path: string, snapshot: EventsSnapshot): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(snapshot, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}
