import { describe, expect, it, vi } from "vitest";
import { createFakeKit, createMockProvider, type Fault, fakeParams, type FakeProblem } from "../src/testing/index.js";

// A small vendor on the kit: bearer key auth, one public route, its own error body.
function acme(options: { clock?: () => number } = {}) {
  const problems: FakeProblem[] = [];
  const seen: string[] = [];
  const kit = createFakeKit<{ key: string } | "public">({
    vendor: "Acme",
    baseUrl: ["https://api.acme.test/v1", "https://eu.acme.test/v1"],
    clock: options.clock,
    bodyRequired: ["PUT"],
    authorize(request, access) {
      seen.push(`auth ${access ?? "-"}`);
      if (access === "public") return "public";
      const key = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
      return key === "k" ? { key } : Response.json({ error: "unauthorized" }, { status: 401 });
    },
    error(problem) {
      problems.push(problem);
      return Response.json({ error: problem.kind, message: problem.message }, { status: problem.status });
    },
    routes: {
      "GET /users/:id": ({ params, auth }) => (seen.push("handler"), Response.json({ id: params.id, auth })),
      "POST /users": ({ body }) => Response.json({ created: body }, { status: 201 }),
      "PUT /users/:id/tags/:tag": ({ params, body }) => Response.json({ ...params, body }),
      "GET /keys": { access: "public", handle: () => Response.json({ keys: [] }) },
      "POST /invites": {
        body: {
          ...fakeParams(["note"]),
          email: { valid: (v) => typeof v === "string" && v.includes("@"), must: "must be an email address" },
          // Documented; the fake sends no mail, so only "no notification" is applied.
          notify: { valid: (v) => typeof v === "boolean", must: "must be a boolean", emulated: (v) => v === false },
          sso: { emulated: false },
        },
        required: ["email"],
        handle: ({ body }) => Response.json({ invited: body.email }, { status: 201 }),
      },
      "GET /invites": { query: fakeParams(["limit", "offset"]), handle: ({ query }) => Response.json({ limit: query.get("limit") }) },
    },
    notEmulated: ["GET /users/{id}/devices", "GET /users/me", "GET /users/:id", { route: "GET /keys/rotate", access: "public" }, "* /v2/*"],
    finish: (response) => (response.headers.set("x-acme", "1"), response),
  });
  return { kit, problems, seen };
}

const auth = { authorization: "Bearer k" };

