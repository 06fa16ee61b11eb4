/**
 * What a run shows of its values. Two nets keep secrets out of traces, logs and results:
 *  1. by type — secret fields of object types (`Credentials.secretAccessKey`) become `"***"`
 *     (`redact` from flow-model), and values read from secret constants are shown as `"***"`;
 *  2. by value — every secret string the run has seen (secret constants, secret fields of values that
 *     entered the run) is masked wherever it turns up later, e.g. inside a log message or a JSON
 *     value derived from it, also after the common transforms (case, base64, hex, URL encoding,
 *     pieces and concatenations; see `SecretMatcher`).
 * Snapshots are also bounded (depth, items, string length, and bytes drawn from the run's trace
 * budget) so a trace stays small.
 */
import { collectStrings, REDACTED, redact, secretStrings, typeHasSecrets, type Catalogue } from '@flowbridge/flow-model';
import { SecretMatcher } from './secret-matcher.js';
import { TraceBudget } from './trace-budget.js';

/** Room left for one snapshot, in approximate JSON bytes. */
interface Room {
  left: number;
}

export const SNAPSHOT_LIMITS = { depth: 6, items: 50, stringLength: 2000 } as const;

export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly matcher = new SecretMatcher();
  private readonly secretTypes = new Map<string, boolean>();

  constructor(
    private readonly catalogue: Catalogue,
    /** What snapshots draw on; unlimited when absent. */
    readonly budget: TraceBudget = new TraceBudget(Number.POSITIVE_INFINITY),
  ) {}

  /** Remembers the secret strings inside a value of `type` (no-op for types without secret fields). */
  learnTyped(value: unknown, type: string): void {
    if (!this.hasSecrets(type)) return;
    const found = new Set<string>();
    secretStrings(value, type, this.catalogue, found);
    this.remember(found);
  }

  /** Remembers every string inside a secret value (a secret constant). */
  learnSecret(value: unknown): void {
    const found = new Set<string>();
    collectStrings(value, found);
    this.remember(found);
  }

  private remember(found: Set<string>): void {
    for (const secret of found) {
      if (this.secrets.has(secret)) continue;
      this.secrets.add(secret);
      this.matcher.add(secret);
    }
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

  /** A bounded copy of `value` fit to show: secret fields of `type` redacted, known secrets masked, cut to the trace budget. */
  snapshot(value: unknown, type?: string): unknown {
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
    const room: Room = { left: this.budget.valueAllowance() };
    const start = room.left;
    const shown = typeof value === 'string' ? this.fitText(this.text(value), value.length, room) : this.bounded(type !== undefined && this.hasSecrets(type) ? redact(value, type, this.catalogue) : value, 0, room);
    this.budget.charge(start - room.left);
    return shown;
  }

  /**
   * Like `snapshot`, but bounded by its own allowance of `maxBytes` instead of the run's trace budget:
   * what a debugger shows of a variable must not use up the room the trace has.
   */
  preview(value: unknown, type: string | undefined, maxBytes: number): unknown {
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
    const room: Room = { left: maxBytes };
    return typeof value === 'string' ? this.fitText(this.text(value), value.length, room) : this.bounded(type !== undefined && this.hasSecrets(type) ? redact(value, type, this.catalogue) : value, 0, room);
  }

  /** A string fit to show: known secrets masked, long text cut. */
  text(value: string): string {
    const masked = this.mask(value);
    return masked.length > SNAPSHOT_LIMITS.stringLength ? `${masked.slice(0, SNAPSHOT_LIMITS.stringLength)}… (${masked.length - SNAPSHOT_LIMITS.stringLength} more characters)` : masked;
  }

  /** `value` with every known secret replaced by `"***"`. */
  mask(value: string): string {
    return this.matcher.mask(value, REDACTED);
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

  private bounded(value: unknown, depth: number, room: Room): unknown {
    if (typeof value === 'string') return this.fitText(this.text(value), value.length, room);
    if (value === null || typeof value !== 'object') {
      room.left -= 8;
      return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? String(value) : value;
    }
    if (depth >= SNAPSHOT_LIMITS.depth) return this.marker(Array.isArray(value) ? `[list of ${value.length}]` : '{…}', room);
    if (Array.isArray(value)) {
      if (room.left <= 0) return this.marker(`[list of ${value.length}, cut: trace budget]`, room);
      room.left -= 2;
      const items: unknown[] = [];
      const shown = Math.min(value.length, SNAPSHOT_LIMITS.items);
      while (items.length < shown && room.left > 0) items.push(this.bounded(value[items.length], depth + 1, room));
      if (value.length > items.length) items.push(this.marker(`… ${value.length - items.length} more items`, room));
      return items;
    }
    const keys = Object.keys(value);
    if (room.left <= 0) return this.marker(`{${keys.length} fields, cut: trace budget}`, room);
    room.left -= 2;
    const out: Record<string, unknown> = {};
    let shown = 0;
    for (const key of keys) {
      if (shown >= SNAPSHOT_LIMITS.items || room.left <= 0) break;
      room.left -= key.length + 4;
      out[key] = this.bounded((value as Record<string, unknown>)[key], depth + 1, room);
      shown++;
    }
    if (keys.length > shown) out['…'] = this.marker(`${keys.length - shown} more fields`, room);
    return out;
  }

  /** `text` cut to the room left; the marker counts characters of the original value. */
  private fitText(text: string, originalLength: number, room: Room): string {
    const fits = Math.max(0, room.left - 2);
    if (text.length <= fits) {
      room.left -= text.length + 2;
      return text;
    }
    const keep = Math.max(0, fits - 40);
    room.left -= keep + 42;
    return `${text.slice(0, keep)}… (${originalLength - keep} more characters, cut: trace budget)`;
  }

  /** A marker string; its bytes are charged even past the room, which is why the room is an estimate. */
  private marker(text: string, room: Room): string {
    room.left -= text.length + 2;
    return text;
  }
}
