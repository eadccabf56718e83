import type { Capability } from "../capabilities/names.js";
import type { ErrorCode } from "../errors/codes.js";

/** The HTTP methods the client sends. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/** What every event of one vendor call carries. Never a secret, a token, a query string or a path parameter. */
export interface VendorCallEvent {
  /** The provider's name (`"clerk"`, …). */
  readonly provider: string;
  /**
   * The capability whose member made the call (`"users.get"`), when the member sent it before its first `await`
   * (nearly all do); `undefined` otherwise and for `provider.vendor` calls.
   */
  readonly capability: Capability | undefined;
  /** The member that made the call (`"users.get"`), known when `capability` is. */
  readonly member: string | undefined;
  /** The HTTP method. */
  readonly method: HttpMethod;
  /** The path as a template: each parameter is `{param}` (`/users/{param}`), no query string. */
  readonly path: string;
  /** Tells apart the events of concurrent calls: the same number on every event of one call. */
  readonly callId: number;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
}

/** Sent as an attempt starts. */
export type RequestHookEvent = VendorCallEvent;

/** Sent when an attempt has ended and whether another follows is known. */
export interface ResponseHookEvent extends VendorCallEvent {
  /** The vendor's HTTP status; `undefined` when no answer came. */
  readonly status: number | undefined;
  /** Why no answer came: `timeout` or `network`; `undefined` when there was an answer. */
  readonly failure: "timeout" | "network" | undefined;
  /** From the start of the attempt to its end (body read included), in milliseconds. */
  readonly durationMs: number;
  /** True when another attempt follows (an `onRetry` comes next); false on the call's last attempt. */
  readonly retrying: boolean;
}

/** Sent before a retry; `attempt` is the attempt about to start. */
export interface RetryHookEvent extends VendorCallEvent {
  /** The time waited since the previous attempt ended (backoff or `Retry-After`), in milliseconds. */
  readonly delayMs: number;
  /** The previous attempt's status; `undefined` when it had no answer. */
  readonly previousStatus: number | undefined;
}

/** Sent when the token engine has fetched (or failed to fetch) a key set. */
export interface JwksFetchHookEvent {
  /** The provider's name. */
  readonly provider: string;
  /** The key set's URL: origin and path only. */
  readonly url: string;
  /** The HTTP status; `undefined` when no answer came. */
  readonly status: number | undefined;
  /** True when usable keys were read. */
  readonly ok: boolean;
  /** How many keys the set held (usable or not); `undefined` when it could not be read. */
  readonly keys: number | undefined;
  /** How long the fetch took, in milliseconds. */
  readonly durationMs: number;
}

/** Sent once per token verification by the token engine (adapters that verify locally, and the mock). */
export interface VerifyHookEvent {
  /** The provider's name. */
  readonly provider: string;
  /** True when the token was found in the engine's cache of tokens already verified. */
  readonly cached: boolean;
  /** True when the token verified. */
  readonly ok: boolean;
  /** The error's code when `ok` is false (`token_expired`, `token_invalid`, `provider_unavailable`, …). */
  readonly code: ErrorCode | undefined;
  /** How long the verification took, in milliseconds. */
  readonly durationMs: number;
}

/**
 * Observability hooks, the `hooks` option of every provider. Each is called synchronously with an event object that is theirs to read
 * and should return quickly; what it returns is ignored, and a hook that throws is ignored too (observing a
 * call never changes its outcome). Events hold no secret, token, query string or path parameter.
 *
 * @example
 * const auth = await loadProvider({
 *   hooks: {
 *     onResponse: (e) => log.info(`${e.provider} ${e.method} ${e.path} → ${e.status ?? e.failure} in ${e.durationMs} ms`),
 *     onRetry: (e) => metrics.increment("authmux.retries", { provider: e.provider }),
 *   },
 * });
 */
export interface ProviderHooks {
  /** An attempt of a vendor call starts. */
  onRequest?: ((event: RequestHookEvent) => void) | undefined;
  /** An attempt of a vendor call ended. */
  onResponse?: ((event: ResponseHookEvent) => void) | undefined;
  /** A vendor call is retried (after `onResponse` with `retrying: true`). */
  onRetry?: ((event: RetryHookEvent) => void) | undefined;
  /** The token engine fetched a key set. */
  onJwksFetch?: ((event: JwksFetchHookEvent) => void) | undefined;
  /** The token engine verified (or refused) a token. */
  onVerify?: ((event: VerifyHookEvent) => void) | undefined;
}

/** The names a {@link ProviderHooks} object may have. */
export const HOOK_NAMES = ["onRequest", "onResponse", "onRetry", "onJwksFetch", "onVerify"] as const;

/** True when `value` is a hooks object: only known names, each a function or undefined. */
export function isProviderHooks(value: unknown): value is ProviderHooks {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const [name, hook] of Object.entries(value)) {
    if (!(HOOK_NAMES as readonly string[]).includes(name)) return false;
    if (hook !== undefined && typeof hook !== "function") return false;
  }
  return true;
}

/** Calls one hook with an event (not frozen: freezing cost more than the rest of a hook call); a throwing hook is ignored (observing never changes a call's outcome). */
export function emit<E extends object>(hook: ((event: E) => void) | undefined, event: E): void {
  if (hook === undefined) return;
  try {
    hook(event);
  } catch {
    // Deliberately ignored: see ProviderHooks.
  }
}

/** Milliseconds from a monotonic clock (Web API `performance`, present on every supported runtime). */
export function monotonicMs(): number {
  return performance.now();
}

// ── which capability is running ────────────────────────────────────────────────────────────────────────
// Web APIs have no async context, so the capability is known during the synchronous part of a member only:
// a provider built with hooks wraps each member to set it while the member runs up to its first `await`, and
// the HTTP client reads it when `request` is called. It is never wrong (nothing else runs in that window),
// only absent for a call made after an `await`.
let running: { readonly capability: Capability; readonly member: string } | undefined;

/** The capability and member running synchronously right now, if any. */
export function runningMember(): { readonly capability: Capability; readonly member: string } | undefined {
  return running;
}

/** Wraps a member (`users.get`) so calls it makes synchronously are attributed to it and its `capability`. */
export function attributed<F extends (...args: never[]) => unknown>(capability: Capability, member: string, fn: F): F {
  const self = { capability, member };
  const wrapped = function (this: unknown, ...args: Parameters<F>): ReturnType<F> {
    const previous = running;
    running = self;
    try {
      return fn.apply(this, args) as ReturnType<F>;
    } finally {
      running = previous;
    }
  };
  return wrapped as unknown as F;
}

/**
 * One hooks object calling each of `hooks` in turn (a throwing one does not stop the others): logging and
 * tracing together.
 *
 * @example
 * loadProvider({ hooks: combineHooks(openTelemetryHooks(), { onRetry: (e) => log.warn(e) }) });
 */
export function combineHooks(...hooks: readonly (ProviderHooks | undefined)[]): ProviderHooks {
  const combined: Record<string, (event: object) => void> = {};
  for (const name of HOOK_NAMES) {
    const each = hooks.flatMap((h) => (h?.[name] === undefined ? [] : [h[name] as (event: object) => void]));
    if (each.length === 1) combined[name] = each[0] as (event: object) => void;
    else if (each.length > 1) combined[name] = (event) => each.forEach((hook) => emit(hook, event));
  }
  return combined as ProviderHooks;
}
