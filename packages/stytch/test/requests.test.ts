import type { AuthmuxError } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { stytch } from "../src/index.js";
import { REDIRECT, setup } from "./helpers.js";

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: AuthmuxError) => e);
const calls = (fake: ReturnType<typeof setup>["fake"]) => fake.requests.map((r) => `${r.method} ${r.path}`);

describe("configuration", () => {
  it("chooses the live or test API from the project id, and sends Basic project_id:secret", async () => {
    const seen: string[] = [];
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      seen.push(`${String(url)} ${new Headers(init?.headers).get("authorization")}`);
      return new Response(JSON.stringify({ status_code: 404, request_id: "r", error_type: "user_not_found", error_message: "x" }), { status: 404 });
    };
    await stytch({ projectId: "project-live-abc", secret: "secret-live-xyz", fetch }).users.get("user-1");
    await stytch({ projectId: "project-test-abc", secret: "secret-test-xyz", fetch }).users.get("user-1");
    expect(seen).toEqual([
      `https://api.stytch.com/v1/users/user-1 Basic ${btoa("project-live-abc:secret-live-xyz")}`,
      `https://test.stytch.com/v1/users/user-1 Basic ${btoa("project-test-abc:secret-test-xyz")}`,
    ]);
    expect(() => stytch({ projectId: "proj_123", secret: "s" })).toThrow(/projectId.*project-test/);
  });
});

