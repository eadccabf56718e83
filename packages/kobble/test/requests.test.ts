import type { AuthmuxError } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { kobble } from "../src/index.js";
import { setup } from "./helpers.js";

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: AuthmuxError) => e);

// What reaches Kobble for each operation, checked against vendors/kobble.md §3–§8.
describe("requests the adapter sends", () => {
  it("users.get: GET /users/findById with the secret header and includeMetadata", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "ada@example.com", name: "Ada", metadata: { plan: "pro" } });
    const user = await auth.users.get(id);
    expect(user).toMatchObject({ id, email: "ada@example.com", emailVerified: true, name: "Ada", metadata: { plan: "pro" }, provider: "kobble", updatedAt: null });
    const [req] = fake.requests;
    expect(req).toMatchObject({ method: "GET", path: "/users/findById", query: { userId: id, includeMetadata: "true" }, body: undefined });
    expect(req!.headers["kobble-sdk-secret"]).toBe(fake.options.secret);
    expect(req!.headers.accept).toBe("application/json");
    expect(req!.headers["content-type"]).toBeUndefined();
  });

  it("users.getByEmail and a 404 as null", async () => {
    const { fake, auth } = setup();
    expect(await auth.users.getByEmail("nobody@example.com")).toBeNull();
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: "/users/findByEmail", query: { email: "nobody@example.com", includeMetadata: "true" } });
  });

  it("users.list: page and limit, the next page from the cursor", async () => {
    const { fake, auth } = setup();
    for (let i = 0; i < 3; i++) await fake.controls.seedUser({ email: `u${i}@example.com` });
    const first = await auth.users.list({ limit: 2 });
    expect(first.nextCursor).toBe("2");
    const second = await auth.users.list({ limit: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect(fake.requests.map((r) => r.query)).toEqual([
      { page: "1", limit: "2", includeMetadata: "true" },
      { page: "2", limit: "2", includeMetadata: "true" },
    ]);
    expect((await fail(auth.users.list({ limit: 101 }))).code).toBe("invalid_input");
    expect((await fail(auth.users.list({ cursor: "abc" }))).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(2);
  });

  it("users.create: POST /users/create with Kobble's field names; a password is refused before any request", async () => {
    const { fake, auth } = setup();
    const user = await auth.users.create({ email: "grace@example.com", name: "Grace", phone: "+15551234567", metadata: { team: "navy" } });
    expect(user).toMatchObject({ email: "grace@example.com", phone: "+15551234567", name: "Grace", metadata: { team: "navy" } });
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/users/create", body: { email: "grace@example.com", name: "Grace", phoneNumber: "+15551234567", metadata: { team: "navy" } } });
    expect(fake.requests[0]!.headers["content-type"]).toBe("application/json");
    const error = await fail(auth.users.create({ email: "x@example.com", password: "hunter2hunter2" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).not.toContain("hunter2");
    expect(fake.requests).toHaveLength(1);
  });

  it("metadata: replace → updateMetadata; patch → patchMetadata; patch with null → read, merge, replace", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "m@example.com", metadata: { a: 1, b: 2 } });
    await auth.users.replaceMetadata(id, { c: 3 });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /users/updateMetadata", "GET /users/findById"]);
    expect(fake.requests[0]!.body).toEqual({ userId: id, metadata: { c: 3 } });
    fake.requests.length = 0;
    expect((await auth.users.patchMetadata(id, { d: 4 })).metadata).toEqual({ c: 3, d: 4 });
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/users/patchMetadata", body: { userId: id, metadata: { d: 4 } } });
    fake.requests.length = 0;
    expect((await auth.users.patchMetadata(id, { c: null, e: 5 })).metadata).toEqual({ d: 4, e: 5 });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /users/findById", "POST /users/updateMetadata"]);
    expect(fake.requests[1]!.body).toEqual({ userId: id, metadata: { d: 4, e: 5 } });
    expect((await auth.users.get(id))?.metadata).toEqual({ d: 4, e: 5 });
  });

  it("quotas: increment and decrement through incrementUsage (±N), set through setUsage", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "q@example.com" });
    expect(await auth.quotas.increment(id, "exports", 3)).toMatchObject({ name: "exports", used: 3, limit: 10, remaining: 7 });
    expect(await auth.quotas.decrement(id, "exports", 2)).toMatchObject({ used: 1 });
    expect(await auth.quotas.set(id, "exports", 10)).toMatchObject({ used: 10, remaining: 0 });
    const writes = fake.requests.filter((r) => r.method === "POST");
    expect(writes.map((r) => [r.path, r.body])).toEqual([
      ["/quotas/incrementUsage", { userId: id, quotaName: "exports", incrementBy: 3 }],
      ["/quotas/incrementUsage", { userId: id, quotaName: "exports", incrementBy: -2 }],
      ["/quotas/setUsage", { userId: id, quotaName: "exports", usage: 10 }],
    ]);
    expect((await auth.quotas.get(id, "exports"))?.resetsAt).toEqual(new Date(Date.UTC(new Date(fake.clock()).getUTCFullYear(), new Date(fake.clock()).getUTCMonth() + 1, 1)));
    expect((await fail(auth.quotas.increment(id, "nope"))).code).toBe("not_found");
  });

  it("consume: exact within one process, never past the limit across instances (the bound its API allows)", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "race@example.com" });
    // One instance: 100 concurrent attempts at a limit of 10 are queued per user and quota, so exactly 10 pass.
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => auth.quotas.consume(id, "exports")));
    const granted = outcomes.filter((o) => o.status === "fulfilled").length;
    expect(granted).toBe(10);
    expect(outcomes.filter((o) => o.status === "rejected").every((o) => (o as PromiseRejectedResult).reason.code === "quota_exceeded")).toBe(true);
    expect(await fake.controls.peekQuota(id, "exports")).toEqual({ used: granted });
    // Several instances (one adapter each, one Kobble): Kobble has no conditional increment, so each consume
    // reads, adds, reads back and gives back on overshoot. Never more than the limit is granted; contenders that
    // overshoot together all give back, so fewer may pass. This measures it.
    const { id: shared } = await fake.controls.seedUser({ email: "shared@example.com" });
    const instances = Array.from({ length: 20 }, () => setup().auth).map(() => kobble({ ...fake.adapterOptions, retry: { limit: 1 } }));
    const spread = await Promise.allSettled(instances.flatMap((a) => Array.from({ length: 5 }, () => a.quotas.consume(shared, "exports"))));
    const across = spread.filter((o) => o.status === "fulfilled").length;
    expect(across).toBeLessThanOrEqual(10);
    expect(spread.filter((o) => o.status === "rejected").every((o) => (o as PromiseRejectedResult).reason.code === "quota_exceeded")).toBe(true);
    expect(await fake.controls.peekQuota(shared, "exports")).toEqual({ used: across });
    console.info(`kobble consume across 20 instances × 5 attempts, limit 10: ${across} granted`);
  });

  it("an unlimited quota (limit null) has remaining null and counts as available", async () => {
    const { fake, auth } = setup({ quotas: [{ name: "seats", limit: null }] });
    const { id } = await fake.controls.seedUser({ email: "u@example.com" });
    expect(await auth.quotas.get(id, "seats")).toMatchObject({ limit: null, remaining: null });
    expect(await auth.quotas.hasRemaining(id, "seats")).toBe(true);
  });

  it("permissions and login links", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "p@example.com" });
    await fake.controls.seedPermissions(id, ["a", "b"]);
    expect(await auth.permissions.list(id)).toEqual(["a", "b"]);
    const link = await auth.loginLinks.create(id);
    expect(link.url).toMatch(/^https:\/\/portal\.kobble\.test\/auth\/magic-link\?token=/);
    expect(fake.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ["GET", "/users/listPermissions", { userId: id }, undefined],
      ["POST", "/users/mintLoginLink", {}, { userId: id }],
    ]);
    expect((await fail(auth.loginLinks.create(id, { expiresInSeconds: 60 }))).message).toContain("Kobble sets the lifetime");
  });

  it("vendor: active products, find by metadata, get by phone, raw request", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "v@example.com", phone: "+15550001111", metadata: { plan: "pro" } });
    await fake.controls.seedUser({ email: "w@example.com", metadata: { plan: "free" } });
    expect(await auth.vendor.activeProducts(id)).toEqual([{ id: "cproductfree0000000000001", name: "Free" }]);
    const sent = fake.requests.length;
    for (const bad of [" a", "a/b", "..", ""]) expect((await fail(auth.vendor.activeProducts(bad))).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(sent);
    const found = await auth.vendor.findByMetadata({ plan: "pro" }, { limit: 10 });
    expect(found.items.map((u) => u.id)).toEqual([id]);
    expect(fake.requests[1]).toMatchObject({ method: "POST", path: "/users/findByMetadata", body: { metadata: { plan: "pro" }, page: 1, limit: 10 } });
    expect((await auth.vendor.getByPhoneNumber("+15550001111"))?.id).toBe(id);
    expect(await auth.vendor.getByPhoneNumber("+15559999999")).toBeNull();
    const { data } = await auth.vendor.request("GET", "/ping");
    expect(data).toEqual({ ok: true });
    expect((await fail(auth.vendor.findByMetadata({ plan: 1 } as never))).code).toBe("invalid_input");
  });
});

