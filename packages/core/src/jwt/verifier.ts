import type { JWK } from "jose";
import { AuthmuxError, isAuthmuxError } from "../errors/authmux-error.js";
import { ALGORITHM_SPECS, isHmac, isJwtAlgorithm, type JwtAlgorithm } from "./algorithms.js";
import { decodeBase64Url } from "./base64url.js";
import { checkClaims, type ClaimRules } from "./claims.js";
import { entryFromCryptoKey, entryFromJwk, entryFromPem, type KeyEntry } from "./key-entry.js";
import { selectKey } from "./key-select.js";
import { RemoteJwks } from "./jwks-source.js";
import { LruMap } from "./lru.js";
import { parseStrictJsonObject } from "./strict-json.js";
import { emit, monotonicMs, type ProviderHooks } from "../observability/hooks.js";
// Resolved per runtime through package.json "imports": node:crypto on Node, Web Crypto elsewhere.
import { verifySignature } from "#signature";

/** A key given directly: a JWK, a JWKS, a PEM public key or certificate, or a Web Crypto public key. */
export type StaticKey =
  | JWK
  | {
      /** The keys of a JWKS document. */
      keys: JWK[];
    }
  | string
  | CryptoKey;

/** Options of {@link createJwtVerifier}. Exactly one of `jwksUrl`, `keys` or `secret`. */
export interface JwtVerifierOptions {
  /** Where the issuer publishes its keys. */
  jwksUrl?: string | URL;
  /** Headers for the JWKS request (credentials, for vendors that authenticate it). */
  jwksHeaders?: Readonly<Record<string, string>>;
  /** Keys given directly (networkless). */
  keys?: StaticKey | readonly StaticKey[];
  /** A shared secret, for HS256/384/512 issuers. */
  secret?: string | Uint8Array;
  /** The accepted issuer(s); required. */
  issuer: string | readonly string[];
  /** The accepted audience(s); when given, `aud` must hold one of them. */
  audience?: string | readonly string[] | undefined;
  /** The algorithms to accept; required, never `none`. */
  algorithms: readonly JwtAlgorithm[];
  /**
   * The expected `typ`; when the header has one it must match (case-insensitive, `application/` optional).
   * Without it, a header `typ` must still name a token of this kind: `JWT` or `at+jwt` (a `typ` naming another
   * kind, such as `secevent+jwt` or `dpop+jwt`, or one that is not a string, is refused).
   */
  typ?: string | undefined;
  /** Claims that must be present (besides `exp`, always required). */
  requiredClaims?: readonly string[];
  /** Tokens older than this by `iat` are rejected as expired. */
  maxAgeSec?: number;
  /** Seconds of clock skew tolerated; default 5. */
  clockToleranceSec?: number | undefined;
  /** Longer tokens are refused before any decoding; default 8192. */
  maxTokenBytes?: number;
  /** The `fetch` the key set is requested with; default `globalThis.fetch`. */
  fetch?: ((input: string, init: RequestInit) => Promise<Response>) | undefined;
  /** Epoch milliseconds; default `Date.now`. */
  clock?: () => number;
  /** Verified-token cache: `false` to disable, or the number of tokens to keep (default 1000). */
  cache?:
    | false
    | {
        /** How many verified tokens to keep; default 1000. */
        maxEntries?: number;
      };
  /** JWKS fetching: refetch cooldown for unknown kids, max age, request timeout. */
  jwks?: {
    /** Milliseconds between refetches caused by unknown kids; default 30000. */
    cooldownMs?: number;
    /** Milliseconds before the set is refreshed in the background; default 600000. */
    maxAgeMs?: number;
    /** Milliseconds a key-set request may take; default 5000. */
    timeoutMs?: number;
  };
  /** Provider name in errors. */
  provider?: string;
  /** Observability: `onVerify` once per verification (a cache hit too), `onJwksFetch` per key-set request. */
  hooks?: Pick<ProviderHooks, "onVerify" | "onJwksFetch"> | undefined;
}

