import * as z from "zod/mini";
import type { JwtVerifierOptions } from "../jwt/verifier.js";
import { isProviderHooks, type ProviderHooks } from "../observability/hooks.js";

/** `fetch`-compatible function, as the options accept it. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

const fetchSchema = z.custom<FetchLike>((v) => typeof v === "function", { message: "must be a fetch function" });
const clockSchema = z.custom<() => number>((v) => typeof v === "function", { message: "must be a function returning epoch milliseconds" });
const httpUrl = z.string().check(
  z.refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "must be an http(s) URL"),
);
const hooksSchema = z.custom<ProviderHooks>(isProviderHooks, {
  message: "must be an object of hook functions: onRequest, onResponse, onRetry, onJwksFetch, onVerify",
});
const stringOrList = z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))]);

/** The options every adapter accepts (DESIGN.md, "Configuration"). */
export const commonOptionsShape = {
  /** The vendor API root. */
  baseUrl: z.optional(httpUrl),
  /** The `fetch` every vendor call goes through. */
  fetch: z.optional(fetchSchema),
  /** Per-attempt timeout in ms. */
  timeoutMs: z.optional(z.coerce.number().check(z.int({ message: "must be a whole number of milliseconds" }), z.positive({ message: "must be a whole number of milliseconds > 0" }))),
  /** Retries of idempotent calls. */
  retry: z.optional(
    z.object({
      /** Retries after the first attempt, 0 to 10. */
      limit: z.number().check(z.int({ message: "must be a whole number" }), z.minimum(0, { message: "must be 0 to 10" }), z.maximum(10, { message: "must be 0 to 10" })),
    }),
  ),
  /** Epoch milliseconds now. */
  clock: z.optional(clockSchema),
  /** The largest vendor response accepted, in bytes. */
  maxResponseBytes: z.optional(z.coerce.number().check(z.int({ message: "must be a whole number of bytes" }), z.positive({ message: "must be a whole number of bytes > 0" }))),
  /** Observability hooks. */
  hooks: z.optional(hooksSchema),
};

/** The options of adapters that verify JWTs. */
export const jwtOptionsShape = {
  /** Where the verification keys are. */
  jwksUrl: z.optional(httpUrl),
  /** The accepted issuer(s). */
  issuer: z.optional(stringOrList),
  /** The accepted audience(s). */
  audience: z.optional(stringOrList),
  /** Seconds of clock skew tolerated, 0 to 300. */
  clockToleranceSec: z.optional(z.coerce.number().check(z.minimum(0), z.maximum(300))),
  /** How the verification keys are fetched. */
  jwks: z.optional(
    z.object({
      /** Milliseconds between refetches for an unknown kid. */
      cooldownMs: z.optional(z.number().check(z.int(), z.minimum(0))),
      /** Milliseconds before the key set is refreshed. */
      maxAgeMs: z.optional(z.number().check(z.int(), z.positive())),
      /** Milliseconds the key-set request may take. */
      timeoutMs: z.optional(z.number().check(z.int(), z.positive())),
    }),
  ),
  /** The cache of tokens already verified: `false`, or its size. */
  tokenCache: z.optional(
    z.union([
      z.literal(false),
      z.object({
        /** How many verified tokens to keep. */
        maxEntries: z.optional(z.number().check(z.int(), z.minimum(0))),
      }),
    ]),
  ),
};

// Optional options accept `undefined` as well as absence, so an app can pass `process.env.X` straight through.

/** The common options as a type. */
export interface CommonOptions {
  /** The vendor API root (a fake's or a proxy's). */
  baseUrl?: string | undefined;
  /** The `fetch` every vendor call goes through; default `globalThis.fetch`. */
  fetch?: FetchLike | undefined;
  /** Per-attempt timeout in ms; default 10000. */
  timeoutMs?: number | undefined;
  /** Retries of idempotent calls after the first attempt; default 2. */
  retry?:
    | {
        /** Retries after the first attempt, 0 to 10. */
        limit: number;
      }
    | undefined;
  /** Epoch milliseconds now; default `Date.now`. */
  clock?: (() => number) | undefined;
  /** The largest vendor response accepted, in bytes; a larger one fails fast with `provider_unavailable`. Default 5 MiB. */
  maxResponseBytes?: number | undefined;
  /**
   * Observability hooks ({@link ProviderHooks}): every vendor call, retry, key-set fetch and token verification,
   * with method, path template, status, duration and attempt — never a secret or a token. `@authmux/core/otel`
   * makes OpenTelemetry spans from them.
   */
  hooks?: ProviderHooks | undefined;
}

/** The JWT options as a type. */
export interface JwtOptions {
  /** Where the verification keys are, instead of the vendor's default. */
  jwksUrl?: string | undefined;
  /** The accepted issuer(s), instead of the vendor's default. */
  issuer?: string | string[] | undefined;
  /** The accepted audience(s). */
  audience?: string | string[] | undefined;
  /** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`; default 5. */
  clockToleranceSec?: number | undefined;
  /**
   * How the verification keys are fetched, for adapters that fetch a JWKS: `cooldownMs` between refetches for
   * an unknown kid (default 30000), `maxAgeMs` before the set is refreshed (default 600000), `timeoutMs` of the
   * request (default 5000). Passed to the token engine ({@link JwtVerifierOptions.jwks}).
   */
  jwks?:
    | {
        /** Milliseconds between refetches for an unknown kid; default 30000. */
        cooldownMs?: number | undefined;
        /** Milliseconds before the key set is refreshed; default 600000. */
        maxAgeMs?: number | undefined;
        /** Milliseconds the key-set request may take; default 5000. */
        timeoutMs?: number | undefined;
      }
    | undefined;
  /**
   * The cache of tokens already verified: `false` to verify every token in full, or how many to keep (default
   * 1000). A cached token is good until its `exp`, never beyond. Passed to the token engine ({@link JwtVerifierOptions.cache}).
   */
  tokenCache?:
    | false
    | {
        /** How many verified tokens to keep; default 1000. */
        maxEntries?: number | undefined;
      }
    | undefined;
}

/**
 * The token-engine settings among an adapter's options ({@link JwtOptions} and the common `fetch` and `hooks`), ready
 * to spread into `createJwtVerifier`'s options: one place that forwards them, so no adapter forgets one.
 */
export function jwtEngineOptions(
  options: Pick<JwtOptions, "jwks" | "tokenCache" | "clockToleranceSec"> & Pick<CommonOptions, "hooks" | "fetch">,
): Pick<JwtVerifierOptions, "jwks" | "cache" | "hooks" | "clockToleranceSec" | "fetch"> {
  const out: Pick<JwtVerifierOptions, "jwks" | "cache" | "hooks" | "clockToleranceSec" | "fetch"> = {};
  const { jwks, tokenCache, hooks, clockToleranceSec, fetch } = options;
  if (hooks !== undefined) out.hooks = hooks;
  if (clockToleranceSec !== undefined) out.clockToleranceSec = clockToleranceSec;
  if (fetch !== undefined) out.fetch = fetch;
  if (jwks !== undefined) {
    out.jwks = {
      ...(jwks.cooldownMs !== undefined ? { cooldownMs: jwks.cooldownMs } : {}),
      ...(jwks.maxAgeMs !== undefined ? { maxAgeMs: jwks.maxAgeMs } : {}),
      ...(jwks.timeoutMs !== undefined ? { timeoutMs: jwks.timeoutMs } : {}),
    };
  }
  if (tokenCache !== undefined) out.cache = tokenCache === false ? false : tokenCache.maxEntries !== undefined ? { maxEntries: tokenCache.maxEntries } : {};
  return out;
}