describe("token verification", () => {
  it("reads the project id from /auth/whoami ONCE and the JWKS once, without the secret, for many verifications", async () => {
    const { fake, auth } = setup({}, false);
    const { id } = await fake.controls.seedUser({ email: "t@example.com" });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => fake.controls.issueToken(id)));
    await Promise.all(tokens.map((t) => auth.tokens.verify(t)));
    for (const t of tokens) await auth.tokens.verify(t);
    expect(fake.requests.map((r) => r.path)).toEqual(["/auth/whoami", `/discovery/p/${fake.options.projectId}/apps/keys`]);
    expect(fake.requests[1]!.headers["kobble-sdk-secret"]).toBeUndefined();
  });

  it("access and ID tokens: token_type says which; ID tokens carry the profile", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "id@example.com", name: "Ida" });
    const access = await auth.tokens.verify(await fake.controls.issueToken(id));
    expect(access).toMatchObject({ userId: id, sessionId: null, issuer: "https://kobble.io", audience: [fake.options.applicationId], provider: "kobble" });
    expect(access.claims).toMatchObject({ token_type: "access", project_id: fake.options.projectId });
    const idToken = await auth.tokens.verify(await fake.controls.issueToken(id, { tokenType: "id" }));
    expect(idToken.claims).toMatchObject({ token_type: "id", email: "id@example.com", name: "Ida", is_verified: true });
  });

  it("a token issued to another application is refused when applicationId is configured", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "a@example.com" });
    const other = await fake.controls.issueToken(id, { audience: "cotherapp0000000000000001" });
    expect((await fail(auth.tokens.verify(other))).message).toContain("audience");
  });

  it("refuses to verify without an audience unless the options waive it, before any request", async () => {
    const { fake } = setup();
    const { applicationId: _app, ...rest } = fake.adapterOptions;
    const { id } = await fake.controls.seedUser({ email: "aud@example.com" });
    const token = await fake.controls.issueToken(id);
    const error = await fail(kobble(rest).tokens.verify(token));
    expect(error).toMatchObject({ code: "invalid_input", message: expect.stringContaining("KOBBLE_CLIENT_ID") });
    expect(fake.requests).toHaveLength(0);
    expect((await kobble({ ...rest, acceptAnyAudience: true }).tokens.verify(token)).userId).toBe(id);
  });

  it("pins typ: a token that names another kind of token is refused", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "typ@example.com" });
    for (const typ of ["at+jwt", "secevent+jwt", "dpop+jwt"]) {
      expect((await fail(auth.tokens.verify(await fake.controls.issueToken(id, { header: { typ } })))).message).toContain("typ");
    }
    expect((await auth.tokens.verify(await fake.controls.issueToken(id, { header: { typ: "jwt" } }))).userId).toBe(id);
  });

  it("when whoami fails, the next verification tries again", async () => {
    const { fake, auth } = setup({}, false);
    const { id } = await fake.controls.seedUser({ email: "r@example.com" });
    const token = await fake.controls.issueToken(id);
    fake.controls.failNext({ kind: "unavailable", status: 503 }, 2);
    expect((await fail(auth.tokens.verify(token))).code).toBe("provider_unavailable");
    expect((await auth.tokens.verify(token)).userId).toBe(id);
  });
});

