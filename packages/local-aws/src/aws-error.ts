/**
 * An error that the local AWS service answers with, in the shape AWS uses: an error code the SDK turns
 * into an exception class (`e.name`), a message for the user, and the HTTP status AWS sends.
 */
export class AwsServiceError extends Error {
  readonly code: string;
  readonly status: number;
  /** Query protocol only: who is at fault, as AWS reports it in `Error/Type`. */
  readonly fault: 'Sender' | 'Receiver';

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.fault = status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** One failed constraint of a request member, as AWS lists them in a ValidationException. */
export interface ConstraintViolation {
  /** The value as AWS prints it: `'text'` in quotes, or `null`. */
  readonly valueText: string;
  readonly path: string;
  readonly constraint: string;
}

/**
 * Collects constraint violations and renders them in AWS's wording:
 * `1 validation error detected: Value 'X' at 'name' failed to satisfy constraint: Member must ...`.
 */
export class ConstraintViolations {
  private readonly items: ConstraintViolation[] = [];

  add(path: string, value: unknown, constraint: string): void {
    this.items.push({ path, valueText: renderValue(value), constraint });
  }

  /** Adds a violation whose value is already rendered as AWS prints it. */
  addRendered(path: string, valueText: string, constraint: string): void {
    this.items.push({ path, valueText, constraint });
  }

  get size(): number {
    return this.items.length;
  }

  /** Throws the collected violations as one ValidationException (no-op when there are none). */
  throwIfAny(code = 'ValidationException'): void {
    if (this.items.length === 0) return;
    const head =
      this.items.length === 1 ? '1 validation error detected: ' : `${this.items.length} validation errors detected: `;
    const parts = this.items.map(
      (v) => `Value ${v.valueText} at '${v.path}' failed to satisfy constraint: Member must ${v.constraint}`,
    );
    throw new AwsServiceError(code, head + parts.join('; '));
  }
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]'`;
  return `'${typeof value === 'object' ? JSON.stringify(value) : String(value)}'`;
}

/** A plain ValidationException with a free-form AWS message. */
export function validationError(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}
