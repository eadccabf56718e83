import type { core } from "zod/mini";
import type { VendorRequestOptions } from "../capabilities/provider.js";
import type { AuthmuxError, AuthmuxErrorOptions, ErrorCode } from "../errors/index.js";
// HttpMethod is declared with the observability hooks, which name it without importing these types (no cycle).
import type { HttpMethod, ProviderHooks } from "../observability/hooks.js";

export type { HttpMethod };

/** A method as callers may spell it: `"GET"` or `"get"`. */
export type HttpMethodInput = HttpMethod | Lowercase<HttpMethod>;

/** A `fetch`-compatible function; `globalThis.fetch` and test doubles both fit. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Plain header name → value pairs. */
export type HeaderRecord = Readonly<Record<string, string>>;

/** Headers sent with every request: fixed, or computed per request (a session token that changes). */
export type HeadersOption = HeaderRecord | (() => HeaderRecord | Promise<HeaderRecord>);

/** A zod schema (from `zod/mini` or `zod`) that a successful response body must satisfy. */
export type ResponseSchema = core.$ZodType;

/** How the client retries failed calls. */
export interface HttpRetryOptions {
  /** Retries after the first attempt; 0 disables retrying. Default 2. */
  limit?: number;
  /** Upper bound of one exponential backoff delay, in ms. Default 5000. */
  backoffLimitMs?: number;
  /**
   * Longest `Retry-After` the client will wait, in seconds. A vendor asking for longer fails the call at
   * once (`rate_limited`, or `provider_unavailable` for a 503) with `retryAfter` set. Default 60.
   */
  maxRetryAfterSec?: number;
}

/** What an adapter's error mapper receives for a non-2xx vendor response. */
export interface HttpErrorContext {
  /** The provider name given to {@link createHttpClient}. */
  readonly provider: string;
  /** The vendor's HTTP status. */
  readonly status: number;
  /** The vendor's response headers. */
  readonly headers: Headers;
  /** The vendor's body: parsed JSON, else the text, else `undefined` when empty. */
  readonly body: unknown;
  /** The request's method. */
  readonly method: HttpMethod;
  /** The request path as the adapter passed it, without its query string. */
  readonly path: string;
  /** The vendor's request id, from `requestIdHeader`. */
  readonly requestId: string | undefined;
  /** Seconds the vendor asked us to wait (`Retry-After` and `X-RateLimit-Reset` style headers). */
  readonly retryAfter: number | undefined;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /**
   * Builds the {@link AuthmuxError} for this response: provider, status, request id, `retryAfter`, the
   * vendor body as `cause` and the client's secrets (redacted from the message) are filled in. Vendors that
   * put their request id in the body (Stytch) pass it as `requestId`.
   */
  error(code: ErrorCode, message: string, overrides?: Pick<AuthmuxErrorOptions, "cause" | "retryAfter" | "requestId">): AuthmuxError;
}

/**
 * An adapter's single translation of vendor error responses. Return `undefined` to fall back to the
 * default mapping by HTTP status.
 */
export type HttpErrorMapper = (context: HttpErrorContext) => AuthmuxError | undefined;

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Provider name carried by every error (`"clerk"`, `"kobble"`, …). */
  provider: string;
  /** The vendor API root; request paths are appended to it. http(s) only. */
  baseUrl: string | URL;
  /** Headers for every request; a function is called once per request, before the first attempt. */
  headers?: HeadersOption;
  /** Values that must never appear in an error message (API keys, signing secrets). */
  secrets?: readonly string[];
  /** The `fetch` to use. Default: `globalThis.fetch`, looked up at call time. */
  fetch?: FetchFunction | undefined;
  /** Per-attempt timeout covering the response headers and body, in ms. Default 10000. */
  timeoutMs?: number | undefined;
  /** How failed calls are retried. */
  retry?: HttpRetryOptions | undefined;
  /** Maps a non-2xx response to an {@link AuthmuxError}; unmapped statuses get the default mapping. */
  mapError?: HttpErrorMapper;
  /** Response header carrying the vendor's request id, such as `"x-request-id"`. */
  requestIdHeader?: string;
  /** Epoch milliseconds now; turns HTTP-date `Retry-After` values into seconds. Default `Date.now`. */
  clock?: (() => number) | undefined;
  /** The largest response body accepted, in bytes; a larger one fails fast with `provider_unavailable`. Default 5 MiB. */
  maxResponseBytes?: number | undefined;
  /** Observability hooks: `onRequest`, `onResponse` and `onRetry` see every vendor call (never a secret or a value). */
  hooks?: ProviderHooks | undefined;
}

/** Per-call options: the vendor-request options plus response validation and retry intent. */
export interface HttpRequestOptions extends VendorRequestOptions {
  /** Validates a 2xx body; a mismatch is a `provider_unavailable` error. */
  schema?: ResponseSchema;
  /**
   * What the caller passed that must never be printed (a password, a token, a code): redacted from the message
   * and the `cause` of any error this call throws, also where the vendor's answer echoes it.
   */
  secrets?: readonly string[];
  /**
   * A removal: when a retry after a failed attempt answers 404, the first attempt went through and the call
   * succeeds (with `data` undefined and `status` 404). Default: true for DELETE.
   */
  removal?: boolean;
  /**
   * Whether repeating the call is safe. Default: true for GET, HEAD, PUT, DELETE and OPTIONS, false for POST
   * and PATCH. Set it on a POST that the vendor de-duplicates (an idempotency key) to let it retry.
   */
  idempotent?: boolean;
}

/** A successful response. */
export interface HttpResponse<T> {
  /**
   * The parsed JSON body (validated when a schema was given); `undefined` for an empty body, and for a
   * removal found already done on a retry (status 404).
   */
  data: T;
  /** The HTTP status. */
  status: number;
  /** The response headers. */
  headers: Headers;
}

/** `request` of an {@link HttpClient}; it does not depend on `this`, so it can be handed out as is. */
export interface HttpRequest {
  <S extends ResponseSchema>(
    method: HttpMethodInput,
    path: string,
    options: HttpRequestOptions & { schema: S },
  ): Promise<HttpResponse<core.output<S>>>;
  /** Without a schema, `T` is the caller's unchecked claim about the body. */
  <T = unknown>(method: HttpMethodInput, path: string, options?: HttpRequestOptions): Promise<HttpResponse<T>>;
}

/** The HTTP client that vendor adapters share. */
export interface HttpClient {
  /** The provider name its errors carry. */
  readonly provider: string;
  /** The normalised base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** An authenticated, retried, error-mapped JSON call to the vendor API. */
  readonly request: HttpRequest;
}
