/**
 * The server's last net for secrets: every string of a secret constant's value is replaced by `***`
 * wherever it appears in a run record, an SSE message or a log line, even if an activity leaked it.
 */
import { REDACTED } from '@flowbridge/flow-model';

/** Masks secret strings inside any JSON-like value; the secret set is read fresh on each call. */
export class SecretMasker {
  constructor(private readonly secrets: () => ReadonlySet<string>) {}

  /** A copy of `value` with every occurrence of a secret string replaced. */
  mask<T>(value: T): T {
    const secrets = [...this.secrets()].sort((a, b) => b.length - a.length);
    if (secrets.length === 0) return value;
    return maskValue(value, secrets, new WeakSet()) as T;
  }

  /** `text` with every secret replaced. */
  maskText(text: string): string {
    return this.mask(text);
  }
}

function maskValue(value: unknown, secrets: readonly string[], seen: WeakSet<object>): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secrets, seen));
  if (value instanceof Error) {
    return { name: value.name, message: maskValue(value.message, secrets, seen), ...(value.stack ? { stack: maskValue(value.stack, secrets, seen) } : {}) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskValue(item, secrets, seen);
  return out;
}
