import type { Target } from '../events/model.js';

/** AWS's defaults when a target has no RetryPolicy: 185 retries within 24 hours. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86400;

/** The retry limits in force for a target. */
export interface RetryLimits {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
}

export function retryLimits(target: Target): RetryLimits {
  return {
    maximumRetryAttempts: target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
    maximumEventAgeMs: (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1000,
  };
}

/** API destinations retry 429 and 5xx (and timeouts); 1xx, 3xx and other 4xx are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Delay before retry number `retry` (1-based): exponential from `baseMs`, capped at `maxMs`,
 * with "equal jitter" (half fixed, half random) so parallel failures spread out.
 */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (retry - 1));
  return exponential / 2 + random() * (exponential / 2);
}

/**
 * Retry-After in ms (seconds or an HTTP date); undefined when absent or unreadable,
 * negative when the endpoint asks not to retry.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : date - now;
}