describe("webhooks", () => {
  it("maps subscription and ping events to unknown with raw kept", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "s@example.com" });
    const sub = await fake.controls.signWebhook({ type: "subscription.created", userId: id });
    expect(await auth.webhooks.verify(sub.body, sub.headers)).toMatchObject({ type: "unknown", vendorType: "subscription.created", data: { userId: id }, raw: JSON.parse(sub.body) });
    const ping = await fake.controls.signWebhook({ type: "ping", userId: id });
    expect(await auth.webhooks.verify(ping.body, ping.headers)).toMatchObject({ type: "unknown", vendorType: "ping", data: {} });
    const quota = await fake.controls.signWebhook({ type: "quota.updated", userId: id });
    expect((await auth.webhooks.verify(quota.body, quota.headers)).data.quota).toEqual({ name: "requests", used: 1000, limit: 1000, remaining: 0, resetsAt: null });
  });

  it("the dedupe hook refuses a delivery seen before; ids are stable per body", async () => {
    const { kobble } = await import("../src/index.js");
    const { fake } = setup();
    const seen = new Set<string>();
    const auth = kobble({
      secret: fake.options.secret,
      webhookSecret: fake.options.webhookSecret,
      fetch: fake.fetch,
      webhookDedupe: (eventId) => seen.has(eventId) || (seen.add(eventId), false),
    });
    const { id } = await fake.controls.seedUser({ email: "d@example.com" });
    const delivery = await fake.controls.signWebhook({ type: "user.created", userId: id });
    const event = await auth.webhooks.verify(delivery.body, delivery.headers);
    expect(event.id).toMatch(/^kobble_[0-9a-f]{32}$/);
    expect([...seen]).toEqual([event.id]);
    expect((await fail(auth.webhooks.verify(delivery.body, delivery.headers))).message).toContain("seen before");
  });
});