describe("requests the adapter sends", () => {
  it("users.get and getByEmail (a search with the email filter)", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "ada@example.com", name: "Ada Lovelace", metadata: { plan: "pro" } });
    expect(await auth.users.get(id)).toMatchObject({ id, email: "ada@example.com", name: "Ada Lovelace", metadata: { plan: "pro" }, updatedAt: null, provider: "stytch" });
    expect((await auth.users.getByEmail("ADA@example.com"))?.id).toBe(id);
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: `/v1/users/${id}`, body: undefined });
    expect(fake.requests[1]).toMatchObject({
      method: "POST",
      path: "/v1/users/search",
      body: { limit: 1, query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: ["ADA@example.com"] }] } },
    });
    expect(fake.requests[0]!.headers.authorization).toBe(`Basic ${btoa(`${fake.options.projectId}:${fake.options.secret}`)}`);
  });

  it("users.list pages with Stytch's cursor", async () => {
    const { fake, auth } = setup();
    for (let i = 0; i < 3; i++) await fake.controls.seedUser({ email: `u${i}@example.com` });
    const first = await auth.users.list({ limit: 2 });
    await auth.users.list({ limit: 2, cursor: first.nextCursor });
    expect(fake.requests.map((r) => r.body)).toEqual([{ limit: 2 }, { limit: 2, cursor: first.nextCursor }]);
    expect((await fail(auth.users.list({ limit: 1001 }))).code).toBe("invalid_input");
  });

  it("users.create: /v1/users, or /v1/passwords when a password is given", async () => {
    const { fake, auth } = setup();
    await auth.users.create({ email: "k@example.com", name: "Katherine G Johnson", phone: "+15551230000", metadata: { team: "nasa" } });
    await auth.users.create({ email: "p@example.com", password: "a long enough password" });
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/v1/users", { email: "k@example.com", name: { first_name: "Katherine", middle_name: "", last_name: "G Johnson" }, trusted_metadata: { team: "nasa" }, phone_number: "+15551230000" }],
      ["POST", "/v1/passwords", { email: "p@example.com", password: "a long enough password" }],
    ]);
    expect((await auth.users.getByEmail("k@example.com"))?.name).toBe("Katherine G Johnson");
  });

  it("users.update: name through PUT, email through exchange_primary_factor", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "old@example.com" });
    expect(await auth.users.update(id, { name: "New Name", email: "new@example.com" })).toMatchObject({ name: "New Name", email: "new@example.com", emailVerified: false });
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["PUT", `/v1/users/${id}`, { name: { first_name: "New", middle_name: "", last_name: "Name" } }],
      ["PUT", `/v1/users/${id}/exchange_primary_factor`, { email_address: "new@example.com" }],
    ]);
    expect((await fail(auth.users.update(id, { email: "a@example.com", phone: "+15550000000" }))).code).toBe("invalid_input");
  });

  it("users.delete sends DELETE with an empty JSON body, as Stytch's SDK does", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "d@example.com" });
    await auth.users.delete(id);
    expect(fake.requests[0]).toMatchObject({ method: "DELETE", path: `/v1/users/${id}`, body: {} });
  });

  it("metadata: patch passes Stytch's merge through; replace reads first and nulls the keys that are gone", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "m@example.com", metadata: { a: 1, b: 2 } });
    expect((await auth.users.patchMetadata(id, { a: null, c: 3 })).metadata).toEqual({ b: 2, c: 3 });
    expect((await auth.users.replaceMetadata(id, { d: 4 })).metadata).toEqual({ d: 4 });
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["PUT", `/v1/users/${id}`, { trusted_metadata: { a: null, c: 3 } }],
      ["GET", `/v1/users/${id}`, undefined],
      ["PUT", `/v1/users/${id}`, { trusted_metadata: { d: 4, b: null, c: null } }],
    ]);
  });

  it("metadata over Stytch's limits (20 keys, 4 KB) is invalid_input before any request", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "l@example.com" });
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));
    expect((await fail(auth.users.patchMetadata(id, many))).message).toContain("20 top-level keys");
    expect((await fail(auth.users.replaceMetadata(id, { big: "x".repeat(5000) }))).message).toContain("4096 bytes");
    expect((await fail(auth.users.create({ email: "z@example.com", metadata: many }))).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(0);
  });

  it("sessions: authenticate with a JWT or an opaque token, list, revoke", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "s@example.com" });
    const jwt = await fake.controls.issueToken(id);
    const opaque = await fake.controls.issueSessionToken(id);
    const viaJwt = await auth.sessions.authenticate(jwt);
    await auth.sessions.authenticate(opaque);
    expect((await auth.sessions.list(id)).map((s) => s.id).sort()).toHaveLength(2);
    await auth.sessions.revoke(viaJwt.session.id);
    expect(fake.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ["POST", "/v1/sessions/authenticate", {}, { session_jwt: jwt }],
      ["POST", "/v1/sessions/authenticate", {}, { session_token: opaque }],
      ["GET", "/v1/sessions", { user_id: id }, undefined],
      ["POST", "/v1/sessions/revoke", {}, { session_id: viaJwt.session.id }],
    ]);
    // The revoked session's JWT still verifies locally until its five-minute exp; only the API sees the revocation.
    expect((await auth.tokens.verify(jwt)).sessionId).toBe(viaJwt.session.id);
    expect((await fail(auth.sessions.authenticate(jwt))).code).toBe("session_invalid");
  });

  it("passwords.authenticate starts a session; wrong passwords and unknown emails are invalid_credentials alike", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "pw@example.com", password: "correct horse battery" });
    const result = await auth.passwords.authenticate({ email: "pw@example.com", password: "correct horse battery" });
    expect(result.user.id).toBe(id);
    expect(result.session).toMatchObject({ userId: id, status: "active" });
    expect((await auth.sessions.authenticate(result.sessionToken!)).user.id).toBe(id);
    expect(fake.requests[0]).toMatchObject({ path: "/v1/passwords/authenticate", body: { email: "pw@example.com", password: "correct horse battery", session_duration_minutes: 60 } });
    const wrong = await fail(auth.passwords.authenticate({ email: "pw@example.com", password: "wrong battery staple" }));
    const unknown = await fail(auth.passwords.authenticate({ email: "nobody@example.com", password: "wrong battery staple" }));
    expect([wrong.code, unknown.code]).toEqual(["invalid_credentials", "invalid_credentials"]);
    expect(wrong.message).toBe(unknown.message);
    expect(`${JSON.stringify(wrong)}${String(wrong)}`).not.toContain("wrong battery");
    expect((await fail(auth.passwords.authenticate({ login: "pw", password: "x" }))).code).toBe("invalid_input");
  });

  it("login links: an embeddable magic link on the redirect URL, with the expiry computed", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "link@example.com" });
    const link = await auth.loginLinks.create(id, { expiresInSeconds: 900 });
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1/magic_links", body: { user_id: id, expiration_minutes: 15 } });
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
    expect(url.searchParams.get("stytch_token_type")).toBe("magic_links");
    expect(link.expiresAt.getTime()).toBe(Math.floor(fake.clock() / 1000) * 1000 + 900_000);
    const token = url.searchParams.get("token")!;
    expect((await auth.vendor.magicLinks.authenticate({ token })).user.id).toBe(id);
    expect((await fail(auth.vendor.magicLinks.authenticate({ token }))).code).toBe("token_invalid");
    expect((await fail(auth.loginLinks.create(id, { expiresInSeconds: 90 }))).message).toContain("whole minutes");
  });
});

describe("tokens.verify", () => {
  it("verifies locally with the project's JWKS and never falls back to the API: 50 bad tokens, one JWKS request", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "t@example.com" });
    const good = await auth.tokens.verify(await fake.controls.issueToken(id));
    expect(good).toMatchObject({ userId: id, issuer: `stytch.com/${fake.options.projectId}`, audience: [fake.options.projectId] });
    expect(good.sessionId).toMatch(/^session-test-/);
    expect(good.expiresAt.getTime() - good.issuedAt!.getTime()).toBe(300_000);
    const bad = await Promise.all(Array.from({ length: 50 }, () => fake.controls.issueToken(id, { kind: "foreign" })));
    for (const t of bad) expect((await fail(auth.tokens.verify(t))).code).toBe("token_invalid");
    expect(calls(fake)).toEqual([`GET /v1/sessions/jwks/${fake.options.projectId}`]);
    expect(fake.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("accepts a custom issuer only when configured", async () => {
    const { fake } = setup();
    const { id } = await fake.controls.seedUser({ email: "iss@example.com" });
    const token = await fake.controls.issueToken(id);
    const pinned = stytch({ projectId: fake.options.projectId, secret: fake.options.secret, fetch: fake.fetch, clock: fake.clock, issuer: ["https://login.example.com"] });
    expect((await fail(pinned.tokens.verify(token))).message).toContain("unexpected issuer");
  });
});

