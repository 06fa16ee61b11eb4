/**
 * Secrets by type. An object-type field declared `secret: true` (e.g. `Credentials.secretAccessKey`)
 * holds a value a flow must never show: activities get the real value, but every place that shows a
 * value (trace snapshots, logs, run results, API responses) passes it through `redact` first.
 * The runtime adds a second net on top: every secret string it has seen is masked wherever it appears.
 */
import type { Catalogue } from './activity-definition.js';
import { parseType, type TypeRef } from './types.js';

/** What a redacted value is replaced by. */
export const REDACTED = '***';

function toRef(type: string | TypeRef): TypeRef | undefined {
  if (typeof type !== 'string') return type;
  const parsed = parseType(type);
  return parsed.ok ? parsed.type : undefined;
}

/** True when values of `type` may contain a secret field (so they need redacting before display). */
export function typeHasSecrets(type: string | TypeRef, catalogue: Catalogue, seen: Set<string> = new Set()): boolean {
  const ref = toRef(type);
  if (!ref) return false;
  if (ref.kind === 'list') return typeHasSecrets(ref.item, catalogue, seen);
  if (ref.kind !== 'object' || seen.has(ref.name)) return false;
  seen.add(ref.name);
  const definition = catalogue.objectTypes.get(ref.name);
  return definition?.fields.some((f) => f.secret === true || typeHasSecrets(f.type, catalogue, seen)) ?? false;
}

/** A copy of `value` with every secret field of `type` replaced by `"***"`; values without secrets come back as they are. */
export function redact(value: unknown, type: string | TypeRef, catalogue: Catalogue): unknown {
  const ref = toRef(type);
  if (!ref || value === null || typeof value !== 'object') return value;
  if (ref.kind === 'list') return Array.isArray(value) ? value.map((item) => redact(item, ref.item, catalogue)) : value;
  if (ref.kind !== 'object' || Array.isArray(value)) return value;
  const definition = catalogue.objectTypes.get(ref.name);
  if (!definition) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of definition.fields) {
    if (!(field.name in out)) continue;
    out[field.name] = field.secret === true ? (out[field.name] === undefined || out[field.name] === null ? out[field.name] : REDACTED) : redact(out[field.name], field.type, catalogue);
  }
  return out;
}

/** Every secret string inside `value` of `type` (secret fields and their nested strings), for masking elsewhere. */
export function secretStrings(value: unknown, type: string | TypeRef, catalogue: Catalogue, into: Set<string> = new Set()): Set<string> {
  const ref = toRef(type);
  if (!ref || value === null || typeof value !== 'object') return into;
  if (ref.kind === 'list') {
    if (Array.isArray(value)) for (const item of value) secretStrings(item, ref.item, catalogue, into);
    return into;
  }
  if (ref.kind !== 'object' || Array.isArray(value)) return into;
  const definition = catalogue.objectTypes.get(ref.name);
  for (const field of definition?.fields ?? []) {
    const fieldValue = (value as Record<string, unknown>)[field.name];
    if (field.secret === true) collectStrings(fieldValue, into);
    else secretStrings(fieldValue, field.type, catalogue, into);
  }
  return into;
}

/**
 * Every string leaf of a value (a secret constant may be an object). Strings shorter than 3 characters
 * are skipped: masking every "a" in a log would hide everything and protect nothing.
 */
export function collectStrings(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    if (value.length >= 3) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) collectStrings(item, into);
  }
  return into;
}
