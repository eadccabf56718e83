import type { JWK } from "jose";
import { AuthmuxError } from "../errors/authmux-error.js";
import type { JwtAlgorithm } from "./algorithms.js";
import { entryFromJwk, type KeyEntry } from "./key-entry.js";
import { selectKey } from "./key-select.js";
import { emit, type JwksFetchHookEvent, monotonicMs } from "../observability/hooks.js";

/** Settings of a remote JWKS. */
export interface RemoteJwksOptions {
  url: string;
  /** Sent with every JWKS request (some vendors authenticate it); part of the cache's identity. */
  headers?: Readonly<Record<string, string>>;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  clock: () => number;
  /** Minimum time between refetches caused by unknown `kid`s; default 30 s. */
  cooldownMs?: number;
  /** Keys older than this are refreshed in the background while still in use; default 10 min. */
  maxAgeMs?: number;
  /** Per-request timeout; default 5 s. */
  timeoutMs?: number;
  provider: string;
  /** Told of every key-set request: status, keys read, duration. */
  onFetch?: ((event: JwksFetchHookEvent) => void) | undefined;
}

/**
 * The keys behind a JWKS URL, for one verifier (so the cache is scoped by URL and credentials).
 *
 * - Single-flight: however many verifications wait, one request is in flight.
 * - A `kid` not seen yet triggers one shared refetch, at once if no `kid`-triggered refetch happened
 *   within the cooldown; a storm of unknown `kid`s costs at most one request per cooldown.
 * - Stale-if-error: when the endpoint fails, known keys keep verifying; the next attempt waits a backoff
 *   (1 s doubling to 60 s) and runs in the background, started by a later verification (no timers).
 */
export class RemoteJwks {
  private entries: KeyEntry[] | null = null;
  private fetchedAt = 0;
  private inflight: Promise<void> | null = null;
  private lastKidRefetch = Number.NEGATIVE_INFINITY;
  private failures = 0;
  private retryAt = 0;
  private lastError: unknown = null;
  /** Imported keys by alg and kid, for the synchronous hot path; emptied whenever the set changes. */
  private resolved = new Map<string, CryptoKey>();
  /** Requests made so far (for tests and benchmarks). */
  requests = 0;

  constructor(private readonly o: RemoteJwksOptions) {}

  /** An already-imported key, without waiting: what nearly every verification finds. */
  peek(alg: JwtAlgorithm, kid: string | undefined): CryptoKey | undefined {
    const key = this.resolved.get(`${alg}\u0000${kid ?? ""}`);
    if (key) this.refreshInBackgroundIfDue();
    return key;
  }

  /** The key for the token's algorithm and `kid`, fetching or refetching the set as the rules allow. */
  async keyFor(alg: JwtAlgorithm, kid: string | undefined): Promise<CryptoKey> {
    if (this.entries === null) {
      // During an outage with nothing cached, callers share the last failure until the backoff ends.
      if (this.lastError !== null && !this.inflight && this.o.clock() < this.retryAt) throw this.lastError;
      await this.refresh(true);
    } else this.refreshInBackgroundIfDue();
    let selection = selectKey(this.entries ?? [], alg, kid);
    if ("unknownKid" in selection) {
      const now = this.o.clock();
      if (this.inflight) await this.inflight.catch(() => undefined);
      else if (now - this.lastKidRefetch >= (this.o.cooldownMs ?? 30_000) && now >= this.retryAt) {
        this.lastKidRefetch = now;
        await this.refresh(false).catch(() => undefined);
      }
      selection = selectKey(this.entries ?? [], alg, kid);
      if ("unknownKid" in selection) {
        throw new AuthmuxError("token_invalid", `token rejected: no key with kid "${selection.unknownKid}" in the issuer's key set`, { provider: this.o.provider });
      }
    }
    if ("error" in selection) throw selection.error;
    const entries = this.entries;
    const key = await selection.entry.importFor(alg);
    // Only remember it if the set did not change while importing.
    if (entries === this.entries && this.resolved.size < 64) this.resolved.set(`${alg}\u0000${kid ?? ""}`, key);
    return key;
  }

  private refreshInBackgroundIfDue(): void {
    const now = this.o.clock();
    const stale = now - this.fetchedAt >= (this.o.maxAgeMs ?? 600_000);
    if ((stale || this.failures > 0) && !this.inflight && now >= this.retryAt) {
      this.refresh(false).catch(() => undefined);
    }
  }

  /** One request for everyone waiting; `cold` failures throw, others keep the known keys. */
  private refresh(cold: boolean): Promise<void> {
    if (!this.inflight) {
      this.inflight = this.load().finally(() => {
        this.inflight = null;
      });
    }
    const pending = this.inflight;
    return cold ? pending : pending.catch(() => undefined);
  }

  private async load(): Promise<void> {
    this.requests += 1;
    try {
      const entries = this.o.onFetch === undefined ? await this.fetchSet() : await this.observedFetchSet(this.o.onFetch);
      this.entries = entries;
      this.resolved = new Map();
      this.fetchedAt = this.o.clock();
      this.failures = 0;
      this.retryAt = 0;
      this.lastError = null;
    } catch (error) {
      this.lastError = error;
      this.failures += 1;
      this.retryAt = this.o.clock() + Math.min(60_000, 1000 * 2 ** (this.failures - 1));
      throw error;
    }
  }

  /** {@link fetchSet}, reported to the `onJwksFetch` hook (URL without query or credentials). */
  private async observedFetchSet(onFetch: (event: JwksFetchHookEvent) => void): Promise<KeyEntry[]> {
    const started = monotonicMs();
    const seen: { status?: number; keys?: number } = {};
    const url = new URL(this.o.url);
    const report = (ok: boolean) =>
      emit(onFetch, { provider: this.o.provider, url: url.origin + url.pathname, status: seen.status, ok, keys: seen.keys, durationMs: monotonicMs() - started });
    try {
      const entries = await this.fetchSet(seen);
      report(true);
      return entries;
    } catch (error) {
      report(false);
      throw error;
    }
  }

  private async fetchSet(seen?: { status?: number; keys?: number }): Promise<KeyEntry[]> {
    const fail = (why: string, cause?: unknown) =>
      new AuthmuxError("provider_unavailable", `cannot verify tokens: the key set at ${this.o.url} ${why}`, { provider: this.o.provider, cause });
    const doFetch = this.o.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
    let response: Response;
    try {
      response = await doFetch(this.o.url, {
        headers: { accept: "application/json", ...this.o.headers },
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
        // A key set that redirects is refused, not followed. "manual" rather than "error": workerd rejects
        // redirect: "error" outright (a TypeError before any request), so every verification failed there.
        redirect: "manual",
      });
    } catch (error) {
      const timedOut = (error as { name?: string })?.name === "TimeoutError";
      throw fail(timedOut ? `did not answer within ${this.o.timeoutMs ?? 5000} ms` : "could not be fetched (network error)", error);
    }
    if (seen) seen.status = response.status;
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      // a browser hides a redirect behind an opaque response with status 0
      if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) throw fail("answered with a redirect, which is not followed", { status: response.status });
      throw fail(`answered HTTP ${response.status}`, { status: response.status });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw fail("did not answer with JSON", error);
    }
    const keys = (body as { keys?: unknown })?.keys;
    if (!Array.isArray(keys)) throw fail('answered JSON without a "keys" array');
    if (seen) seen.keys = keys.length;
    const entries: KeyEntry[] = [];
    for (const jwk of keys) {
      const entry = entryFromJwk(jwk as JWK);
      if (typeof entry !== "string") entries.push(entry);
    }
    return entries;
  }
}
