// The headers ky 1.x reads for its retry delay, in ky's order (source/core/Ky.ts, #calculateRetryDelay).
// Reading the same header the same way keeps our cap decision and `retryAfter` in step with ky's wait.
const RETRY_AFTER_HEADERS = ["retry-after", "ratelimit-reset", "x-ratelimit-retry-after", "x-ratelimit-reset", "x-rate-limit-reset"];

// ky treats a number of seconds at or past this instant as an epoch timestamp (GitHub's X-RateLimit-Reset).
const EPOCH_THRESHOLD_MS = Date.UTC(2024, 0, 1);

/** The rate-limit headers that are not `Retry-After`: honoured on a 429 only. */
export const RATE_LIMIT_HEADERS = RETRY_AFTER_HEADERS.slice(1);

/** The first rate-limit header present, as ky picks it; `undefined` when there is none. */
export function retryAfterHeader(headers: Headers): string | undefined {
  for (const name of RETRY_AFTER_HEADERS) {
    const value = headers.get(name);
    if (value !== null) return value;
  }
  return undefined;
}

/**
 * Milliseconds from `now` until the vendor allows another attempt, from delta-seconds, an epoch-seconds
 * reset time or an HTTP date. `undefined` for an empty or unreadable value; never negative.
 */
export function parseRetryAfterMs(value: string, now: number): number | undefined {
  const text = value.trim();
  if (text === "") return undefined;
  const seconds = Number(text);
  let ms: number;
  if (Number.isFinite(seconds)) {
    ms = seconds * 1000;
    if (ms >= EPOCH_THRESHOLD_MS) ms -= now;
  } else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.max(0, ms);
}

/**
 * Whole seconds to wait, as `AuthmuxError.retryAfter` carries it; `undefined` when the vendor did not say.
 * Only a 429 is read for every rate-limit header, a 503 for `Retry-After` alone: a vendor that sends its
 * rate-limit window on every answer (Kustomer) must not turn a 404 or an outage into "wait 45 s".
 */
export function retryAfterSeconds(headers: Headers, now: number, status: number): number | undefined {
  const value = status === 429 ? retryAfterHeader(headers) : status === 503 ? (headers.get("retry-after") ?? undefined) : undefined;
  const ms = value === undefined ? undefined : parseRetryAfterMs(value, now);
  return ms === undefined ? undefined : Math.ceil(ms / 1000);
}
