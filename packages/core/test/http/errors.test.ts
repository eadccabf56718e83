import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthmuxError } from "../../src/errors/index.js";
import { createHttpClient, type HttpErrorContext } from "../../src/http/index.js";
import { authmuxRejection as rejection, loopbackForEachTest, type Loopback } from "./loopback.js";

let server: Loopback;
loopbackForEachTest((s) => (server = s));

describe("error mapping", () => {
  it("hands the adapter's mapper the response context and returns its error (401 → provider_auth_failed)", async () => {
    const vendorBody = { errors: [{ code: "authentication_invalid", message: "Invalid secret key" }] };
    server.reply(() => ({ status: 401, json: vendorBody, headers: { "x-request-id": "req_401" } }));
    const seen: Omit<HttpErrorContext, "error" | "headers">[] = [];
    const http = createHttpClient({
      provider: "acme",
      baseUrl: server.url,
      requestIdHeader: "X-Request-Id",
      mapError: (ctx) => {
        const { error: _error, headers: _headers, ...rest } = ctx;
        seen.push(rest);
        const code = (ctx.body as typeof vendorBody).errors[0]?.code;
        return code === "authentication_invalid" ? ctx.error("provider_auth_failed", "acme refused the secret key: check ACME_SECRET_KEY.") : undefined;
      },
    });
    const error = await rejection(http.request("GET", "/v1/users/u_1", { query: { expand: "all" } }));

    expect(seen).toEqual([
      { provider: "acme", status: 401, body: vendorBody, method: "GET", path: "/v1/users/u_1", requestId: "req_401", retryAfter: undefined, attempts: 1 },
    ]);
    expect(error.code).toBe("provider_auth_failed");
    expect(error.message).toBe("acme refused the secret key: check ACME_SECRET_KEY.");
    expect(error.provider).toBe("acme");
    expect(error.status).toBe(401);
    expect(error.requestId).toBe("req_401");
    expect(error.cause).toEqual(vendorBody);
  });

  it.each([
    [401, "provider_auth_failed", 'acme rejected our credentials on DELETE /v1/users/u_1 (HTTP 401): check the API key or secret configured for acme. acme said: "nope"'],
    [403, "provider_auth_failed", 'acme rejected our credentials on DELETE /v1/users/u_1 (HTTP 403): check the API key or secret configured for acme. acme said: "nope"'],
    [404, "not_found", 'acme found nothing at DELETE /v1/users/u_1 (HTTP 404). acme said: "nope"'],
    [409, "conflict", 'acme refused DELETE /v1/users/u_1 as a conflict (HTTP 409): it already exists or changed meanwhile. acme said: "nope"'],
    [429, "rate_limited", 'acme rate limit reached on DELETE /v1/users/u_1 (HTTP 429). acme said: "nope"'],
    [500, "provider_unavailable", 'acme is unavailable: DELETE /v1/users/u_1 returned HTTP 500. acme said: "nope"'],
    [501, "provider_unavailable", 'acme is unavailable: DELETE /v1/users/u_1 returned HTTP 501. acme said: "nope"'],
    [400, "provider_error", 'acme rejected DELETE /v1/users/u_1 with HTTP 400. acme said: "nope"'],
    [422, "provider_error", 'acme rejected DELETE /v1/users/u_1 with HTTP 422. acme said: "nope"'],
  ])("maps HTTP %i to %s by default, or when the mapper returns undefined", async (status, code, message) => {
    server.reply(() => ({ status, json: { message: "nope" } }));
    for (const mapError of [undefined, () => undefined]) {
      const http = createHttpClient({ provider: "acme", baseUrl: server.url, retry: { limit: 0 }, ...(mapError ? { mapError } : {}) });
      const error = await rejection(http.request("DELETE", "/v1/users/u_1"));
      expect({ code: error.code, status: error.status, message: error.message, cause: error.cause }).toEqual({
        code,
        status,
        message,
        cause: { message: "nope" },
      });
    }
  });

  it("keeps a non-JSON error body as text in cause, and an empty one as undefined", async () => {
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    server.reply(() => ({ status: 400, text: "<html>Bad Request</html>", headers: { "content-type": "text/html" } }));
    expect((await rejection(http.request("POST", "/x", { body: {} }))).cause).toBe("<html>Bad Request</html>");
    server.reply(() => ({ status: 404 }));
    const empty = await rejection(http.request("GET", "/x"));
    expect(empty.cause).toBeUndefined();
    expect(empty.message).toBe("acme found nothing at GET /x (HTTP 404).");
  });

  it("puts the vendor body back as cause when a mapper builds its error without it", async () => {
    server.reply(() => ({ status: 409, json: { code: "duplicate_email" } }));
    const http = createHttpClient({
      provider: "acme",
      baseUrl: server.url,
      mapError: () => new AuthmuxError("conflict", "email taken", { provider: "acme", status: 409 }),
    });
    const error = await rejection(http.request("POST", "/v1/users", { body: {} }));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe("email taken");
    expect(error.cause).toEqual({ code: "duplicate_email" });
  });
});

