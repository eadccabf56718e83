import { setImmediate as tick } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { createHttpClient, type FetchFunction } from "../../src/http/index.js";
import { closedPortUrl, loopbackForEachTest, rejection, type Loopback } from "./loopback.js";

let server: Loopback;
loopbackForEachTest((s) => (server = s), () => vi.useRealTimers());

// backoffLimitMs: 0 makes ky's backoff delays 0 ms, so retries run at once with real timers.
const noBackoff = { backoffLimitMs: 0 };

/** A client whose vendor does not answer (a closed loopback port), counting the fetches it makes. */
async function unreachableVendor() {
  let attempts = 0;
  const http = createHttpClient({
    provider: "acme",
    baseUrl: await closedPortUrl(),
    retry: noBackoff,
    fetch: (input, init) => {
      attempts += 1;
      return globalThis.fetch(input, init);
    },
  });
  return { http, attempts: () => attempts };
}

/**
 * A fetch that counts calls and buffers each response before handing it over, so a test knows when ky holds
 * a complete response: from there to ky's retry timer being set, everything runs in promise jobs.
 */
function countingFetch() {
  const state = { calls: 0, delivered: 0 };
  const fetch: FetchFunction = async (url, init) => {
    state.calls += 1;
    const response = await globalThis.fetch(url, init);
    const text = await response.text();
    state.delivered += 1;
    return new Response(text, { status: response.status, headers: response.headers });
  };
  return { fetch, state };
}

/** Real turns of the event loop until `delivered` responses reached ky and their promise jobs have run. */
async function untilDelivered(state: { delivered: number }, delivered: number): Promise<void> {
  while (state.delivered < delivered) await tick();
  await tick();
  await tick();
}