describe("the fake kit's pipeline", () => {
  it("routes by method and path, decodes parameters, passes the caller and JSON body, and finishes every routed answer", async () => {
    const { kit } = acme();
    const got = await kit.fetch("https://api.acme.test/v1/users/u%2F1", { headers: auth });
    expect(await got.json()).toEqual({ id: "u/1", auth: { key: "k" } });
    expect(got.headers.get("x-acme")).toBe("1");
    const put = await kit.fetch("https://eu.acme.test/v1/users/7/tags/vip", { method: "PUT", headers: { ...auth, "content-type": "application/json" }, body: '{"on":true}' });
    expect(await put.json()).toEqual({ id: "7", tag: "vip", body: { on: true } });
    expect((await kit.fetch("https://api.acme.test/v1/keys")).status).toBe(200);
  });

  it("records every request, faulted and refused ones included, with query, headers and parsed body", async () => {
    const { kit } = acme();
    await kit.fetch("https://api.acme.test/v1/users?x=1&x=2", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"a":1}' });
    kit.controls.failNext({ kind: "unavailable" });
    await kit.fetch("https://api.acme.test/v1/users/1", { headers: auth });
    await kit.fetch("https://api.acme.test/v1/users/1");
    expect(kit.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ["POST", "/v1/users", { x: ["1", "2"] }, { a: 1 }],
      ["GET", "/v1/users/1", {}, undefined],
      ["GET", "/v1/users/1", {}, undefined],
    ]);
    expect(kit.requests[0]!.headers.authorization).toBe("Bearer k");
    expect(kit.controls.requestCount()).toBe(3);
  });

  it("answers faults before auth, in the vendor's shape, and a 429 with Retry-After", async () => {
    const { kit, problems, seen } = acme();
    kit.controls.failNext({ kind: "rate_limited", retryAfterSec: 7 }, 2);
    kit.controls.failNext({ kind: "auth_failed" });
    kit.controls.failNext({ kind: "malformed_body" });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await kit.fetch("https://api.acme.test/v1/users/1");
      statuses.push([res.status, res.headers.get("retry-after"), res.headers.get("content-type")]);
    }
    expect(statuses).toEqual([
      [429, "7", "application/json"],
      [429, "7", "application/json"],
      [401, null, "application/json"],
      [200, null, "text/html"],
    ]);
    expect(problems.map((p) => p.kind)).toEqual(["rate_limited", "rate_limited", "auth_failed"]);
    expect(problems[0]).toMatchObject({ retryAfterSec: 7, method: "GET", path: "/v1/users/1" });
    expect(seen).toEqual([]);
    expect((await kit.fetch("https://api.acme.test/v1/users/1", { headers: auth })).status).toBe(200);
  });

  it("answers an unknown path or method with the vendor's 404 before auth, and refuses bad credentials before reading the body", async () => {
    const { kit, problems, seen } = acme();
    expect((await kit.fetch("https://api.acme.test/v1/nope")).status).toBe(404);
    expect((await kit.fetch("https://api.acme.test/v1/users/1", { method: "DELETE" })).status).toBe(404);
    expect((await kit.fetch("https://api.acme.test/other/users/1")).status).toBe(404);
    expect(problems.map((p) => [p.kind, p.method, p.path])).toEqual([
      ["not_found", "GET", "/v1/nope"],
      ["not_found", "DELETE", "/v1/users/1"],
      ["not_found", "GET", "/other/users/1"],
    ]);
    expect(seen).toEqual([]);
    const refused = await kit.fetch("https://api.acme.test/v1/users", { method: "POST", body: "not json" });
    expect(refused.status).toBe(401);
    expect(problems).toHaveLength(3);
  });

  it("holds bodies strictly: JSON content type, valid JSON, an object, and present where required", async () => {
    const { kit, problems } = acme();
    const post = (body: string, type = "application/json") => kit.fetch("https://api.acme.test/v1/users", { method: "POST", headers: { ...auth, "content-type": type }, body });
    const refused = await post('{"a":1}', "text/plain");
    // A refused body is still an answer of a routed, authorised call: `finish` adds the vendor's headers to it.
    expect([refused.status, refused.headers.get("x-acme")]).toEqual([400, "1"]);
    expect((await post("{")).status).toBe(400);
    expect((await post("[1]")).status).toBe(400);
    expect((await kit.fetch("https://api.acme.test/v1/users/1/tags/x", { method: "PUT", headers: auth })).status).toBe(400);
    expect(problems.map((p) => p.message)).toEqual([
      "the request body must be JSON (Content-Type: application/json)",
      "the request body is not valid JSON",
      "the request body must be a JSON object",
      "a request body is required",
    ]);
    expect((await post("")).status).toBe(201);
  });

  it("refuses URLs it does not serve like a network error, and serves msw handlers for its origins", async () => {
    const { kit } = acme();
    await expect(kit.fetch("https://elsewhere.test/v1/users/1")).rejects.toThrow(/Acme fake does not serve/);
    const registered: string[] = [];
    const handlers = kit.handlers({ all: (path, resolver) => (registered.push(path), resolver) });
    expect(registered).toEqual(["https://api.acme.test/*", "https://eu.acme.test/*"]);
    const res = await handlers[0]!({ request: new Request("https://api.acme.test/v1/users/9", { headers: auth }) });
    expect(await res.json()).toMatchObject({ id: "9" });
  });

  it("delays answers by the latency set, freezes its clock, and reset forgets requests, faults, latency and the frozen clock", async () => {
    vi.useFakeTimers();
    try {
      const { kit } = acme({ clock: () => 1_000 });
      kit.controls.setLatency(250);
      let done = false;
      const pending = kit.fetch("https://api.acme.test/v1/users/1", { headers: auth }).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(200);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(60);
      await pending;
      expect(done).toBe(true);
      kit.controls.setClock(5_000);
      expect(kit.clock()).toBe(5_000);
      kit.controls.failNext({ kind: "unavailable" });
      kit.reset();
      expect(kit.clock()).toBe(1_000);
      expect(kit.requests).toEqual([]);
      const res = await kit.fetch("https://api.acme.test/v1/users/1", { headers: auth });
      expect(res.status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("documented operations the fake does not implement", () => {
  it("answer not_emulated after the credential check, naming the operation; the vendor's 404 stays for the rest", async () => {
    const { kit, problems } = acme();
    const devices = await kit.fetch("https://api.acme.test/v1/users/u1/devices", { headers: auth });
    expect(devices.status).toBe(501);
    expect(problems.at(-1)).toMatchObject({ kind: "not_emulated", operation: "GET /users/{id}/devices", message: expect.stringContaining("documented by Acme") });
    // The vendor checks credentials first: so does the kit, unless the operation is public.
    expect((await kit.fetch("https://api.acme.test/v1/users/u1/devices")).status).toBe(401);
    expect((await kit.fetch("https://api.acme.test/v1/keys/rotate")).status).toBe(501);
    // A wildcard: any method, any rest of the path.
    expect((await kit.fetch("https://api.acme.test/v1/v2/a/b", { method: "DELETE", headers: auth })).status).toBe(501);
    expect((await kit.fetch("https://api.acme.test/v1/nowhere", { headers: auth })).status).toBe(404);
  });

  it("the most specific route answers: a literal segment beats a parameter, an implemented route wins a tie", async () => {
    const { kit } = acme();
    // "GET /users/me" (documented, literal) beats the implemented "GET /users/:id".
    expect((await kit.fetch("https://api.acme.test/v1/users/me", { headers: auth })).status).toBe(501);
    // The documented "GET /users/:id" has the implemented route's shape: the implementation answers.
    expect(await (await kit.fetch("https://api.acme.test/v1/users/u7", { headers: auth })).json()).toMatchObject({ id: "u7" });
  });
});

describe("a route's documented parameters", () => {
  const invite = (kit: ReturnType<typeof acme>["kit"], body: unknown) =>
    kit.fetch("https://api.acme.test/v1/invites", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });

  it("are checked before the handler: missing, then undocumented or malformed in the order sent, then not emulated", async () => {
    const { kit, problems } = acme();
    const cases: [unknown, Partial<FakeProblem>][] = [
      [{ note: "hi" }, { kind: "bad_param", rule: "missing", param: "email" }],
      [{ email: null }, { kind: "bad_param", rule: "missing", param: "email" }],
      [{ email: "a@b.c", nickname: "x", notify: "yes" }, { kind: "bad_param", rule: "unknown", param: "nickname" }],
      [{ email: "a@b.c", notify: "yes", nickname: "x" }, { kind: "bad_param", rule: "invalid", param: "notify", must: "must be a boolean" }],
      [{ email: "not-an-address" }, { kind: "bad_param", rule: "invalid", param: "email", must: "must be an email address" }],
      // Not emulated only once the request is otherwise valid: the vendor would have refused it first.
      [{ email: "a@b.c", sso: true, notify: 1 }, { kind: "bad_param", rule: "invalid", param: "notify" }],
      [{ email: "a@b.c", notify: true }, { kind: "not_emulated", status: 501, param: "notify", anyValue: false }],
      [{ email: "a@b.c", sso: false }, { kind: "not_emulated", status: 501, param: "sso", anyValue: true }],
    ];
    for (const [body, problem] of cases) {
      const before = problems.length;
      const response = await invite(kit, body);
      expect(response.status, JSON.stringify(body)).toBe(problem.status ?? 400);
      expect(problems.slice(before), JSON.stringify(body)).toEqual([expect.objectContaining({ ...problem, method: "POST", path: "/v1/invites" })]);
    }
    expect((await invite(kit, { email: "a@b.c", nickname: "x" })).headers.get("x-acme")).toBe("1");
    // The value is never quoted in the message: it may be a secret.
    expect(problems.map((p) => p.message).join(" ")).not.toMatch(/not-an-address|yes/);
    expect(await (await invite(kit, { email: "a@b.c", notify: false, note: "hi" })).json()).toEqual({ invited: "a@b.c" });
  });

  it("declared for the query, hold query parameters the same way; a route that declares none takes any", async () => {
    const { kit, problems } = acme();
    expect(await (await kit.fetch("https://api.acme.test/v1/invites?limit=5", { headers: auth })).json()).toEqual({ limit: "5" });
    expect((await kit.fetch("https://api.acme.test/v1/invites?expand=user", { headers: auth })).status).toBe(400);
    expect(problems.at(-1)).toMatchObject({ kind: "bad_param", rule: "unknown", param: "expand" });
    expect((await kit.fetch("https://api.acme.test/v1/users/u1?expand=user", { headers: auth })).status).toBe(200);
    // A parameter named like an Object.prototype member is still undocumented.
    expect((await invite(kit, { email: "a@b.c", toString: "x" })).status).toBe(400);
  });
});

describe("failNext refuses a fault it would not simulate as written", () => {
  it("an unknown kind, a non-5xx unavailable status, a missing Retry-After or a bad count is a TypeError", () => {
    const mock = createMockProvider();
    const bad: Array<[unknown, number]> = [
      [{ status: 503 }, 1],
      [{ kind: "unavailble" }, 1],
      [{ kind: "unavailable", status: 429 }, 1],
      [{ kind: "rate_limited" }, 1],
      [{ kind: "auth_failed" }, 0],
      [null, 1],
    ];
    for (const [fault, times] of bad) expect(() => mock.controls.failNext(fault as Fault, times)).toThrow(TypeError);
    expect(() => mock.controls.failNext({ kind: "unavailable", status: 502 }, 2)).not.toThrow();
  });
});
