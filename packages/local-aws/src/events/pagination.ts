import { ConstraintViolations, validationError } from '../aws-error.js';
import type { RequestInput } from './request-input.js';

/** One page of a List* result and the token for the next one. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/** Pages a list by `Limit` (1–100, all when omitted) and an opaque `NextToken` this service issued. */
export function paginate<T>(all: readonly T[], input: RequestInput): Page<T> {
  const limit = input.number('Limit');
  const token = input.string('NextToken');
  const violations = new ConstraintViolations();
  if (limit !== undefined && limit < 1) violations.add('limit', limit, 'have value greater than or equal to 1');
  if (limit !== undefined && limit > 100) violations.add('limit', limit, 'have value less than or equal to 100');
  violations.throwIfAny();

  let start = 0;
  if (token !== undefined) {
    const decoded = /^page:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!decoded) throw validationError('The NextToken is not valid: pass the NextToken of the previous response unchanged.');
    start = Number(decoded[1]);
  }
  const size = limit ?? 100;
  const items = all.slice(start, start + size);
  const next = start + size;
  return next < all.length ? { items, nextToken: Buffer.from(`page:${next}`).toString('base64') } : { items };
}