describe("the fake is strict", () => {
  it("a wrong secret is provider_auth_failed naming the variable, never the secret", async () => {
    const { kobble } = await import("../src/index.js");
    const { fake } = setup();
    const auth = kobble({ secret: "sk_wrong_secret_value_123", fetch: fake.fetch, projectId: fake.options.projectId });
    const error = await fail(auth.users.get("cabc"));
    expect(error).toMatchObject({ code: "provider_auth_failed", status: 401 });
    expect(error.message).toContain("KOBBLE_SDK_SECRET");
    expect(JSON.stringify(error) + String(error)).not.toContain("sk_wrong_secret_value_123");
    expect(error.cause).toEqual({ statusCode: 401, message: "Unauthorized", error: "Unauthorized" });
  });

  it("unknown paths and wrong methods are Nest's 404; non-JSON POST bodies are 400", async () => {
    const { fake, auth } = setup();
    expect((await fail(auth.vendor.request("GET", "/users/nope"))).code).toBe("not_found");
    expect((await fail(auth.vendor.request("POST", "/users/findById", { body: {} }))).cause).toEqual({ statusCode: 404, message: "Cannot POST /users/findById", error: "Not Found" });
    const response = await fake.fetch(`${fake.options.baseUrl}/users/create`, { method: "POST", headers: { "kobble-sdk-secret": fake.options.secret, "content-type": "text/plain" }, body: "email=x" });
    expect(response.status).toBe(400);
    const missing = await fake.fetch(`${fake.options.baseUrl}/users/findById`, { headers: { "kobble-sdk-secret": fake.options.secret } });
    expect(await missing.json()).toEqual({ statusCode: 400, message: ["userId must be a string"], error: "Bad Request" });
  });

  it("a duplicate email is a 409 conflict with Kobble's body as cause", async () => {
    const { fake, auth } = setup();
    await fake.controls.seedUser({ email: "dup@example.com" });
    const error = await fail(auth.users.create({ email: "dup@example.com" }));
    expect(error).toMatchObject({ code: "conflict", status: 409, cause: { statusCode: 409, error: "Conflict" } });
  });
});
