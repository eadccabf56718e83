import type { AuthmuxError } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { clerk, issuerFromPublishableKey } from "../src/index.js";
import { setup } from "./helpers.js";

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: AuthmuxError) => e);

describe("configuration", () => {
  it("derives the issuer from the publishable key and requires one", () => {
    expect(issuerFromPublishableKey(`pk_test_${btoa("happy-cat-12.clerk.accounts.dev$").replace(/=+$/, "")}`)).toBe("https://happy-cat-12.clerk.accounts.dev");
    expect(() => clerk({ secretKey: "sk_test_abc" })).toThrow(/pinned issuer: set publishableKey \(CLERK_PUBLISHABLE_KEY\) or issuer/);
    expect(() => clerk({ secretKey: "sk_test_abc", publishableKey: "pk_test_bm9wZQ" })).toThrow(/does not decode to a Frontend API host/);
    expect(() => clerk({ secretKey: "nope", issuer: "https://x.example" })).toThrow(/secretKey.*sk_test_/);
  });
});

describe("requests the adapter sends", () => {
  it("every call carries the secret key and Clerk-API-Version", async () => {
    const { fake, auth } = setup();
    await auth.users.get("user_123");
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${fake.options.secretKey}`);
    expect(fake.requests[0]!.headers["clerk-api-version"]).toBe("2026-05-12");
  });

  it("users: get, email lookup through the list filter, offset paging oldest first", async () => {
    const { fake, auth } = setup();
    for (let i = 0; i < 3; i++) await fake.controls.seedUser({ email: `u${i}@example.com` });
    expect((await auth.users.getByEmail("u1@example.com"))?.email).toBe("u1@example.com");
    const first = await auth.users.list({ limit: 2 });
    const second = await auth.users.list({ limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((u) => u.email)).toEqual(["u0@example.com", "u1@example.com", "u2@example.com"]);
    expect(fake.requests.map((r) => r.query)).toEqual([
      { email_address: "u1@example.com", limit: "1" },
      { limit: "2", order_by: "+created_at" },
      { limit: "2", order_by: "+created_at", offset: "2" },
    ]);
    expect((await fail(auth.users.list({ limit: 501 }))).code).toBe("invalid_input");
  });

  it("users.create sends Clerk's snake_case body, with skip_password_requirement when there is no password", async () => {
    const { fake, auth } = setup();
    const user = await auth.users.create({ email: "ada@example.com", name: "Ada King Lovelace", phone: "+447700900123", metadata: { plan: "pro" } });
    expect(user).toMatchObject({ email: "ada@example.com", emailVerified: true, phone: "+447700900123", name: "Ada King Lovelace", metadata: { plan: "pro" } });
    expect(user.createdAt.getTime()).toBe((user.raw as { created_at: number }).created_at);
    await auth.users.create({ email: "pw@example.com", password: "a good long password" });
    expect(fake.requests.map((r) => r.body)).toEqual([
      { email_address: ["ada@example.com"], first_name: "Ada", last_name: "King Lovelace", phone_number: ["+447700900123"], public_metadata: { plan: "pro" }, skip_password_requirement: true },
      { email_address: ["pw@example.com"], password: "a good long password" },
    ]);
  });

  it("users.update: names through PATCH, the email through PUT /email_address, then the user read back", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "old@example.com" });
    expect(await auth.users.update(id, { name: "Grace Hopper", email: "new@example.com" })).toMatchObject({ name: "Grace Hopper", email: "new@example.com" });
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["PATCH", `/v1/users/${id}`, { first_name: "Grace", last_name: "Hopper" }],
      ["PUT", `/v1/users/${id}/email_address`, { email_address: "new@example.com" }],
      ["GET", `/v1/users/${id}`, undefined],
    ]);
  });

  it("metadata: flat patches use Clerk's PATCH; nested ones are merged here and replaced (Clerk would deep-merge)", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "m@example.com", metadata: { prefs: { theme: "dark", lang: "en" }, plan: "free" } });
    expect((await auth.users.patchMetadata(id, { plan: "pro", gone: null })).metadata).toEqual({ prefs: { theme: "dark", lang: "en" }, plan: "pro" });
    expect((await auth.users.patchMetadata(id, { prefs: { theme: "light" } })).metadata).toEqual({ prefs: { theme: "light" }, plan: "pro" });
    expect((await auth.users.replaceMetadata(id, { only: true })).metadata).toEqual({ only: true });
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["PATCH", `/v1/users/${id}/metadata`, { public_metadata: { plan: "pro", gone: null } }],
      ["GET", `/v1/users/${id}`, undefined],
      ["PUT", `/v1/users/${id}/metadata`, { public_metadata: { prefs: { theme: "light" }, plan: "pro" } }],
      ["PUT", `/v1/users/${id}/metadata`, { public_metadata: { only: true } }],
    ]);
  });

  it("metadataField: private maps metadata to private_metadata", async () => {
    const { fake, auth } = setup({}, { metadataField: "private" });
    const { id } = await fake.controls.seedUser({ email: "p@example.com", metadata: { visible: 1 }, privateMetadata: { stripe: "cus_1" } });
    expect((await auth.users.get(id))?.metadata).toEqual({ stripe: "cus_1" });
    await auth.users.patchMetadata(id, { tier: 2 });
    expect(fake.requests[1]!.body).toEqual({ private_metadata: { tier: 2 } });
  });

  it("sessions: list with paginated=true, revoke, and authenticate that asks Clerk", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "s@example.com" });
    const token = await fake.controls.issueToken(id);
    const { session, user } = await auth.sessions.authenticate(token);
    expect(user.id).toBe(id);
    await auth.sessions.list(id);
    await auth.sessions.revoke(session.id);
    const sent = fake.requests.map((r) => [r.method, r.path, r.query]);
    // The session and the user are read in parallel: either order.
    expect(sent.slice(1, 3)).toEqual(expect.arrayContaining([["GET", `/v1/sessions/${session.id}`, {}], ["GET", `/v1/users/${id}`, {}]]));
    expect([sent[0], ...sent.slice(3)]).toEqual([
      ["GET", "/v1/jwks", {}],
      ["GET", "/v1/sessions", { user_id: id, paginated: "true", limit: "500" }],
      ["POST", `/v1/sessions/${session.id}/revoke`, {}],
    ]);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${fake.options.secretKey}`);
    // Still valid locally (a 60 s JWT), but the session is revoked at Clerk.
    expect((await auth.tokens.verify(token)).sessionId).toBe(session.id);
    expect((await fail(auth.sessions.authenticate(token))).message).toContain("revoked");
  });

  it("login links are sign-in tokens; passwords look the user up, then verify_password", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "l@example.com", password: "right password here" });
    const link = await auth.loginLinks.create(id, { expiresInSeconds: 600 });
    expect(link.url).toMatch(/^https:\/\/happy-cat-12\.clerk\.accounts\.dev\/v1\/tickets\/accept\?ticket=/);
    // A ticket signs its user in once.
    await expect(fake.controls.redeemLoginLink(link.url)).resolves.toEqual({ userId: id });
    await expect(fake.controls.redeemLoginLink(link.url)).rejects.toThrow(/used already/);
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1/sign_in_tokens", body: { user_id: id, expires_in_seconds: 600 } });
    expect((await auth.passwords.authenticate({ email: "l@example.com", password: "right password here" })).user.id).toBe(id);
    expect(fake.requests.slice(1).map((r) => [r.method, r.path, r.body])).toEqual([
      ["GET", "/v1/users", undefined],
      ["POST", `/v1/users/${id}/verify_password`, { password: "right password here" }],
    ]);
    const wrong = await fail(auth.passwords.authenticate({ email: "l@example.com", password: "wrong password" }));
    expect(wrong.code).toBe("invalid_credentials");
    expect(JSON.stringify(wrong) + String(wrong)).not.toContain("wrong password");
  });
});

