/**
 * The server's last net for secrets: every string of a secret constant's value is replaced by `***`
 * wherever it appears in a run record, an SSE message or a log line, even if an activity leaked it —
 * also in the forms derived from it by the common transforms (case, base64, hex, URL encoding, pieces).
 */
import { REDACTED } from '@flowbridge/flow-model';
import { SecretMatcher } from '@flowbridge/runtime';

/**
 * Masks secret strings inside any JSON-like value. The secret set is read fresh on each call, unless
 * `version` is given: then it is read again only when the version changes (every log line and run
 * record is masked, and collecting the secrets from the constants cost more than the masking).
 */
export class SecretMasker {
  private cached: { key: string; matcher: SecretMatcher } | undefined;
  private cachedVersion: number | undefined;

  constructor(
    private readonly secrets: () => ReadonlySet<string>,
    private readonly version?: () => number,
  ) {}

  /**
   * `value` with every occurrence of a secret, or of a form derived from one, replaced: a copy where
   * something was replaced, the same (sub)value where nothing was.
   */
  mask<T>(value: T): T {
    const matcher = this.matcher();
    if (matcher.empty) return value;
    return maskValue(value, matcher, new WeakSet()) as T;
  }

  /** `text` with every secret replaced. */
  maskText(text: string): string {
    return this.mask(text);
  }

  /** The matcher for the current secrets, rebuilt only when they change. */
  private matcher(): SecretMatcher {
    const version = this.version?.();
    if (version !== undefined && version === this.cachedVersion && this.cached) return this.cached.matcher;
    this.cachedVersion = version;
    const secrets = [...this.secrets()].sort();
    const key = secrets.join('\u0000');
    if (this.cached?.key !== key) {
      const matcher = new SecretMatcher();
      for (const secret of secrets) matcher.add(secret);
      this.cached = { key, matcher };
    }
    return this.cached.matcher;
  }
}

/**
 * `value` with secrets masked; a string, array or plain object in which nothing changed is returned
 * as it is instead of copied: most of what is masked holds no secret, and a copy of it would be garbage.
 */
function maskValue(value: unknown, secrets: SecretMatcher, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return secrets.mask(value, REDACTED);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const masked = maskValue(item, secrets, seen);
      if (masked !== item && !out) out = value.slice(0, i);
      out?.push(masked);
    }
    return out ?? value;
  }
  if (value instanceof Error) {
    return { name: value.name, message: maskValue(value.message, secrets, seen), ...(value.stack ? { stack: maskValue(value.stack, secrets, seen) } : {}) };
  }
  // Anything but a plain object (a Date, a class instance) leaves as a plain copy of its own fields.
  const prototype: unknown = Object.getPrototypeOf(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let out: Record<string, unknown> | undefined = prototype !== Object.prototype && prototype !== null ? {} : undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = record[key];
    const masked = maskValue(item, secrets, seen);
    if (!out && masked !== item) {
      // The first change: the fields before it were unchanged, and are copied as they are.
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = record[keys[j]!];
    }
    if (out) out[key] = masked;
  }
  return out ?? value;
}
