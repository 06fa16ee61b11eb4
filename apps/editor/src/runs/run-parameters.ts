/**
 * Typed parameter values for the Run dialog: each flow parameter's text is read according to its type
 * and checked before anything is sent, with a message that says what to type instead.
 */

export interface ParameterSpec {
  name: string;
  type: string;
}

export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string };

/** The input the dialog shows for a type. */
export function inputKind(type: string): 'text' | 'number' | 'checkbox' | 'datetime' | 'json' {
  switch (type) {
    case 'String':
      return 'text';
    case 'Integer':
    case 'Decimal':
      return 'number';
    case 'Boolean':
      return 'checkbox';
    case 'DateTime':
      return 'datetime';
    default:
      return 'json';
  }
}

/** Reads one parameter's text as its type. An empty String is "", an empty value of any other type is null. */
export function parseParameter(spec: ParameterSpec, text: string): ParsedValue {
  const trimmed = text.trim();
  switch (spec.type) {
    case 'String':
      return { ok: true, value: text };
    case 'Boolean':
      if (trimmed === 'true' || trimmed === 'false') return { ok: true, value: trimmed === 'true' };
      return { ok: false, message: `${spec.name} must be true or false.` };
  }
  if (trimmed === '') return { ok: true, value: null };
  switch (spec.type) {
    case 'Integer': {
      const n = Number(trimmed);
      if (!/^[+-]?\d+$/.test(trimmed) || !Number.isSafeInteger(n)) return { ok: false, message: `${spec.name} must be a whole number such as 42 (got "${trimmed}").` };
      return { ok: true, value: n };
    }
    case 'Decimal': {
      const n = Number(trimmed);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) || !Number.isFinite(n)) return { ok: false, message: `${spec.name} must be a number such as 12.5 (got "${trimmed}").` };
      return { ok: true, value: n };
    }
    case 'DateTime': {
      const time = Date.parse(trimmed);
      if (Number.isNaN(time)) return { ok: false, message: `${spec.name} must be a date and time such as 2026-01-31T09:30 (got "${trimmed}").` };
      return { ok: true, value: new Date(time).toISOString() };
    }
    default:
      try {
        return { ok: true, value: JSON.parse(trimmed) as unknown };
      } catch (error) {
        return { ok: false, message: `${spec.name} (${spec.type}) must be JSON: ${(error as Error).message}` };
      }
  }
}

/** The text a value is shown as in its input (for re-running a past run's inputs). */
export function parameterText(spec: ParameterSpec, value: unknown): string {
  if (value === undefined || value === null) return spec.type === 'Boolean' ? 'false' : '';
  switch (inputKind(spec.type)) {
    case 'text':
      return String(value);
    case 'number':
    case 'checkbox':
      return String(value);
    case 'datetime': {
      const time = Date.parse(String(value));
      // datetime-local wants local time without zone or seconds' fraction.
      if (Number.isNaN(time)) return String(value);
      const d = new Date(time);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    }
    default:
      return JSON.stringify(value, null, 2);
  }
}

/** Reads every parameter; answers the values or the messages of those that are wrong, by name. */
export function parseParameters(specs: readonly ParameterSpec[], texts: Readonly<Record<string, string>>): { values: Record<string, unknown>; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const spec of specs) {
    const parsed = parseParameter(spec, texts[spec.name] ?? '');
    if (parsed.ok) values[spec.name] = parsed.value;
    else errors[spec.name] = parsed.message;
  }
  return { values, errors };
}
