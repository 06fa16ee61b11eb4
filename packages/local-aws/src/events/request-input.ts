import { AwsServiceError } from '../aws-error.js';
import type { JsonObject, JsonValue } from './model.js';

/**
 * Typed reads of a JSON 1.1 request body. A member of the wrong JSON type is a client bug, which AWS
 * answers with a SerializationException; the SDK never sends one, so the message names the member.
 */
export class RequestInput {
  constructor(private readonly body: JsonObject) {}

  private wrongType(member: string, expected: string): AwsServiceError {
    return new AwsServiceError('SerializationException', `Member ${member} must be ${expected}.`);
  }

  raw(member: string): JsonValue | undefined {
    return this.body[member];
  }

  has(member: string): boolean {
    return this.body[member] !== undefined && this.body[member] !== null;
  }

  string(member: string): string | undefined {
    const v = this.body[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw this.wrongType(member, 'a string');
    return v;
  }

  number(member: string): number | undefined {
    const v = this.body[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number') throw this.wrongType(member, 'a number');
    return v;
  }

  boolean(member: string): boolean | undefined {
    const v = this.body[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw this.wrongType(member, 'a boolean');
    return v;
  }

  array(member: string): JsonValue[] | undefined {
    const v = this.body[member];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw this.wrongType(member, 'a list');
    return v;
  }

  object(member: string): JsonObject | undefined {
    const v = this.body[member];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) throw this.wrongType(member, 'a structure');
    return v;
  }
}

/** True for a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