describe("tokens.verify", () => {
  it("networkless with jwtKey: no request at all, the PEM imported once", async () => {
    const { fake } = setup();
    const auth = clerk({ secretKey: fake.options.secretKey, publishableKey: fake.options.publishableKey, jwtKey: await fake.controls.jwtKey(), fetch: fake.fetch, clock: fake.clock });
    const { id } = await fake.controls.seedUser({ email: "k@example.com" });
    for (let i = 0; i < 5; i++) expect((await auth.tokens.verify(await fake.controls.issueToken(id))).userId).toBe(id);
    expect(fake.requests).toHaveLength(0);
  });

  it("keeps sid, organization claims; checks azp, refuses M2M and pending sessions and other issuers", async () => {
    const { fake, auth } = setup({}, { authorizedParties: ["http://localhost:3000"] });
    const { id } = await fake.controls.seedUser({ email: "o@example.com" });
    const verified = await auth.tokens.verify(await fake.controls.issueToken(id, { claims: { o: { id: "org_1", rol: "admin", slg: "acme" } } }));
    expect(verified.claims.o).toEqual({ id: "org_1", rol: "admin", slg: "acme" });
    expect(verified.sessionId).toMatch(/^sess_/);
    expect((await fail(auth.tokens.verify(await fake.controls.issueToken(id, { claims: { azp: "https://evil.example" } })))).message).toContain("azp");
    expect((await fail(auth.tokens.verify(await fake.controls.issueToken(id, { header: { cat: "cl_B7d4PD333AAA" } })))).message).toContain("machine token");
    expect((await fail(auth.tokens.verify(await fake.controls.issueToken(id, { claims: { sts: "pending" } })))).message).toContain("pending");
    const other = clerk({ secretKey: fake.options.secretKey, issuer: "https://other-instance.clerk.accounts.dev", fetch: fake.fetch, clock: fake.clock });
    expect((await fail(other.tokens.verify(await fake.controls.issueToken(id)))).message).toContain("unexpected issuer");
  });
});

