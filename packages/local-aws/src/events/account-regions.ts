import type { ArnScope } from './arns.js';
import { EventsState, type EventsSnapshot } from './events-state.js';
import { ensureDefaultBus } from './operations/event-buses.js';

/** One account's EventBridge resources in one region, as AWS keeps them apart. */
export interface Partition {
  readonly scope: ArnScope;
  readonly state: EventsState;
}

/** The serialisable form of one partition in the state file. */
export interface PartitionSnapshot extends EventsSnapshot {
  readonly region: string;
  readonly accountId: string;
}

/** Most account/region pairs kept at once, so a client inventing regions cannot grow memory without bound. */
export const MAX_PARTITIONS = 256;

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** True for names shaped like AWS regions (`us-east-1`, `eu-central-1`, `us-gov-west-1`). */
export function isRegionName(region: string): boolean {
  return REGION_PATTERN.test(region);
}

/**
 * EventBridge state per account and region: a request works on the partition its SigV4 credential
 * scope names (region) and its access key belongs to (account); each partition has its own default bus.
 */
export class AccountRegions {
  private readonly partitions = new Map<string, Partition>();

  constructor(private readonly now: () => number) {}

  /** The partition for a scope, created (with its default bus) on first use. */
  get(scope: ArnScope): Partition {
    const key = `${scope.accountId}/${scope.region}`;
    let partition = this.partitions.get(key);
    if (!partition) {
      if (this.partitions.size >= MAX_PARTITIONS) {
        throw new RangeError(
          `The local AWS keeps at most ${MAX_PARTITIONS} account/region pairs; restart it or use fewer regions and accounts.`,
        );
      }
      partition = { scope: { region: scope.region, accountId: scope.accountId }, state: new EventsState() };
      ensureDefaultBus({ state: partition.state, scope: partition.scope, now: this.now });
      this.partitions.set(key, partition);
    }
    return partition;
  }

  /** The partition for a scope when it already exists (lookups must not create one). */
  find(scope: ArnScope): Partition | undefined {
    return this.partitions.get(`${scope.accountId}/${scope.region}`);
  }

  all(): Partition[] {
    return [...this.partitions.values()];
  }

  snapshot(): PartitionSnapshot[] {
    return this.all().map((p) => ({ ...p.state.snapshot(), region: p.scope.region, accountId: p.scope.accountId }));
  }

  /** Replaces every partition with those read back from the state file. */
  restore(snapshots: readonly PartitionSnapshot[]): void {
    this.partitions.clear();
    for (const s of snapshots) {
      const partition = this.get({ region: s.region, accountId: s.accountId });
      partition.state.restore(s);
      ensureDefaultBus({ state: partition.state, scope: partition.scope, now: this.now });
    }
  }
}
