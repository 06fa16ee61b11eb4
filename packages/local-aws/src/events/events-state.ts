import type { ApiDestinationRecord, ConnectionRecord, EventBusRecord, RuleRecord } from './model.js';

/** The serialisable form of everything EventBridge keeps (used for the optional state file). */
export interface EventsSnapshot {
  readonly version: 1;
  readonly buses: EventBusRecord[];
  readonly rules: RuleRecord[];
  readonly connections: ConnectionRecord[];
  readonly apiDestinations: ApiDestinationRecord[];
}

function ruleKey(busName: string, ruleName: string): string {
  return `${busName}\u0000${ruleName}`;
}

/** In-memory store of buses, rules (with their targets), connections and API destinations. */
export class EventsState {
  readonly buses = new Map<string, EventBusRecord>();
  private readonly rules = new Map<string, RuleRecord>();
  readonly connections = new Map<string, ConnectionRecord>();
  readonly apiDestinations = new Map<string, ApiDestinationRecord>();

  getRule(busName: string, ruleName: string): RuleRecord | undefined {
    return this.rules.get(ruleKey(busName, ruleName));
  }

  putRule(rule: RuleRecord): void {
    this.rules.set(ruleKey(rule.eventBusName, rule.name), rule);
  }

  deleteRule(busName: string, ruleName: string): void {
    this.rules.delete(ruleKey(busName, ruleName));
  }

  /** The rules of one bus, in creation order. */
  rulesOn(busName: string): RuleRecord[] {
    return [...this.rules.values()].filter((r) => r.eventBusName === busName);
  }

  allRules(): RuleRecord[] {
    return [...this.rules.values()];
  }

  snapshot(): EventsSnapshot {
    return {
      version: 1,
      buses: [...this.buses.values()],
      rules: this.allRules(),
      connections: [...this.connections.values()],
      apiDestinations: [...this.apiDestinations.values()],
    };
  }

  /** Replaces the content with a snapshot read back from the state file. */
  restore(snapshot: EventsSnapshot): void {
    this.buses.clear();
    this.rules.clear();
    this.connections.clear();
    this.apiDestinations.clear();
    for (const b of snapshot.buses) this.buses.set(b.name, b);
    for (const r of snapshot.rules) this.putRule(r);
    for (const c of snapshot.connections) this.connections.set(c.name, c);
    for (const d of snapshot.apiDestinations) this.apiDestinations.set(d.name, d);
  }
}