describe("errors and webhooks", () => {
  it("maps Clerk's error codes and keeps the trace id; a bad key names CLERK_SECRET_KEY only", async () => {
    const { fake, auth } = setup();
    await fake.controls.seedUser({ email: "dup@example.com" });
    const conflict = await fail(auth.users.create({ email: "dup@example.com" }));
    expect(conflict).toMatchObject({ code: "conflict", status: 422 });
    expect(conflict.requestId).toMatch(/^trace_/);
    const bad = clerk({ secretKey: "sk_test_wrongKeyValue999", publishableKey: fake.options.publishableKey, fetch: fake.fetch });
    const denied = await fail(bad.users.get("user_1"));
    expect(denied.code).toBe("provider_auth_failed");
    expect(denied.message).toContain("CLERK_SECRET_KEY");
    expect(JSON.stringify(denied) + denied.message).not.toContain("sk_test_wrongKeyValue999");
  });

  it("a vendor value that names an Object.prototype member, or a time no Date holds, is not taken as Clerk's", async () => {
    const { fake } = setup();
    const { id } = await fake.controls.seedUser({ email: "proto@example.com" });
    // Answers as the fake gives them, with one value changed.
    const altered = (change: (json: Record<string, unknown>) => unknown, status?: number) => clerk({ ...fake.adapterOptions, retry: { limit: 0 }, fetch: async (input, init) => {
      const response = await fake.fetch(input, init);
      return Response.json(change(await response.json()), { status: status ?? response.status });
    } });
    const refused = await fail(altered(() => ({ errors: [{ code: "constructor", message: "x" }] }), 422).users.get(id));
    expect([refused.name, refused.code]).toEqual(["AuthmuxError", "provider_error"]);
    await fake.controls.issueToken(id);
    const statuses = await altered((json) => ({ ...json, data: (json.data as Record<string, unknown>[]).map((s) => ({ ...s, status: "constructor" })) })).sessions.list(id);
    expect(statuses.map((s) => s.status)).toEqual(["ended"]);
    // A body that is not what the API promises (DESIGN: provider_unavailable), not a user with an Invalid Date.
    const far = await fail(altered((json) => ({ ...json, created_at: 8.64e15 + 1 })).users.get(id));
    expect(far.code).toBe("provider_unavailable");
  });

  it("the fake refuses a missing API version header, as strict fakes must", async () => {
    const { fake } = setup();
    const res = await fake.fetch(`${fake.options.baseUrl}/users`, { headers: { authorization: `Bearer ${fake.options.secretKey}` } });
    expect(res.status).toBe(400);
  });

  it("session webhooks map to session.created / session.ended with the session and user", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "w@example.com" });
    const ended = await fake.controls.signWebhook({ type: "session.ended", userId: id });
    const event = await auth.webhooks.verify(ended.body, ended.headers);
    expect(event).toMatchObject({ type: "session.ended", vendorType: "session.ended", data: { userId: id, session: { userId: id, status: "ended" }, user: { id } } });
    expect(event.id).toMatch(/^msg_/);
  });

  it("vendor: count, ban (revokes sessions), organizations, email addresses and phone numbers", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "b@example.com", phone: "+15550001234" });
    expect(await auth.vendor.userCount()).toBe(1);
    const token = await fake.controls.issueToken(id);
    await auth.vendor.ban(id);
    expect((await auth.sessions.list(id)).map((s) => s.status)).toEqual(["revoked"]);
    expect(await fake.controls.peekSession(token)).toEqual({ userId: id, active: false });
    expect(await auth.vendor.listOrganizations()).toEqual({ data: [], totalCount: 0 });
    const user = (await auth.users.get(id))!.raw as { primary_email_address_id: string; primary_phone_number_id: string };
    expect(await auth.vendor.getEmailAddress(user.primary_email_address_id)).toMatchObject({ object: "email_address", email_address: "b@example.com" });
    expect(await auth.vendor.getPhoneNumber(user.primary_phone_number_id)).toMatchObject({ object: "phone_number", phone_number: "+15550001234" });
    expect((await fail(auth.vendor.getEmailAddress("idn_missing"))).code).toBe("not_found");
  });

  it("vendor methods refuse bad arguments before any request", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "v@example.com" });
    expect(await auth.vendor.userCount({ emailAddress: ["V@example.com"], query: "" })).toBe(1);
    const sent = fake.requests.length;
    const bad: Promise<unknown>[] = [
      auth.vendor.userCount(null as never),
      auth.vendor.userCount({ emailAddress: "v@example.com" as never }),
      auth.vendor.userCount({ emailAddress: ["nope"] }),
      auth.vendor.userCount({ query: 5 as never }),
      auth.vendor.listOrganizations({ offset: -1 }),
      auth.vendor.listOrganizations({ offset: 1.5 }),
      auth.vendor.listOrganizations({ query: {} as never }),
      auth.vendor.listOrganizations("x" as never),
      auth.users.update(id, {}),
    ];
    for (const call of bad) expect((await fail(call)).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(sent);
  });

  it("the fake refuses parameters Clerk does not document, and answers 501 for documented ones it does not emulate", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "p@example.com" });
    const unknown = await fail(auth.vendor.request("PATCH", `/users/${id}`, { body: { nickname: "x" } }));
    expect(unknown).toMatchObject({ status: 422, cause: { errors: [{ code: "form_param_unknown", meta: { param_name: "nickname" } }] } });
    const filter = await fail(auth.vendor.request("GET", "/users", { query: { nickname: "x" } }));
    expect(filter).toMatchObject({ status: 422, cause: { errors: [{ code: "form_param_unknown" }] } });
    const totp = await fail(auth.vendor.request("PATCH", `/users/${id}`, { body: { totp_secret: "JBSWY3DPEHPK3PXP" } }));
    expect(totp).toMatchObject({ status: 501, cause: { errors: [{ code: "not_emulated", meta: { param_name: "totp_secret" } }] } });
    expect(JSON.stringify(totp.cause)).not.toContain("JBSWY3DPEHPK3PXP");
  });
});