describe("retries", () => {
  it("retries a GET on 503 and returns the later success", async () => {
    server.reply((_, i) => (i < 2 ? { status: 503, json: { error: "overloaded" } } : { json: { id: "u_1" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: noBackoff });
    const response = await http.request("GET", "/v1/users/u_1");
    expect(response.data).toEqual({ id: "u_1" });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /v1/users/u_1", "GET /v1/users/u_1", "GET /v1/users/u_1"]);
  });

  it.each([408, 429, 500, 502, 503, 504, 507, 522, 599])("retries a GET on %i", async (status) => {
    server.reply((_, i) => (i === 0 ? { status, json: {} } : { json: { ok: true } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: noBackoff });
    await http.request("GET", "/x");
    expect(server.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 413, 422, 501, 505])("does not retry a GET on %i", async (status) => {
    server.reply(() => ({ status, json: {} }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: noBackoff });
    await rejection(http.request("GET", "/x"));
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ["GET", 2],
    ["HEAD", 2],
    ["PUT", 2],
    ["DELETE", 2],
    ["OPTIONS", 2],
    ["POST", 1],
    ["PATCH", 1],
  ] as const)("sends %s on 503 %i time(s): only idempotent methods are retried", async (method, times) => {
    server.reply((_, i) => (i === 0 ? { status: 503, json: {} } : { json: {} }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: noBackoff });
    await http.request(method, "/x", method === "PUT" || method === "PATCH" ? { body: {} } : {}).catch(() => undefined);
    expect(server.requests.map((r) => r.method)).toEqual(Array.from({ length: times }, () => method));
  });

  it("never retries a bare POST on 503", async () => {
    server.reply(() => ({ status: 503, json: { error: "overloaded" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: noBackoff });
    const error = await rejection(http.request("POST", "/v1/users", { body: { email: "a@example.com" } }));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({
      code: "provider_unavailable",
      status: 503,
      message: 'acme is unavailable: POST /v1/users returned HTTP 503. acme said: "overloaded"',
    });
  });

  it("retries a POST marked idempotent, and not a GET marked otherwise", async () => {
    server.reply((_, i) => (i === 0 ? { status: 503, json: {} } : { status: 201, json: { id: "u_2" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: noBackoff });
    const created = await http.request("POST", "/v1/users", { body: { email: "b@example.com" }, idempotent: true });
    expect(created.data).toEqual({ id: "u_2" });
    expect(server.requests.map((r) => r.body)).toEqual(['{"email":"b@example.com"}', '{"email":"b@example.com"}']);

    server.reply(() => ({ status: 503, json: {} }));
    await rejection(http.request("GET", "/v1/report", { idempotent: false }));
    expect(server.requests).toHaveLength(3);
  });

  it("gives up after the limit with provider_unavailable carrying the status", async () => {
    server.reply(() => ({ status: 500, json: { message: "internal" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { ...noBackoff, limit: 3 } });
    const error = await rejection(http.request("GET", "/v1/users"));
    expect(server.requests).toHaveLength(4);
    expect(error).toMatchObject({
      code: "provider_unavailable",
      provider: "acme",
      status: 500,
      message: 'acme is unavailable: GET /v1/users returned HTTP 500 after 4 attempts. acme said: "internal"',
    });
    expect((error as Error).cause).toEqual({ message: "internal" });
  });

  it("does not retry with retry.limit 0", async () => {
    server.reply(() => ({ status: 503, json: {} }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { limit: 0 } });
    await rejection(http.request("GET", "/x"));
    expect(server.requests).toHaveLength(1);
  });

  it("retries network errors on GET, then fails with provider_unavailable and the fetch error as cause", async () => {
    const { http, attempts } = await unreachableVendor();
    const error = await rejection(http.request("GET", "/v1/users"));
    expect(attempts()).toBe(3);
    expect(error).toMatchObject({
      code: "provider_unavailable",
      provider: "acme",
      status: undefined,
      message: "acme: network error on GET /v1/users after 3 attempts (fetch failed: ECONNREFUSED); check baseUrl and the connection to the vendor.",
    });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(((error as Error).cause as Error & { cause: { code: string } }).cause.code).toBe("ECONNREFUSED");
  });

  it("does not retry a network error on POST", async () => {
    const { http, attempts } = await unreachableVendor();
    const error = await rejection(http.request("POST", "/v1/users", { body: {} }));
    expect(attempts()).toBe(1);
    expect(error).toMatchObject({
      code: "provider_unavailable",
      message: "acme: network error on POST /v1/users (fetch failed: ECONNREFUSED); check baseUrl and the connection to the vendor.",
    });
  });
});

describe("Retry-After", () => {
  it("waits what Retry-After asks, then retries and succeeds", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    server.reply((_, i) => (i === 0 ? { status: 429, headers: { "retry-after": "1" }, json: { error: "slow down" } } : { json: { ok: true } }));
    const { fetch, state } = countingFetch();
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, fetch, retry: noBackoff });
    const pending = http.request("GET", "/v1/users");

    await untilDelivered(state, 1);
    // Had ky not waited the full second, advancing 999 ms would have fired the retry: fetch runs in promise jobs.
    await vi.advanceTimersByTimeAsync(999);
    await tick();
    expect(state.calls).toBe(1);

    await vi.advanceTimersByTimeAsync(1);
    expect(state.calls).toBe(2);
    await expect(pending).resolves.toMatchObject({ status: 200, data: { ok: true } });
    expect(server.requests).toHaveLength(2);
  });

  it("fails with rate_limited and retryAfter once the retries are spent", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    server.reply(() => ({ status: 429, headers: { "retry-after": "1" }, json: { error: "slow down" } }));
    const { fetch, state } = countingFetch();
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, fetch, retry: { ...noBackoff, limit: 1 } });
    const pending = rejection(http.request("GET", "/v1/users"));

    await untilDelivered(state, 1);
    await vi.advanceTimersByTimeAsync(999);
    expect(state.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(server.requests).toHaveLength(2);
    expect(error).toMatchObject({
      code: "rate_limited",
      status: 429,
      retryAfter: 1,
      message: 'acme rate limit reached on GET /v1/users (HTTP 429) after 2 attempts; it asks to retry after 1 s. acme said: "slow down"',
    });
  });

  it("does not wait for a Retry-After beyond the cap: fails at once with rate_limited", async () => {
    // Fake timers that are never advanced: any wait would leave the call pending forever.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    server.reply(() => ({ status: 429, headers: { "retry-after": "120" }, json: { error: "quota" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { maxRetryAfterSec: 60 } });
    const error = await rejection(http.request("GET", "/v1/users"));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ code: "rate_limited", status: 429, retryAfter: 120 });
  });

  it("fails a 503 asking for longer than the cap at once, as provider_unavailable with retryAfter", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    server.reply(() => ({ status: 503, headers: { "retry-after": "3600" }, text: "maintenance" }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    const error = await rejection(http.request("GET", "/v1/users"));
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ code: "provider_unavailable", status: 503, retryAfter: 3600 });
    expect((error as Error).cause).toBe("maintenance");
  });

  it("reads an HTTP-date Retry-After against the clock", async () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    server.reply(() => ({ status: 429, headers: { "retry-after": new Date(now + 45_000).toUTCString() }, json: {} }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { limit: 0 }, clock: () => now });
    expect(await rejection(http.request("GET", "/x"))).toMatchObject({ code: "rate_limited", retryAfter: 45 });
  });

  it("reads X-RateLimit-Reset as delta seconds or as an epoch timestamp", async () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { limit: 0 }, clock: () => now });
    server.reply(() => ({ status: 429, headers: { "x-ratelimit-reset": "17" }, json: {} }));
    expect(await rejection(http.request("GET", "/x"))).toMatchObject({ code: "rate_limited", retryAfter: 17 });
    server.reply(() => ({ status: 429, headers: { "x-ratelimit-reset": String(now / 1000 + 30) }, json: {} }));
    expect(await rejection(http.request("GET", "/x"))).toMatchObject({ code: "rate_limited", retryAfter: 30 });
  });

  it("falls back to backoff for an unreadable Retry-After instead of waiting the cap", async () => {
    server.reply((_, i) => (i === 0 ? { status: 429, headers: { "retry-after": "soon" }, json: {} } : { json: { ok: true } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: noBackoff });
    await expect(http.request("GET", "/x")).resolves.toMatchObject({ data: { ok: true } });
    expect(server.requests).toHaveLength(2);
  });

  it("has no retryAfter when the vendor gave none", async () => {
    server.reply(() => ({ status: 429, json: {} }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: noBackoff });
    const error = await rejection(http.request("GET", "/x"));
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({
      code: "rate_limited",
      retryAfter: undefined,
      message: "acme rate limit reached on GET /x (HTTP 429) after 3 attempts.",
    });
  });
});
