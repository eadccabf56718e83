import { invalidInput } from "../errors/index.js";
import { lowerCaseHeaders } from "./headers.js";
import { normalizeBaseUrl } from "./url.js";
import type { FetchFunction, HeaderRecord, HttpClientOptions, HttpErrorMapper } from "./types.js";
import { isProviderHooks, type ProviderHooks } from "../observability/hooks.js";

/** The validated options of one client, with defaults applied. */
export interface HttpClientConfig {
  readonly provider: string;
  readonly baseUrl: string;
  /** Lower-cased names; includes `accept: application/json` unless overridden. */
  readonly staticHeaders: HeaderRecord;
  readonly dynamicHeaders: (() => HeaderRecord | Promise<HeaderRecord>) | undefined;
  readonly secrets: readonly string[];
  readonly fetch: FetchFunction | undefined;
  readonly timeoutMs: number;
  readonly retryLimit: number;
  readonly backoffLimitMs: number;
  readonly maxRetryAfterMs: number;
  readonly mapError: HttpErrorMapper | undefined;
  readonly requestIdHeader: string | undefined;
  readonly clock: () => number;
  readonly maxResponseBytes: number;
  /** Present only when at least one request hook is set. */
  readonly hooks: ProviderHooks | undefined;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY_LIMIT = 2;
export const DEFAULT_BACKOFF_LIMIT_MS = 5_000;
export const DEFAULT_MAX_RETRY_AFTER_SEC = 60;
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
// setTimeout's ceiling; ky rejects larger timeouts.
const MAX_TIMER_MS = 2_147_483_647;

/** Validates {@link HttpClientOptions} (an `invalid_input` error names the bad option) and applies defaults. */
export function resolveHttpClientConfig(options: HttpClientOptions): HttpClientConfig {
  if (typeof options !== "object" || options === null) throw invalidInput("createHttpClient needs an options object.");
  const { provider } = options;
  if (typeof provider !== "string" || provider === "") throw invalidInput("createHttpClient: `provider` must be a non-empty string.");
  const fail = (message: string) => invalidInput(`${provider}: ${message}`, { provider });

  const retry = options.retry ?? {};
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!isInteger(timeoutMs, 1, MAX_TIMER_MS)) throw fail(`timeoutMs must be a whole number of milliseconds between 1 and ${MAX_TIMER_MS}.`);
  const retryLimit = retry.limit ?? DEFAULT_RETRY_LIMIT;
  if (!isInteger(retryLimit, 0, 10)) throw fail("retry.limit must be a whole number from 0 to 10.");
  const backoffLimitMs = retry.backoffLimitMs ?? DEFAULT_BACKOFF_LIMIT_MS;
  if (!isInteger(backoffLimitMs, 0, MAX_TIMER_MS)) throw fail("retry.backoffLimitMs must be a whole number of milliseconds, 0 or more.");
  const maxRetryAfterSec = retry.maxRetryAfterSec ?? DEFAULT_MAX_RETRY_AFTER_SEC;
  if (typeof maxRetryAfterSec !== "number" || !(maxRetryAfterSec >= 0) || maxRetryAfterSec * 1000 > MAX_TIMER_MS) {
    throw fail("retry.maxRetryAfterSec must be a number of seconds, 0 or more.");
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw fail("fetch must be a function.");
  if (options.mapError !== undefined && typeof options.mapError !== "function") throw fail("mapError must be a function.");
  if (options.clock !== undefined && typeof options.clock !== "function") throw fail("clock must be a function returning epoch milliseconds.");
  if (options.requestIdHeader !== undefined && (typeof options.requestIdHeader !== "string" || options.requestIdHeader === "")) {
    throw fail("requestIdHeader must be a header name.");
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!isInteger(maxResponseBytes, 1, Number.MAX_SAFE_INTEGER)) throw fail("maxResponseBytes must be a whole number of bytes, 1 or more.");
  if (options.hooks !== undefined && !isProviderHooks(options.hooks)) {
    throw fail("hooks must be an object of functions: onRequest, onResponse, onRetry, onJwksFetch, onVerify.");
  }
  const { hooks } = options;
  const secrets = options.secrets ?? [];
  if (!Array.isArray(secrets) || secrets.some((s) => typeof s !== "string")) throw fail("secrets must be an array of strings.");

  const headers = options.headers;
  let staticHeaders: HeaderRecord = { accept: "application/json" };
  let dynamicHeaders: HttpClientConfig["dynamicHeaders"];
  if (typeof headers === "function") dynamicHeaders = headers;
  else if (typeof headers === "object" && headers !== null) staticHeaders = lowerCaseHeaders(headers, { ...staticHeaders });
  else if (headers !== undefined) throw fail("headers must be a record of strings or a function returning one.");

  return {
    provider,
    baseUrl: normalizeBaseUrl(options.baseUrl, fail),
    staticHeaders,
    dynamicHeaders,
    secrets: secrets.slice(),
    fetch: options.fetch,
    timeoutMs,
    retryLimit,
    backoffLimitMs,
    maxRetryAfterMs: maxRetryAfterSec * 1000,
    mapError: options.mapError,
    requestIdHeader: options.requestIdHeader?.toLowerCase(),
    clock: options.clock ?? now,
    maxResponseBytes,
    hooks: hooks !== undefined && (hooks.onRequest ?? hooks.onResponse ?? hooks.onRetry) !== undefined ? hooks : undefined,
  };
}

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

// Looked up per call, so a replaced Date (fake timers) is honoured.
function now(): number {
  return Date.now();
}
