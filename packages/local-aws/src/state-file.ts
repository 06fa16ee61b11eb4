import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { PartitionSnapshot } from './events/account-regions.js';
import type { ArnScope } from './events/arns.js';
import type { EventsSnapshot } from './events/events-state.js';

/** The state file: EventBridge resources per account and region. */
export interface StateFile {
  readonly version: 2;
  readonly partitions: PartitionSnapshot[];
}

function eventsSnapshot(raw: Partial<EventsSnapshot>): EventsSnapshot {
  return {
    version: 1,
    buses: raw.buses ?? [],
    rules: raw.rules ?? [],
    connections: raw.connections ?? [],
    apiDestinations: raw.apiDestinations ?? [],
  };
}

/**
 * Reads a state file written by `saveStateFile`; undefined when the file does not exist yet.
 * A version 1 file (one state for everything) is migrated into the partition of `legacyScope`,
 * the region and account its ARNs were minted with.
 */
export function loadStateFile(path: string, legacyScope: ArnScope): StateFile | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`Local AWS state file ${path} is not valid JSON (${(e as Error).message}); fix or delete it.`);
  }
  const file = parsed as { version?: unknown; buses?: unknown; rules?: unknown; partitions?: unknown } | null;
  if (file && file.version === 1 && Array.isArray(file.buses) && Array.isArray(file.rules)) {
    return {
      version: 2,
      partitions: [{ ...eventsSnapshot(file as Partial<EventsSnapshot>), region: legacyScope.region, accountId: legacyScope.accountId }],
    };
  }
  if (file && file.version === 2 && Array.isArray(file.partitions)) {
    const partitions = (file.partitions as Array<Partial<PartitionSnapshot>>).map((p, i) => {
      if (typeof p.region !== 'string' || typeof p.accountId !== 'string') {
        throw new Error(`Local AWS state file ${path}: partition ${i} has no region or accountId; fix or delete the file.`);
      }
      return { ...eventsSnapshot(p), region: p.region, accountId: p.accountId };
    });
    return { version: 2, partitions };
  }
  throw new Error(`Local AWS state file ${path} is not a version 1 or 2 local-aws state; delete it to start empty.`);
}

/** Writes the state atomically (temp file + rename) so a crash never leaves half a file. */
export function saveStateFile(path: string, file: StateFile): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}
