/**
 * What a run shows of its values. Two nets keep secrets out of traces, logs and results:
 *  1. by type — secret fields of object types (`Credentials.secretAccessKey`) become `"***"`
 *     (`redact` from flow-model), and values read from secret constants are shown as `"***"`;
 *  2. by value — every secret string the run has seen (secret constants, secret fields of values that
 *     entered the run) is masked wherever it turns up later, e.g. inside a log message or a JSON
 *     value derived from it.
 * Snapshots are also bounded (depth, items, string length) so a trace stays small.
 */
import { collectStrings, REDACTED, redact, secretStrings, typeHasSecrets, type Catalogue } from '@flowbridge/flow-model';

export const SNAPSHOT_LIMITS = { depth: 6, items: 50, stringLength: 2000 } as const;

export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly secretTypes = new Map<string, boolean>();

  constructor(private readonly catalogue: Catalogue) {}

  /** Remembers the secret strings inside a value of `type` (no-op for types without secret fields). */
  learnTyped(value: unknown, type: string): void {
    if (this.hasSecrets(type)) secretStrings(value, type, this.catalogue, this.secrets);
  }

  /** Remembers every string inside a secret value (a secret constant). */
  learnSecret(value: unknown): void {
    collectStrings(value, this.secrets);
  }

  /** True when values of `type` may hold secret fields. */
  hasSecrets(type: string): boolean {
    let known = this.secretTypes.get(type);
    if (known === undefined) {
      known = typeHasSecrets(type, this.catalogue);
      this.secretTypes.set(type, known);
    }
    return known;
  }

  /** A bounded copy of `value` fit to show: secret fields of `type` redacted, known secrets masked. */
  snapshot(value: unknown, type?: string): unknown {
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'string') return this.text(value);
    const typed = type !== undefined && this.hasSecrets(type) ? redact(value, type, this.catalogue) : value;
    return this.bounded(typed, 0);
  }

  /** A string fit to show: known secrets masked, long text cut. */
  text(value: string): string {
    const masked = this.mask(value);
    return masked.length > SNAPSHOT_LIMITS.stringLength ? `${masked.slice(0, SNAPSHOT_LIMITS.stringLength)}… (${masked.length - SNAPSHOT_LIMITS.stringLength} more characters)` : masked;
  }

  /** `value` with every known secret replaced by `"***"`. */
  mask(value: string): string {
    if (this.secrets.size === 0) return value;
    let out = value;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** A deep copy with known secrets masked, without the size bounds (for run results, which callers consume). */
  full(value: unknown, type?: string): unknown {
    const typed = type !== undefined && this.hasSecrets(type) ? redact(value, type, this.catalogue) : value;
    return this.secrets.size === 0 ? typed : this.maskDeep(typed);
  }

  private maskDeep(value: unknown): unknown {
    if (typeof value === 'string') return this.mask(value);
    if (Array.isArray(value)) return value.map((item) => this.maskDeep(item));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.maskDeep(item);
      return out;
    }
    return value;
  }

  private bounded(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? String(value) : value;
    if (depth >= SNAPSHOT_LIMITS.depth) return Array.isArray(value) ? `[list of ${value.length}]` : '{…}';
    if (Array.isArray(value)) {
      const items = value.slice(0, SNAPSHOT_LIMITS.items).map((item) => this.bounded(item, depth + 1));
      if (value.length > SNAPSHOT_LIMITS.items) items.push(`… ${value.length - SNAPSHOT_LIMITS.items} more items`);
      return items;
    }
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value);
    for (const key of keys.slice(0, SNAPSHOT_LIMITS.items)) out[key] = this.bounded((value as Record<string, unknown>)[key], depth + 1);
    if (keys.length > SNAPSHOT_LIMITS.items) out['…'] = `${keys.length - SNAPSHOT_LIMITS.items} more fields`;
    return out;
  }
}
