import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createHttpClient, type FetchFunction, vendorPath } from "../../src/http/index.js";
import { loopbackForEachTest, rejection, type Loopback } from "./loopback.js";

let server: Loopback;
loopbackForEachTest((s) => (server = s));

const noBackoff = { backoffLimitMs: 0 };

describe("vendorPath", () => {
  it("encodes each parameter as one segment", () => {
    expect(vendorPath`/users/${"user_2x/y?z#w"}/metadata`).toBe("/users/user_2x%2Fy%3Fz%23w/metadata");
    expect(vendorPath`/users/${42}`).toBe("/users/42");
    expect(vendorPath`/users/${"a b%c"}`).toBe("/users/a%20b%25c");
    expect(vendorPath`/admin/user/${"12"}/x/${"é"}`).toBe("/admin/user/12/x/%C3%A9");
  });

  it("refuses empty, dot segments in any spelling, and values that are not strings or whole numbers", () => {
    for (const bad of ["", ".", "..", "%2e", "%2E%2e", ".%2E", "%252e%252E", "%25252e"]) {
      expect(() => vendorPath`/users/${bad}`, JSON.stringify(bad)).toThrow(expect.objectContaining({ code: "invalid_input" }));
    }
    for (const bad of [null, undefined, {}, [], 1.5, Number.NaN, Infinity, 10n, "x".repeat(1025)]) {
      expect(() => vendorPath`/users/${bad}`).toThrow(expect.objectContaining({ code: "invalid_input" }));
    }
    // Not dot segments: left to the vendor as ordinary ids.
    expect(vendorPath`/users/${"..."}`).toBe("/users/...");
    expect(vendorPath`/users/${".a"}`).toBe("/users/.a");
  });
});

describe("the client refuses paths that would go elsewhere", () => {
  it("dot segments, raw or encoded, a backslash or a fragment are invalid_input before any request", async () => {
    const http = createHttpClient({ provider: "acme", baseUrl: `${server.url}/v1` });
    for (const path of ["/users/..", "/users/../admin", "/./users", "/users/%2e%2e", "/users/%2E%2E/x", "/a\\..\\b", "/users#x", "/users/.%2e?x=1"]) {
      const error = await rejection(http.request("DELETE", path));
      expect(error.code, path).toBe("invalid_input");
      expect(error.message).not.toContain("undefined");
    }
    expect(server.requests).toHaveLength(0);
    await http.request("GET", "/users/..x?next=../y");
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/users/..x?next=../y"]);
  });
});