describe("secrets never reach messages", () => {
  const apiKey = "acme_key_9f8e7d6c5b4a";
  const sessionToken = "cbsess_0123456789abcdef";

  function leaks(error: AuthmuxError, secret: string): string[] {
    const views = { message: error.message, string: String(error), json: JSON.stringify(error), inspect: inspect(error), inspectDeep: inspect({ error }, { depth: 5 }) };
    return Object.entries(views)
      .filter(([, text]) => text.includes(secret))
      .map(([name]) => name);
  }

  it("redacts a configured secret the vendor echoes in its error body (default mapper)", async () => {
    server.reply(() => ({ status: 401, json: { message: `Invalid API key: ${apiKey}` } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, headers: { "x-api-key": apiKey }, secrets: [apiKey] });
    const error = await rejection(http.request("GET", "/v1/users"));
    expect(error.message).toBe(
      'acme rejected our credentials on GET /v1/users (HTTP 401): check the API key or secret configured for acme. acme said: "Invalid API key: [redacted]"',
    );
    expect(leaks(error, apiKey)).toEqual([]);
    // The vendor's body is kept as cause, unprinted, and without what it echoes of our secrets.
    expect(error.cause).toEqual({ message: "Invalid API key: [redacted]" });
  });

  it("redacts credentials sent in headers even when not listed as secrets, and in a mapper's own message", async () => {
    server.reply(() => ({ status: 403, json: { error: { message: `session ${sessionToken} expired` } } }));
    const http = createHttpClient({
      provider: "acme",
      baseUrl: server.url,
      headers: async () => ({ "CB-Token": sessionToken }),
      mapError: (ctx) =>
        new AuthmuxError("session_invalid", `acme said ${(ctx.body as { error: { message: string } }).error.message}`, { provider: "acme", cause: ctx.body }),
    });
    const error = await rejection(http.request("GET", "/v1/session"));
    expect(error.code).toBe("session_invalid");
    expect(error.message).toBe("acme said session [redacted] expired");
    expect(leaks(error, sessionToken)).toEqual([]);
  });

  it("redacts the token after an Authorization scheme", async () => {
    const token = "opaque-token-value-42";
    server.reply(() => ({ status: 400, text: `bad request with token ${token}` }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, headers: { Authorization: `Token ${token}` } });
    const error = await rejection(http.request("POST", "/v1/things", { body: {} }));
    expect(error.message).toBe('acme rejected POST /v1/things with HTTP 400. acme said: "bad request with token [redacted]"');
    expect(leaks(error, token)).toEqual([]);
  });
});

describe("transport failures", () => {
  it("turns a timeout into provider_unavailable saying so, with ky's TimeoutError as cause", async () => {
    server.reply(() => ({ hang: true }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, timeoutMs: 50 });
    const error = await rejection(http.request("GET", "/v1/users"));
    expect(error.code).toBe("provider_unavailable");
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(
      "acme: GET /v1/users timed out after 50 ms without a complete response; the vendor is slow or unreachable (raise timeoutMs if this call is known to be slow).",
    );
    expect((error.cause as Error).name).toBe("TimeoutError");
    // A timed-out attempt is not retried: it already spent the whole timeout.
    expect(server.requests).toHaveLength(1);
  });

  it("times out a body that stalls after the headers", async () => {
    server.reply(() => ({ json: { partial: true }, stallBody: true }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, timeoutMs: 50 });
    const error = await rejection(http.request("GET", "/v1/users"));
    expect(error.code).toBe("provider_unavailable");
    expect(error.message).toMatch(/^acme: GET \/v1\/users timed out after 50 ms /);
  });

  it("reports a failing custom fetch as a network error, its error as cause", async () => {
    const failure = new TypeError("socket hang up");
    const http = createHttpClient({
      provider: "acme",
      baseUrl: "https://api.acme.test",
      retry: { limit: 0 },
      fetch: () => Promise.reject(failure),
    });
    const error = await rejection(http.request("GET", "/v1/users"));
    expect(error.code).toBe("provider_unavailable");
    expect(error.message).toBe("acme: network error on GET /v1/users (socket hang up); check baseUrl and the connection to the vendor.");
    expect(error.cause).toBe(failure);
  });

  it("lets an error thrown by the headers function through untouched, before any request", async () => {
    const failure = new AuthmuxError("provider_auth_failed", "could not open an acme session", { provider: "acme" });
    const http = createHttpClient({
      provider: "acme",
      baseUrl: server.url,
      headers: () => {
        throw failure;
      },
    });
    await expect(http.request("GET", "/x")).rejects.toBe(failure);
    expect(server.requests).toHaveLength(0);
  });
});
