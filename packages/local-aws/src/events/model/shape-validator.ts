import { ConstraintViolations } from '../../aws-error.js';
import type { JsonValue } from '../model.js';

/** One shape of an AWS service model (the subset of botocore's JSON that input validation needs). */
export interface ModelShape {
  readonly type: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly required?: readonly string[];
  /** Structure members in model order: [member name, shape name]. */
  readonly members?: ReadonlyArray<readonly [string, string]> | ReadonlyArray<readonly string[]>;
  readonly member?: string;
  readonly key?: string;
  readonly value?: string;
}

/** The input shapes of a service's operations. */
export interface ModelDocument {
  readonly source: string;
  readonly operations: Readonly<Record<string, string>>;
  readonly shapes: Readonly<Record<string, ModelShape>>;
}

/** Where AWS's answers differ from what the model alone predicts. */
export interface ValidationQuirks {
  /** Enum shapes whose value list AWS prints in another order than the model's. */
  readonly enumOrder?: Readonly<Record<string, readonly string[]>>;
  /** Enum shapes AWS accepts in any letter case. */
  readonly caseInsensitiveEnums?: ReadonlySet<string>;
  /** Fields AWS's own request classes carry beyond the model, printed (as null) when a value is shown. */
  readonly extraFields?: Readonly<Record<string, readonly string[]>>;
}

/** Deepest nesting of input validated; requests nest far less (the SDK builds them from the model). */
const MAX_DEPTH = 16;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a request against the model's constraints the way AWS's front end does: members in model
 * order, nested structures and list items depth first, each member's pattern before its length, and
 * every failure listed (`N validation errors detected: ...`).
 */
export class ShapeValidator {
  private readonly patterns = new Map<string, RegExp>();

  constructor(
    private readonly model: ModelDocument,
    private readonly quirks: ValidationQuirks = {},
  ) {}

  /** Collects every constraint the operation's input breaks (empty when it is valid or the operation unknown). */
  validate(operation: string, input: Record<string, JsonValue>): ConstraintViolations {
    const violations = new ConstraintViolations();
    const shapeName = this.model.operations[operation];
    if (shapeName) this.structure(violations, shapeName, input, '', 0);
    return violations;
  }

  private shape(name: string): ModelShape {
    const shape = this.model.shapes[name];
    if (!shape) throw new Error(`shape ${name} is missing from ${this.model.source}`);
    return shape;
  }

  private structure(v: ConstraintViolations, shapeName: string, value: Record<string, JsonValue>, prefix: string, depth: number): void {
    const shape = this.shape(shapeName);
    const required = new Set(shape.required ?? []);
    for (const [member = '', memberShape = ''] of shape.members ?? []) {
      const path = prefix === '' ? lowerFirst(member) : `${prefix}.${lowerFirst(member)}`;
      const memberValue = value[member];
      if (memberValue === undefined || memberValue === null) {
        if (required.has(member)) v.addRendered(path, 'null', 'not be null');
        continue;
      }
      this.value(v, memberShape, memberValue, path, depth + 1);
    }
  }

  private value(v: ConstraintViolations, shapeName: string, value: JsonValue, path: string, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const shape = this.shape(shapeName);
    const shown = (): string => `'${this.javaText(shapeName, value, depth)}'`;
    switch (shape.type) {
      case 'string': {
        if (typeof value !== 'string') return;
        if (shape.enum) {
          const known = this.quirks.caseInsensitiveEnums?.has(shapeName)
            ? shape.enum.some((e) => e.toUpperCase() === value.toUpperCase())
            : shape.enum.includes(value);
          if (!known) v.addRendered(path, shown(), `satisfy enum value set: [${(this.quirks.enumOrder?.[shapeName] ?? shape.enum).join(', ')}]`);
          return;
        }
        if (shape.pattern !== undefined && !this.regex(shape.pattern).test(value)) {
          v.addRendered(path, shown(), `satisfy regular expression pattern: ${shape.pattern}`);
        }
        this.length(v, shape, value.length, path, shown);
        return;
      }
      case 'integer':
      case 'long':
      case 'double':
      case 'float': {
        if (typeof value !== 'number') return;
        if (shape.min !== undefined && value < shape.min) v.addRendered(path, shown(), `have value greater than or equal to ${shape.min}`);
        if (shape.max !== undefined && value > shape.max) v.addRendered(path, shown(), `have value less than or equal to ${shape.max}`);
        return;
      }
      case 'list': {
        if (!Array.isArray(value)) return;
        this.length(v, shape, value.length, path, shown);
        value.forEach((item, i) => {
          if (item !== null) this.value(v, shape.member ?? '', item, `${path}.${i + 1}.member`, depth + 1);
        });
        return;
      }
      case 'map': {
        if (!isObject(value)) return;
        this.length(v, shape, Object.keys(value).length, path, shown);
        return;
      }
      case 'structure': {
        if (isObject(value)) this.structure(v, shapeName, value, path, depth);
        return;
      }
      default:
        return;
    }
  }

  private length(v: ConstraintViolations, shape: ModelShape, length: number, path: string, shown: () => string): void {
    if (shape.min !== undefined && length < shape.min) v.addRendered(path, shown(), `have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && length > shape.max) v.addRendered(path, shown(), `have length less than or equal to ${shape.max}`);
  }

  /** Java's `matches()`: the whole value must match. */
  private regex(pattern: string): RegExp {
    let re = this.patterns.get(pattern);
    if (!re) {
      re = new RegExp(`^(?:${pattern})$`);
      this.patterns.set(pattern, re);
    }
    return re;
  }

  /** A value as AWS's Java request classes print it: `Shape(member=value, ...)`, `[a, b]`, `{k=v}`. */
  private javaText(shapeName: string, value: JsonValue | undefined, depth: number): string {
    if (value === undefined || value === null) return 'null';
    const shape = this.model.shapes[shapeName];
    if (!shape || depth > MAX_DEPTH) return typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (shape.type === 'list' && Array.isArray(value)) {
      return `[${value.map((item) => this.javaText(shape.member ?? '', item, depth + 1)).join(', ')}]`;
    }
    if (shape.type === 'map' && isObject(value)) {
      return `{${Object.entries(value).map(([k, item]) => `${k}=${this.javaText(shape.value ?? '', item, depth + 1)}`).join(', ')}}`;
    }
    if (shape.type === 'structure' && isObject(value)) {
      const fields = (shape.members ?? []).map(
        ([member = '', memberShape = '']) => `${lowerFirst(member)}=${this.javaText(memberShape, value[member], depth + 1)}`,
      );
      for (const extra of this.quirks.extraFields?.[shapeName] ?? []) fields.push(`${extra}=null`);
      return `${shapeName}(${fields.join(', ')})`;
    }
    if (shape.type === 'timestamp' && typeof value === 'number') return new Date(value * 1000).toISOString();
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