describe("removals whose first attempt went through", () => {
  it("a DELETE retried after a 503 that then finds nothing succeeds with status 404", async () => {
    server.reply((_req, i) => (i === 0 ? { status: 503, json: { error: "unavailable" } } : { status: 404, json: { error: "not found" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { limit: 2, ...noBackoff } });
    const response = await http.request("DELETE", "/users/u1");
    expect(response).toMatchObject({ status: 404, data: undefined });
    expect(server.requests.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
  });

  it("a DELETE whose only attempt answers 404 is still not_found; a POST removal opts in", async () => {
    server.reply(() => ({ status: 404, json: { error: "not found" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { limit: 2, ...noBackoff } });
    expect((await rejection(http.request("DELETE", "/users/u1"))).code).toBe("not_found");
    server.reply((_req, i) => (i === 1 ? { status: 502 } : { status: 404, json: {} }));
    expect(await http.request("POST", "/sessions/s1/revoke", { idempotent: true, removal: true })).toMatchObject({ status: 404 });
    server.reply((_req, i) => (i === 3 ? { status: 502 } : { status: 404, json: {} }));
    expect((await rejection(http.request("PUT", "/users/u1", { body: {} }))).code).toBe("not_found");
  });
});

describe("rate-limit headers count on a 429 only", () => {
  const reset = String(Math.floor(Date.now() / 1000) + 45);

  it("a 404 or a 400 carrying a rate window has no retryAfter", async () => {
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    server.reply(() => ({ status: 404, headers: { "x-ratelimit-reset": reset }, json: {} }));
    expect((await rejection(http.request("GET", "/users/u1"))).retryAfter).toBeUndefined();
    server.reply(() => ({ status: 400, headers: { "x-ratelimit-reset": reset, "retry-after": "30" }, json: {} }));
    expect((await rejection(http.request("GET", "/users/u1"))).retryAfter).toBeUndefined();
  });

  it("a 503's retries wait their backoff, not a rate window it carries (else this test would wait 45 s and time out)", async () => {
    server.reply(() => ({ status: 503, headers: { "x-ratelimit-reset": reset, "x-ratelimit-remaining": "990" }, json: {} }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { limit: 2, ...noBackoff } });
    const error = await rejection(http.request("GET", "/users/u1"));
    expect(error).toMatchObject({ code: "provider_unavailable", status: 503, retryAfter: undefined });
    expect(server.requests).toHaveLength(3);
  });

  it("a 429 keeps every rate header, and a 503 its Retry-After", async () => {
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { limit: 0 } });
    server.reply(() => ({ status: 429, headers: { "x-ratelimit-reset": reset }, json: {} }));
    expect((await rejection(http.request("GET", "/x"))).retryAfter).toBeGreaterThanOrEqual(44);
    server.reply(() => ({ status: 503, headers: { "retry-after": "7", "x-ratelimit-reset": reset }, json: {} }));
    expect((await rejection(http.request("GET", "/x"))).retryAfter).toBe(7);
  });
});

describe("the response size cap", () => {
  function streamingFetch(chunk: Uint8Array, headers: Record<string, string> = {}) {
    const state = { calls: 0, pulled: 0, cancelled: false };
    const fetch: FetchFunction = async () => {
      state.calls += 1;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          state.pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
        cancel() {
          state.cancelled = true;
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json", ...headers } });
    };
    return { fetch, state };
  }

  it("an endless body is cut at the cap, cancelled, not retried, and provider_unavailable", async () => {
    const { fetch, state } = streamingFetch(new Uint8Array(64 * 1024).fill(32));
    const http = createHttpClient({ provider: "acme", baseUrl: "https://api.acme.test", fetch, maxResponseBytes: 1024 * 1024, retry: { limit: 2, ...noBackoff } });
    const error = await rejection(http.request("GET", "/users"));
    expect(error.code).toBe("provider_unavailable");
    expect(error.message).toContain("response too large (over 1048576 bytes)");
    expect(state.calls).toBe(1);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(1024 * 1024 + 3 * 64 * 1024);
  });

  it("a Content-Length over the cap is refused without reading; the default cap is 5 MiB", async () => {
    const { fetch, state } = streamingFetch(new Uint8Array(1024), { "content-length": String(10 * 1024 * 1024) });
    const http = createHttpClient({ provider: "acme", baseUrl: "https://api.acme.test", fetch });
    const error = await rejection(http.request("GET", "/users"));
    expect(error.message).toContain("over 5242880 bytes");
    expect(state.pulled).toBeLessThanOrEqual(1024);
    expect(() => createHttpClient({ provider: "acme", baseUrl: "https://api.acme.test", maxResponseBytes: 0 })).toThrow(/maxResponseBytes/);
  });

  it("a body within the cap is read whole, with or without a length", async () => {
    server.reply(() => ({ json: { ok: "x".repeat(5000) } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, maxResponseBytes: 6000 });
    expect((await http.request<{ ok: string }>("GET", "/a")).data.ok).toHaveLength(5000);
    const { fetch } = streamingFetch(new Uint8Array(0));
    const chunked = createHttpClient({ provider: "acme", baseUrl: "https://api.acme.test", fetch: async (...args) => {
      await fetch(...args);
      return new Response(new Blob(['{"ok":', '"yes"}']).stream(), { status: 200 });
    } });
    expect((await chunked.request("GET", "/b")).data).toEqual({ ok: "yes" });
  });
});

describe("what a caller passes as a secret never comes back in an error", () => {
  it("a password the vendor echoes is redacted from message, stack, JSON, inspect and cause", async () => {
    const password = "correct-horse-battery-staple-42";
    server.reply(() => ({ status: 422, json: { errors: [{ message: `Password ${password} has been found in a breach`, meta: { echoed: [password] } }] } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    const error = await rejection(http.request("POST", "/users", { body: { password }, secrets: [password] }));
    const views = [error.message, error.stack ?? "", String(error), JSON.stringify(error), inspect(error), JSON.stringify(error.cause), inspect(error.cause, { depth: 10 })];
    for (const view of views) expect(view).not.toContain(password);
    expect(error.cause).toEqual({ errors: [{ message: "Password [redacted] has been found in a breach", meta: { echoed: ["[redacted]"] } }] });
  });

  it("also when the adapter's mapper builds its error by hand with the raw body", async () => {
    const token = "opaque-session-token-7f3a9c";
    server.reply(() => ({ status: 404, json: { error_message: `Session ${token} not found` } }));
    const http = createHttpClient({
      provider: "acme",
      baseUrl: server.url,
      mapError: (ctx) => ctx.error("session_invalid", `acme said: ${(ctx.body as { error_message: string }).error_message}`, { cause: ctx.body }),
    });
    const error = await rejection(http.request("POST", "/sessions/authenticate", { body: { token }, secrets: [token] }));
    expect(error.code).toBe("session_invalid");
    expect(error.message).toBe("acme said: Session [redacted] not found");
    expect(JSON.stringify(error.cause)).not.toContain(token);
  });
});