/** A verified token's protected header and claims. */
export interface VerifiedJwt {
  /** The protected header (`alg`, `kid`, `typ`, …), deep-frozen. */
  readonly header: Readonly<Record<string, unknown>>;
  /** The claims, deep-frozen. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** What {@link createJwtVerifier} returns. */
export interface JwtVerifier {
  /** Verifies a compact JWS; throws `token_invalid`, `token_expired`, `token_not_yet_valid`, or `provider_unavailable` when keys cannot be had. */
  verify(token: string): Promise<VerifiedJwt>;
  /**
   * The result of a token this verifier has verified before, while still in its cache and before its `exp`;
   * `undefined` otherwise (then call `verify`). Synchronous, for callers that add their own checks to a
   * cache hit without another promise.
   */
  peek(token: string): VerifiedJwt | undefined;
  /** JWKS requests made so far (0 for static keys). */
  readonly jwksRequests: number;
}

// Header members this engine understands; anything listed in `crit` must be among them (none are).
const UNDERSTOOD_CRIT: ReadonlySet<string> = new Set();
const encoder = new TextEncoder();

/**
 * Builds a verifier for one issuer's JWTs: strict compact-JWS parsing, an explicit algorithm allow-list,
 * keys by `kid` from a JWKS (single-flight, refetch on unknown kid with a cooldown, stale-if-error) or given
 * directly, `exp` required, issuer and audience pinned, and a bounded cache of tokens already verified.
 *
 * @example
 * const verifier = createJwtVerifier({ jwksUrl: "https://issuer.example/.well-known/jwks.json", issuer: "https://issuer.example", audience: "my-api", algorithms: ["RS256"] });
 * const { claims } = await verifier.verify(token);
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const provider = options?.provider ?? "authmux";
  const bad = (why: string) => new AuthmuxError("invalid_input", `createJwtVerifier: ${why}`, { provider });
  if (typeof options !== "object" || options === null) throw bad("options are required");

  const algorithms = [...(options.algorithms ?? [])];
  if (algorithms.length === 0) throw bad("algorithms is required (an explicit allow-list)");
  for (const alg of algorithms) if (!isJwtAlgorithm(alg)) throw bad(`unsupported algorithm ${JSON.stringify(alg)} (never "none")`);
  const allowed: ReadonlySet<string> = new Set(algorithms);
  const hmacAlgs = algorithms.filter(isHmac);

  const sources = [options.jwksUrl, options.keys, options.secret].filter((s) => s !== undefined).length;
  if (sources !== 1) throw bad("give exactly one of jwksUrl, keys or secret");
  if (options.secret !== undefined && hmacAlgs.length !== algorithms.length) throw bad("a secret verifies only HS256/HS384/HS512");
  if (options.secret === undefined && hmacAlgs.length > 0) throw bad("HS* algorithms need the secret option (never HMAC with a public key)");

  const issuers = typeof options.issuer === "string" ? [options.issuer] : [...(options.issuer ?? [])];
  if (issuers.length === 0 || issuers.some((i) => typeof i !== "string" || i.length === 0)) throw bad("issuer is required");
  const audiences = options.audience === undefined ? null : typeof options.audience === "string" ? [options.audience] : [...options.audience];
  if (audiences !== null && audiences.length === 0) throw bad("audience, when given, must name at least one");
  const tolerance = options.clockToleranceSec ?? 5;
  if (!(Number.isFinite(tolerance) && tolerance >= 0 && tolerance <= 300)) throw bad("clockToleranceSec must be 0–300");
  const maxBytes = options.maxTokenBytes ?? 8192;
  if (!(Number.isSafeInteger(maxBytes) && maxBytes > 0)) throw bad("maxTokenBytes must be a positive whole number");
  const expectedTyp = options.typ === undefined ? undefined : normaliseTyp(options.typ);
  const clock = options.clock ?? Date.now;
  const rules: ClaimRules = { issuers, audiences, toleranceSec: tolerance, maxAgeSec: options.maxAgeSec, requiredClaims: options.requiredClaims ?? [], provider };

  const keyFor = makeKeySource(options, clock, provider, bad);
  const resolvedKeys = keyFor.jwks ? undefined : new Map<string, CryptoKey>();
  const cacheSize = options.cache === false ? 0 : (options.cache?.maxEntries ?? 1000);
  const cache = new LruMap<string, { result: VerifiedJwt; expMs: number }>(cacheSize);

  const fail = (why: string) => new AuthmuxError("token_invalid", `token rejected: ${why}`, { provider });
  // Signature checks under way: lets the Node path choose between sync and thread-pool verification.
  let inProgress = 0;

  function lookup(token: string): VerifiedJwt | undefined {
    if (cacheSize === 0 || typeof token !== "string") return undefined;
    const hit = cache.get(token);
    if (hit === undefined) return undefined;
    // A cached token is good until its exp, never beyond; past it, full verification decides.
    if (clock() < hit.expMs) return hit.result;
    cache.delete(token);
    return undefined;
  }

  async function verify(token: string): Promise<VerifiedJwt> {
    if (typeof token !== "string" || token.length === 0) throw fail("no token given");
    if (token.length > maxBytes) throw fail(`longer than ${maxBytes} bytes`);

    const hit = lookup(token);
    if (hit) return hit;

    const dot1 = token.indexOf(".");
    const dot2 = dot1 < 0 ? -1 : token.indexOf(".", dot1 + 1);
    if (dot1 <= 0 || dot2 < 0 || token.indexOf(".", dot2 + 1) >= 0) {
      throw fail(dot2 >= 0 && token.split(".").length === 5 ? "it is encrypted (JWE); only signed JWS tokens are accepted" : "not a compact JWS (three base64url parts)");
    }
    const headerBytes = decodeBase64Url(token, 0, dot1);
    if (!headerBytes) throw fail("the header is not canonical base64url");
    const header = parseStrictJsonObject(headerBytes);
    if (!header) throw fail("the header is not a JSON object with unique member names");

    const alg = header.alg;
    if (typeof alg !== "string" || !allowed.has(alg)) throw fail(`algorithm ${JSON.stringify(alg ?? null)} is not allowed (allowed: ${algorithms.join(", ")})`);
    if (header.b64 !== undefined) throw fail("unencoded payloads (b64) are not accepted");
    if (header.enc !== undefined || header.zip !== undefined) throw fail("encrypted or compressed tokens are not accepted");
    if (header.crit !== undefined) {
      if (!Array.isArray(header.crit) || header.crit.length === 0 || header.crit.some((c) => typeof c !== "string" || !UNDERSTOOD_CRIT.has(c))) {
        throw fail("its crit header lists extensions this verifier does not understand");
      }
    }
    if (header.kid !== undefined && typeof header.kid !== "string") throw fail("its kid is not a string");
    if (header.typ !== undefined) {
      if (typeof header.typ !== "string") throw fail("its typ is not a string");
      const typ = normaliseTyp(header.typ);
      if (expectedTyp !== undefined ? typ !== expectedTyp : !ACCESS_TOKEN_TYPS.has(typ)) {
        throw fail(expectedTyp !== undefined ? `its typ is not ${options.typ}` : "its typ names another kind of token (accepted: JWT, at+jwt)");
      }
    }

    const payloadBytes = decodeBase64Url(token, dot1 + 1, dot2);
    if (!payloadBytes) throw fail("the payload is not canonical base64url");
    const claims = parseStrictJsonObject(payloadBytes);
    if (!claims) throw fail("the payload is not a JSON object with unique member names");
    const signature = decodeBase64Url(token, dot2 + 1);
    if (!signature || signature.length === 0) throw fail("the signature is missing or not canonical base64url");
    const spec = ALGORITHM_SPECS[alg as JwtAlgorithm];
    if (spec.signatureBytes !== undefined && signature.length !== spec.signatureBytes) throw fail(`the signature has the wrong length for ${alg}`);

    // Claims first: an expired or foreign token is refused without any key lookup or network.
    const nowMs = clock();
    const exp = checkClaims(claims, rules, nowMs / 1000);

    // Once a key is imported, the hot path finds it without waiting: static keys and secrets never change,
    // and the JWKS source forgets its imported keys whenever the set changes.
    const kid = header.kid as string | undefined;
    const memoKey = `${alg}\u0000${kid ?? ""}`;
    const known = resolvedKeys ? resolvedKeys.get(memoKey) : keyFor.jwks?.peek(alg as JwtAlgorithm, kid);
    const key = known ?? (await keyFor(alg as JwtAlgorithm, kid));
    if (resolvedKeys && !known && resolvedKeys.size < 64) resolvedKeys.set(memoKey, key);
    inProgress += 1;
    let valid: boolean;
    try {
      valid = await verifySignature(alg as JwtAlgorithm, key, signature, encoder.encode(token.slice(0, dot2)), inProgress > 1);
    } finally {
      inProgress -= 1;
    }
    if (!valid) throw fail("the signature does not match");

    // Header and claims come deep-frozen from the strict parse: cached results are shared.
    const result: VerifiedJwt = Object.freeze({ header, claims });
    if (cacheSize > 0) cache.set(token, { result, expMs: exp * 1000 });
    return result;
  }

  const onVerify = options.hooks?.onVerify;
  return {
    // Without an onVerify hook the engine's functions are handed out as they are: no cost when not observed.
    verify: onVerify === undefined ? verify : observed(verify, lookup, onVerify, provider),
    peek:
      onVerify === undefined
        ? lookup
        : (token) => {
            const started = monotonicMs();
            const result = lookup(token);
            if (result !== undefined) emit(onVerify, { provider, cached: true, ok: true, code: undefined, durationMs: monotonicMs() - started });
            return result;
          },
    get jwksRequests() {
      return keyFor.jwks?.requests ?? 0;
    },
  };
}

/** `verify` reporting each verification to `onVerify`: cached or not, and the error code of a refusal. */
function observed(
  verify: (token: string) => Promise<VerifiedJwt>,
  lookup: (token: string) => VerifiedJwt | undefined,
  onVerify: NonNullable<ProviderHooks["onVerify"]>,
  provider: string,
): (token: string) => Promise<VerifiedJwt> {
  return async (token) => {
    const started = monotonicMs();
    const cached = lookup(token) !== undefined;
    try {
      const result = await verify(token);
      emit(onVerify, { provider, cached, ok: true, code: undefined, durationMs: monotonicMs() - started });
      return result;
    } catch (error) {
      emit(onVerify, { provider, cached, ok: false, code: isAuthmuxError(error) ? error.code : "provider_error", durationMs: monotonicMs() - started });
      throw error;
    }
  };
}

type KeySource = ((alg: JwtAlgorithm, kid: string | undefined) => Promise<CryptoKey>) & { jwks?: RemoteJwks };

function makeKeySource(options: JwtVerifierOptions, clock: () => number, provider: string, bad: (why: string) => AuthmuxError): KeySource {
  if (options.secret !== undefined) {
    const raw = typeof options.secret === "string" ? encoder.encode(options.secret) : new Uint8Array(options.secret);
    if (raw.length < 32) throw bad("the HMAC secret must be at least 32 bytes (256 bits)");
    const imported = new Map<JwtAlgorithm, Promise<CryptoKey>>();
    return async (alg) => {
      let key = imported.get(alg);
      if (!key) {
        // Extractable only so that Node's synchronous path may make a KeyObject of it without DEP0204 (Node 24):
        // the key never leaves the verifier, and the secret is the caller's own option already held here.
        key = crypto.subtle.importKey("raw", raw, ALGORITHM_SPECS[alg].importParams, true, ["verify"]);
        imported.set(alg, key);
      }
      return key;
    };
  }
  if (options.jwksUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(String(options.jwksUrl));
    } catch {
      throw bad("jwksUrl is not a URL");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw bad("jwksUrl must be http(s)");
    const jwks = new RemoteJwks({
      url: url.toString(),
      ...(options.jwksHeaders ? { headers: options.jwksHeaders } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      clock,
      provider,
      ...(options.hooks?.onJwksFetch ? { onFetch: options.hooks.onJwksFetch } : {}),
      ...(options.jwks?.cooldownMs !== undefined ? { cooldownMs: options.jwks.cooldownMs } : {}),
      ...(options.jwks?.maxAgeMs !== undefined ? { maxAgeMs: options.jwks.maxAgeMs } : {}),
      ...(options.jwks?.timeoutMs !== undefined ? { timeoutMs: options.jwks.timeoutMs } : {}),
    });
    const source: KeySource = (alg, kid) => jwks.keyFor(alg, kid);
    source.jwks = jwks;
    return source;
  }
  const entries = staticEntries(options.keys as StaticKey | readonly StaticKey[], bad);
  return async (alg, kid) => {
    const selection = selectKey(entries, alg, kid);
    if ("entry" in selection) return selection.entry.importFor(alg);
    if ("error" in selection) throw selection.error;
    throw new AuthmuxError("token_invalid", `token rejected: no configured key has kid "${selection.unknownKid}"`, { provider });
  };
}

function staticEntries(keys: StaticKey | readonly StaticKey[], bad: (why: string) => AuthmuxError): KeyEntry[] {
  const list: StaticKey[] = Array.isArray(keys) ? [...(keys as StaticKey[])] : [keys as StaticKey];
  const entries: KeyEntry[] = [];
  for (const key of list) {
    const items: StaticKey[] = isJwks(key) ? key.keys : [key];
    for (const item of items) {
      const entry =
        typeof item === "string" ? entryFromPem(item) : isCryptoKey(item) ? entryFromCryptoKey(item) : entryFromJwk(item as JWK);
      if (typeof entry === "string") throw bad(`unusable key: ${entry}`);
      entries.push(entry);
    }
  }
  if (entries.length === 0) throw bad("keys is empty");
  return entries;
}

function isJwks(key: StaticKey): key is { keys: JWK[] } {
  return typeof key === "object" && key !== null && Array.isArray((key as { keys?: unknown }).keys);
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return typeof CryptoKey !== "undefined" && key instanceof CryptoKey;
}

/** The `typ` values of the tokens an API verifies (RFC 7519 §5.1, RFC 9068), normalised; others name other kinds of token. */
const ACCESS_TOKEN_TYPS: ReadonlySet<string> = new Set(["jwt", "at+jwt"]);

function normaliseTyp(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.startsWith("application/") ? lower.slice("application/".length) : lower;
}
