import { describe, expect, it } from "vitest";
import { createHttpClient, type FetchFunction } from "../../src/http/index.js";
import { isAuthmuxError } from "../../src/errors/index.js";
import { loopbackForEachTest, rejection, type Loopback } from "./loopback.js";

let server: Loopback;
loopbackForEachTest((s) => (server = s));

describe("createHttpClient: requests", () => {
  it("sends the auth headers: static, per-request from the headers function, then per-call, names case-insensitive", async () => {
    let session = 0;
    const http = createHttpClient({
      provider: "acme",
      baseUrl: server.url,
      headers: () => ({ "CB-Token": `session-${++session}`, "X-Api-Key": "key_from_function" }),
    });
    await http.request("GET", "/me");
    await http.request("GET", "/me", { headers: { "x-api-key": "key_per_call", accept: "application/vnd.acme+json" } });

    expect(server.requests.map((r) => [r.headers["cb-token"], r.headers["x-api-key"], r.headers.accept])).toEqual([
      ["session-1", "key_from_function", "application/json"],
      ["session-2", "key_per_call", "application/vnd.acme+json"],
    ]);
  });

  it("sends static headers on every call", async () => {
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, headers: { Authorization: "Bearer sk_test_static_123456" } });
    await http.request("GET", "/a");
    await http.request("DELETE", "/b");
    expect(server.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ["GET", "/a", "Bearer sk_test_static_123456"],
      ["DELETE", "/b", "Bearer sk_test_static_123456"],
    ]);
  });

  it("encodes the query: arrays repeat the key, undefined and null are dropped, spaces are %20", async () => {
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    await http.request("GET", "/v1/users", {
      query: { q: "a b&c=d/é", ids: ["u_1", "u 2", 3], limit: 10, active: true, offset: 0, cursor: undefined, email: null, empty: "" },
    });
    expect(server.requests[0]?.url).toBe("/v1/users?q=a%20b%26c%3Dd%2F%C3%A9&ids=u_1&ids=u%202&ids=3&limit=10&active=true&offset=0&empty=");
  });

  it("appends the query to a path that already has one, and paths to the base path", async () => {
    const http = createHttpClient({ provider: "acme", baseUrl: `${server.url}/api/v2/` });
    await http.request("GET", "/users?sort=desc", { query: { page: 2 } });
    await http.request("GET", "users/u_1");
    expect(server.requests.map((r) => r.url)).toEqual(["/api/v2/users?sort=desc&page=2", "/api/v2/users/u_1"]);
    expect(http.baseUrl).toBe(`${server.url}/api/v2`);
  });

  it("sends a JSON body with its content type and returns data, status and headers", async () => {
    server.reply(() => ({ status: 201, json: { id: "u_1", name: "Ada" }, headers: { "x-request-id": "req_9" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    const response = await http.request("POST", "/v1/users", { body: { name: "Ada", tags: ["a", "b"], meta: { n: 1 } } });

    expect(server.requests[0]?.method).toBe("POST");
    expect(server.requests[0]?.headers["content-type"]).toBe("application/json");
    expect(server.requests[0]?.body).toBe('{"name":"Ada","tags":["a","b"],"meta":{"n":1}}');
    expect(response.status).toBe(201);
    expect(response.data).toEqual({ id: "u_1", name: "Ada" });
    expect(response.headers.get("x-request-id")).toBe("req_9");
  });

  it("returns undefined data for an empty 204", async () => {
    server.reply(() => ({ status: 204 }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    const response = await http.request("DELETE", "/v1/users/u_1");
    expect(response).toEqual({ data: undefined, status: 204, headers: expect.any(Headers) });
  });

  it("uses the custom fetch, with the URL and init it built", async () => {
    const calls: { url: string; method: string | undefined; headers: unknown; body: unknown }[] = [];
    const spy: FetchFunction = (url, init) => {
      calls.push({ url, method: init.method, headers: init.headers, body: init.body });
      return globalThis.fetch(url, init);
    };
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, fetch: spy, headers: { "x-api-key": "k_1" } });
    await http.request("PATCH", "/v1/users/u_1", { body: { name: "Grace" } });

    expect(calls).toEqual([
      {
        url: `${server.url}/v1/users/u_1`,
        method: "PATCH",
        headers: { accept: "application/json", "x-api-key": "k_1", "content-type": "application/json" },
        body: '{"name":"Grace"}',
      },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it("looks globalThis.fetch up at call time, so a fetch installed after creation is used", async () => {
    const http = createHttpClient({ provider: "acme", baseUrl: "https://api.acme.test" });
    const original = globalThis.fetch;
    const seen: string[] = [];
    globalThis.fetch = (async (input: string) => {
      seen.push(input);
      return new Response('{"via":"stub"}', { status: 200 });
    }) as typeof fetch;
    try {
      const response = await http.request("GET", "/ping");
      expect(response.data).toEqual({ via: "stub" });
      expect(seen).toEqual(["https://api.acme.test/ping"]);
    } finally {
      globalThis.fetch = original;
    }
  });

  it("works as a detached function and accepts lower-case methods (vendor.request)", async () => {
    server.reply(() => ({ json: { items: [1, 2] } }));
    const { request } = createHttpClient({ provider: "acme", baseUrl: server.url });
    const response = await request<{ items: number[] }>("get", "/v1/things", { query: { limit: 2 } });
    expect(response.data.items).toEqual([1, 2]);
    expect(server.requests[0]?.method).toBe("GET");
    expect(server.requests[0]?.url).toBe("/v1/things?limit=2");
  });
});

describe("createHttpClient: validation before any network call", () => {
  it.each([
    ["ftp://files.acme.test", 'acme: baseUrl must use http or https, not "ftp".'],
    ["not a url", "acme: baseUrl is not a valid URL."],
    ["https://user:pass@api.acme.test", "acme: baseUrl must not contain credentials; pass them as headers."],
    ["https://api.acme.test/v1?key=1", "acme: baseUrl must not contain a query string or fragment."],
  ])("rejects baseUrl %s with invalid_input", (baseUrl, message) => {
    let thrown: unknown;
    try {
      createHttpClient({ provider: "acme", baseUrl });
    } catch (error) {
      thrown = error;
    }
    expect(isAuthmuxError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: "invalid_input", provider: "acme", message });
  });

  it("accepts a URL object", () => {
    expect(createHttpClient({ provider: "acme", baseUrl: new URL("https://api.acme.test/v1/") }).baseUrl).toBe("https://api.acme.test/v1");
  });

  it.each([
    [{ timeoutMs: 0 }, "acme: timeoutMs must be a whole number of milliseconds between 1 and 2147483647."],
    [{ retry: { limit: -1 } }, "acme: retry.limit must be a whole number from 0 to 10."],
    [{ retry: { maxRetryAfterSec: -5 } }, "acme: retry.maxRetryAfterSec must be a number of seconds, 0 or more."],
  ])("rejects bad options %j", (extra, message) => {
    expect(() => createHttpClient({ provider: "acme", baseUrl: "https://api.acme.test", ...extra })).toThrow(message);
  });

  it("rejects a body on GET, an unknown method and an unserialisable body without calling fetch", async () => {
    const calls: string[] = [];
    const http = createHttpClient({
      provider: "acme",
      baseUrl: "https://api.acme.test",
      fetch: async (url) => {
        calls.push(url);
        return new Response("{}");
      },
    });
    const circular: Record<string, unknown> = {};
    circular.self = circular;

    await expect(rejection(http.request("GET", "/x", { body: { a: 1 } }))).resolves.toMatchObject({
      code: "invalid_input",
      message: "acme: a GET request cannot carry a body; pass the values as query.",
    });
    await expect(rejection(http.request("TRACE" as "GET", "/x"))).resolves.toMatchObject({
      code: "invalid_input",
      message: 'acme: unsupported HTTP method "TRACE"; use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.',
    });
    await expect(rejection(http.request("POST", "/x", { body: circular }))).resolves.toMatchObject({
      code: "invalid_input",
      message: "acme: the request body cannot be serialised as JSON.",
    });
    expect(calls).toEqual([]);
  });
});
