import type { HTTPError, RetryOptions } from "ky";
import { parseRetryAfterMs, retryAfterHeader } from "./retry-after.js";
import { ResponseTooLargeError } from "./response-size.js";
import type { HttpMethod } from "./types.js";

/** Methods whose repetition the HTTP spec defines as safe; a bare POST or PATCH is never retried. */
export const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set<HttpMethod>(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/**
 * Statuses worth another attempt: 408, 429 and every 5xx (CDN ones such as 520–524 included) except 501 and
 * 505, which state what the server cannot do and will not change on a retry.
 */
export const RETRY_STATUS_CODES: readonly number[] = [408, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i).filter((s) => s !== 501 && s !== 505)];

/** Statuses whose `Retry-After` is honoured (up to the cap). */
export const RETRY_AFTER_STATUS_CODES: readonly number[] = [429, 503];

/** The retry settings of the retrying ky instance. */
export interface RetryPolicy {
  limit: number;
  backoffLimitMs: number;
  maxRetryAfterMs: number;
}

/**
 * ky's retry options for calls that may be repeated. Which calls those are is decided per call by picking
 * the retrying or the non-retrying instance, so every method is listed here.
 *
 * ky already does the exponential backoff (300 ms × 2ⁿ), full jitter, `Retry-After` and network-error
 * retries. `shouldRetry` adds two rules ky lacks: a `Retry-After` beyond the cap fails now instead of
 * waiting the cap (ky 1.14 clamps), and an unreadable `Retry-After` falls back to backoff (ky 1.14 would
 * turn it into NaN and wait the cap, or ~24 days without one).
 */
export function kyRetryOptions(policy: RetryPolicy): RetryOptions {
  return {
    limit: policy.limit,
    methods: ["get", "head", "put", "delete", "options", "post", "patch"],
    statusCodes: [...RETRY_STATUS_CODES],
    afterStatusCodes: [...RETRY_AFTER_STATUS_CODES],
    maxRetryAfter: policy.maxRetryAfterMs,
    backoffLimit: policy.backoffLimitMs,
    jitter: true,
    // A timeout has already spent timeoutMs; retrying it would multiply the worst-case latency.
    retryOnTimeout: false,
    shouldRetry: ({ error }) => {
      // An answer over the size cap will be as large next time.
      if (error instanceof ResponseTooLargeError) return false;
      if (!isHttpError(error) || !RETRY_AFTER_STATUS_CODES.includes(error.response.status)) return undefined;
      const value = retryAfterHeader(error.response.headers);
      if (value === undefined || value === "") return undefined;
      // ky measures Retry-After against Date.now(); so does this check, to agree with ky's wait.
      const waitMs = parseRetryAfterMs(value, Date.now());
      if (waitMs === undefined) return true;
      return waitMs > policy.maxRetryAfterMs ? false : undefined;
    },
  };
}

/**
 * ky's own test for its HTTPError (an instance, or an error named so), without loading ky: the client loads
 * ky only once a call needs it.
 */
export function isHttpError(error: unknown): error is HTTPError {
  return error instanceof Error && error.name === "HTTPError" && "response" in error;
}

/** ky's own test for its TimeoutError, without loading ky. */
export function isTimeoutError(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}
