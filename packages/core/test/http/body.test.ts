import { describe, expect, expectTypeOf, it } from "vitest";
import * as z from "zod/mini";
import { createHttpClient } from "../../src/http/index.js";
import { closedPortUrl, authmuxRejection as rejection, loopbackForEachTest, type Loopback } from "./loopback.js";

let server: Loopback;
loopbackForEachTest((s) => (server = s));

const wireUser = z.object({ id: z.string(), email: z.nullable(z.string()), created_at: z.number() });

describe("2xx bodies", () => {
  it("returns the body parsed by the schema, typed by it", async () => {
    server.reply(() => ({ json: { id: "u_1", email: null, created_at: 1_700_000_000, extra: "dropped" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    const { data } = await http.request("GET", "/v1/users/u_1", { schema: wireUser });
    expectTypeOf(data).toEqualTypeOf<{ id: string; email: string | null; created_at: number }>();
    expect(data).toEqual({ id: "u_1", email: null, created_at: 1_700_000_000 });
  });

  it("fails malformed JSON on a 200 with provider_unavailable saying the body is not what the API promises", async () => {
    server.reply(() => ({ text: '{"id": "u_1", ', headers: { "content-type": "application/json", "x-request-id": "req_77" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url, requestIdHeader: "x-request-id" });
    const error = await rejection(http.request("GET", "/v1/users/u_1"));

    expect(error.code).toBe("provider_unavailable");
    expect(error.status).toBe(200);
    expect(error.requestId).toBe("req_77");
    expect(error.message).toBe(
      "acme: GET /v1/users/u_1 answered HTTP 200 with a body that is not valid JSON, which is not what the acme API promises; the vendor API may have changed or a proxy answered instead.",
    );
    expect(error.cause).toBeInstanceOf(SyntaxError);
    // A broken body is the vendor's answer, not a transport failure: it is not retried.
    expect(server.requests).toHaveLength(1);
  });

  it("words a malformed body differently from a network failure", async () => {
    server.reply(() => ({ text: "<html>maintenance</html>" }));
    const broken = await rejection(createHttpClient({ provider: "acme", baseUrl: server.url }).request("GET", "/x"));
    const unreachable = await rejection(createHttpClient({ provider: "acme", baseUrl: await closedPortUrl(), retry: { limit: 0 } }).request("GET", "/x"));
    expect([broken.code, unreachable.code]).toEqual(["provider_unavailable", "provider_unavailable"]);
    expect(broken.message).toContain("not what the acme API promises");
    expect(broken.message).not.toContain("network error");
    expect(unreachable.message).toContain("network error");
    expect(unreachable.message).not.toContain("promises");
    expect([broken.status, unreachable.status]).toEqual([200, undefined]);
  });

  it("fails a body that does not match the schema with provider_unavailable, the zod error as cause", async () => {
    server.reply(() => ({ status: 201, json: { id: 42, email: null, created_at: 1 } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    const error = await rejection(http.request("POST", "/v1/users", { body: { email: "a@example.com" }, schema: wireUser }));

    expect(error.code).toBe("provider_unavailable");
    expect(error.status).toBe(201);
    expect(error.message).toBe(
      'acme: POST /v1/users answered HTTP 201 with a body that does not match the expected shape: "id": expected string, received number, which is not what the acme API promises; the vendor API may have changed or a proxy answered instead.',
    );
    expect(error.cause).toBeInstanceOf(z.core.$ZodError);
    expect((error.cause as z.core.$ZodError).issues).toHaveLength(1);
  });

  it("counts further schema issues in the message", async () => {
    server.reply(() => ({ json: { id: 1, email: 2, created_at: "x" } }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    const error = await rejection(http.request("GET", "/v1/users/u_1", { schema: wireUser }));
    expect(error.message).toContain('the expected shape: "id": expected string, received number (and 2 more issues),');
  });

  it("accepts an empty 204 without a schema, and checks it against a schema that is given", async () => {
    server.reply(() => ({ status: 204 }));
    const http = createHttpClient({ provider: "acme", baseUrl: server.url });
    await expect(http.request("DELETE", "/v1/users/u_1")).resolves.toMatchObject({ status: 204, data: undefined });
    await expect(http.request("DELETE", "/v1/users/u_1", { schema: z.undefined() })).resolves.toMatchObject({ status: 204, data: undefined });
    const error = await rejection(http.request("DELETE", "/v1/users/u_1", { schema: wireUser }));
    expect(error.code).toBe("provider_unavailable");
    expect(error.message).toContain("with a body that does not match the expected shape: the body: expected object, received undefined,");
  });
});