describe("webhooks and errors", () => {
  it("maps Svix deliveries of user events, with Stytch's event id and name", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "w@example.com" });
    const delivery = await fake.controls.signWebhook({ type: "user.updated", userId: id });
    expect(Object.keys(delivery.headers)).toEqual(expect.arrayContaining(["svix-id", "svix-timestamp", "svix-signature"]));
    const event = await auth.webhooks.verify(delivery.body, delivery.headers);
    expect(event).toMatchObject({ type: "user.updated", vendorType: "direct.user.update", data: { userId: id, user: { email: "w@example.com" } } });
    expect(event.id).toMatch(/^webhook-event-test-/);
  });

  it("keeps Stytch's request id and body; a wrong secret names the variables, never the secret", async () => {
    const { fake, auth } = setup();
    await fake.controls.seedUser({ email: "dup@example.com" });
    const conflict = await fail(auth.users.create({ email: "dup@example.com" }));
    expect(conflict).toMatchObject({ code: "conflict", status: 400, cause: { error_type: "duplicate_email" } });
    expect(conflict.requestId).toMatch(/^request-id-test-/);
    const wrong = stytch({ projectId: fake.options.projectId, secret: "secret-test-WRONG-value", fetch: fake.fetch });
    const denied = await fail(wrong.users.get("user-x"));
    expect(denied.code).toBe("provider_auth_failed");
    expect(denied.message).toContain("STYTCH_SECRET");
    expect(`${denied.message}${JSON.stringify(denied)}`).not.toContain("secret-test-WRONG-value");
    expect(`${denied.message}${JSON.stringify(denied)}`).not.toContain(btoa(`${fake.options.projectId}:secret-test-WRONG-value`));
  });

  it("an error_type or webhook action that names an Object.prototype member is no Stytch code", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "proto@example.com" });
    const odd = stytch({ ...fake.adapterOptions, retry: { limit: 0 }, fetch: async () => Response.json({ status_code: 400, request_id: "r", error_type: "constructor", error_message: "x" }, { status: 400 }) });
    const refused = await fail(odd.users.get(id));
    expect([refused.name, refused.code]).toEqual(["AuthmuxError", "provider_error"]);
    const own = JSON.parse((await fake.controls.signWebhook({ type: "user.created", userId: id })).body) as Record<string, unknown>;
    for (const [body, type] of [[{ ...own, action: "constructor" }, "unknown"], [{ ...own, event_id: "" }, "user.created"]] as const) {
      const delivery = await fake.controls.signWebhook({ type: "user.created", userId: id, body: JSON.stringify(body) });
      const event = await auth.webhooks.verify(delivery.body, delivery.headers);
      // An empty event id falls back to Svix's message id: every event has an id to deduplicate on.
      expect([event.type, event.id.length > 0]).toEqual([type, true]);
    }
    const notAnObject = await fake.controls.signWebhook({ type: "user.created", userId: id, body: "null" });
    expect((await fail(auth.webhooks.verify(notAnObject.body, notAnObject.headers))).code).toBe("webhook_invalid");
  });

  it("the fake refuses unknown routes and non-JSON bodies the way Stytch does", async () => {
    const { fake, auth } = setup();
    expect((await fail(auth.vendor.request("GET", "/v1/nope"))).code).toBe("not_found");
    const res = await fake.fetch(`${fake.options.baseUrl}/v1/users`, { method: "POST", headers: { authorization: `Basic ${btoa(`${fake.options.projectId}:${fake.options.secret}`)}`, "content-type": "text/plain" }, body: "email=x" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status_code: 400, error_type: "bad_request" });
  });

  it("vendor: strength check and lookup by external id", async () => {
    const { fake, auth } = setup();
    expect(await auth.vendor.passwords.strengthCheck({ password: "correct horse battery staple" })).toMatchObject({ validPassword: true, score: 4 });
    expect(fake.requests[0]).toMatchObject({ path: "/v1/passwords/strength_check", body: { password: "correct horse battery staple" } });
    expect(await auth.vendor.getByExternalId("acme-42")).toBeNull();
    expect((await fail(auth.vendor.getByExternalId("bad id!"))).code).toBe("invalid_input");
  });
});
