import { createStytchFake, type StytchFake } from "@authmux/stytch/testing";
import * as stytch from "stytch";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Served, serveFake } from "../../src/serve.js";

// Stytch's official Node SDK (stytch 14.2.0) against the Stytch fake on a loopback port: for every operation an
// adapter method uses (users, search, exchange_primary_factor, sessions, passwords, migrate, magic links, JWKS),
// the SDK must parse each answer, and the effect must be what Stytch documents, read back through the fake's
// controls.
//
// Routing: the SDK refuses an http:// `custom_base_url` ("custom_base_url must use HTTPS scheme"), but takes any URL
// as `env`, its documented environment option (envs.test / envs.live are just URLs). The loopback origin is passed
// as `env`; the SDK only warns that it is not one of Stytch's two, and that warning is silenced here.

let served: Served<StytchFake>;
let client: stytch.Client;
let fake: StytchFake;

beforeAll(async () => {
  served = await serveFake((origin) => createStytchFake({ baseUrl: origin }));
  fake = served.fake;
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  client = new stytch.Client({ project_id: fake.options.projectId, secret: fake.options.secret, env: `${served.origin}/` });
  expect(warn).toHaveBeenCalledWith(expect.stringContaining("custom 'env'"));
  warn.mockRestore();
});
afterAll(() => served.close());
beforeEach(() => fake.controls.reset());

/** What an SDK call threw (a call that succeeds fails the test). */
async function refusal(promise: Promise<unknown>): Promise<stytch.StytchError> {
  const error = await promise.then(
    () => {
      throw new Error("expected Stytch to refuse the call");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(stytch.StytchError);
  return error as stytch.StytchError;
}

describe("users", () => {
  it("create with every documented field, get by id and external id, update, exchange the primary factor, delete", async () => {
    const created = await client.users.create({
      email: "ada@example.com",
      name: { first_name: "Ada", last_name: "Lovelace" },
      trusted_metadata: { plan: "pro" },
      untrusted_metadata: { theme: "dark" },
      external_id: "crm-1",
      create_user_as_pending: true,
      attributes: { ip_address: "203.0.113.9", user_agent: "sdk-test" },
    });
    expect(created).toMatchObject({ status_code: 200, status: "pending", user: { emails: [{ email: "ada@example.com", verified: false }] } });
    expect(fake.controls.peekWireUser(created.user_id)).toMatchObject({ status: "pending", external_id: "crm-1", untrusted_metadata: { theme: "dark" }, trusted_metadata: { plan: "pro" } });

    const byExternal = await client.users.get({ user_id: "crm-1" });
    expect(byExternal).toMatchObject({ user_id: created.user_id, name: { first_name: "Ada", last_name: "Lovelace" }, is_locked: false, roles: ["stytch_user"] });

    const updated = await client.users.update({ user_id: created.user_id, trusted_metadata: { plan: null, seats: 3 }, untrusted_metadata: { lang: "en" }, name: { first_name: "Augusta", last_name: "King" }, external_id: "crm-2" });
    expect(updated.user).toMatchObject({ trusted_metadata: { seats: 3 }, untrusted_metadata: { theme: "dark", lang: "en" }, external_id: "crm-2" });
    expect(fake.controls.peekWireUser(created.user_id)).toMatchObject({ name: { first_name: "Augusta", last_name: "King" }, trusted_metadata: { seats: 3 } });

    const exchanged = await client.users.exchangePrimaryFactor({ user_id: created.user_id, email_address: "augusta@example.com" });
    expect(exchanged.user.emails).toEqual([expect.objectContaining({ email: "augusta@example.com", verified: false })]);
    expect(await fake.controls.peekUser(created.user_id)).toMatchObject({ email: "augusta@example.com" });

    expect(await client.users.delete({ user_id: created.user_id })).toMatchObject({ status_code: 200, user_id: created.user_id });
    expect(fake.controls.peekWireUser(created.user_id)).toBeNull();
    expect(await refusal(client.users.get({ user_id: created.user_id }))).toMatchObject({ status_code: 404, error_type: "user_not_found" });
  });

  it("refusals the SDK turns into StytchError: duplicate email, duplicate external id, roles not emulated", async () => {
    await client.users.create({ email: "dup@example.com", external_id: "same" });
    expect(await refusal(client.users.create({ email: "dup@example.com" }))).toMatchObject({ status_code: 400, error_type: "duplicate_email" });
    expect(await refusal(client.users.create({ email: "other@example.com", external_id: "same" }))).toMatchObject({ error_type: "duplicate_external_id" });
    const roles = await refusal(client.users.create({ email: "roles@example.com", roles: ["admin"] }));
    expect(roles).toMatchObject({ status_code: 501, error_type: "not_emulated" });
    expect(roles.error_message).toContain("roles");
  });

  it("search: limit, cursor and the documented filters", async () => {
    fake.controls.setClock(Date.UTC(2026, 0, 1));
    const ada = await client.users.create({ email: "ada@example.com", phone_number: "+15550000001", name: { first_name: "Ada" } });
    fake.controls.setClock(Date.UTC(2026, 0, 2));
    const bob = await client.users.create({ email: "bob@example.org", create_user_as_pending: true });
    fake.controls.setClock(Date.UTC(2026, 0, 3));
    const cid = await client.users.create({ email: "cid@example.org" });

    const first = await client.users.search({ limit: 2 });
    expect(first.results.map((u) => u.user_id)).toEqual([ada.user_id, bob.user_id]);
    expect(first.results_metadata).toMatchObject({ total: 3, next_cursor: expect.any(String) });
    const second = await client.users.search({ limit: 2, cursor: first.results_metadata.next_cursor! });
    expect(second.results.map((u) => u.user_id)).toEqual([cid.user_id]);
    expect(second.results_metadata.next_cursor).toBeNull();

    const ids = async (operands: stytch.SearchUsersQuery) => (await client.users.search({ query: operands })).results.map((u) => u.user_id);
    expect(await ids({ operator: "AND", operands: [{ filter_name: "email_address", filter_value: ["ADA@example.com"] }] })).toEqual([ada.user_id]);
    expect(await ids({ operator: "AND", operands: [{ filter_name: "status", filter_value: "pending" }] })).toEqual([bob.user_id]);
    expect(await ids({ operator: "AND", operands: [{ filter_name: "phone_number", filter_value: ["+15550000001"] }] })).toEqual([ada.user_id]);
    expect(await ids({ operator: "AND", operands: [{ filter_name: "user_id", filter_value: [cid.user_id, ada.user_id] }] })).toEqual([ada.user_id, cid.user_id]);
    expect(await ids({ operator: "AND", operands: [{ filter_name: "created_at_between", filter_value: { greater_than: "2026-01-01T12:00:00Z", less_than: "2026-01-03T12:00:00Z" } }] })).toEqual([bob.user_id, cid.user_id]);
    expect(await ids({ operator: "AND", operands: [{ filter_name: "email_address_fuzzy", filter_value: "example.org" }, { filter_name: "status", filter_value: "active" }] })).toEqual([cid.user_id]);
    expect(await refusal(client.users.search({ query: { operator: "AND", operands: [{ filter_name: "status", filter_value: ["active"] }] } }))).toMatchObject({ status_code: 400 });
    expect(await refusal(client.users.search({ query: { operator: "AND", operands: [{ filter_name: "totp_verified", filter_value: true }] } }))).toMatchObject({ status_code: 501, error_type: "not_emulated" });
  });
});

describe("passwords", () => {
  it("create and authenticate start sessions of the duration asked for, with custom claims; wrong passwords are refused", async () => {
    fake.controls.setClock(Date.UTC(2026, 0, 1));
    const created = await client.passwords.create({ email: "pw@example.com", password: "a long enough password", session_duration_minutes: 30, trusted_metadata: { plan: "pro" }, untrusted_metadata: { theme: "dark" }, name: { first_name: "Pat" } });
    expect(created.session).toMatchObject({ user_id: created.user_id, expires_at: new Date(Date.UTC(2026, 0, 1) + 30 * 60_000).toISOString() });
    expect(fake.controls.peekWireUser(created.user_id)).toMatchObject({ untrusted_metadata: { theme: "dark" }, trusted_metadata: { plan: "pro" }, password: { requires_reset: false } });

    const signedIn = await client.passwords.authenticate({ email: "pw@example.com", password: "a long enough password", session_duration_minutes: 120, session_custom_claims: { tier: "gold" } });
    expect(signedIn).toMatchObject({ user_id: created.user_id, session: { custom_claims: { tier: "gold" }, authentication_factors: [expect.objectContaining({ type: "password", delivery_method: "knowledge" })] } });
    expect(fake.controls.peekWireSession(signedIn.session!.session_id)).toMatchObject({ active: true, expires_at: new Date(Date.UTC(2026, 0, 1) + 120 * 60_000).toISOString() });
    // The SDK verifies the session JWT the fake signed, with the fake's JWKS, and reads the custom claim.
    const local = await client.sessions.authenticateJwtLocal({ session_jwt: signedIn.session_jwt, current_date: new Date(Date.UTC(2026, 0, 1)) });
    expect(local).toMatchObject({ session_id: signedIn.session!.session_id, user_id: created.user_id, custom_claims: { tier: "gold" } });

    const noSession = await client.passwords.authenticate({ email: "pw@example.com", password: "a long enough password" });
    expect(noSession).toMatchObject({ session_token: "", session_jwt: "" });
    expect(noSession.session ?? null).toBeNull();
    expect(await refusal(client.passwords.authenticate({ email: "pw@example.com", password: "not the password" }))).toMatchObject({ status_code: 401, error_type: "unauthorized_credentials" });
    expect(await refusal(client.passwords.authenticate({ email: "nobody@example.com", password: "not the password" }))).toMatchObject({ status_code: 404, error_type: "email_not_found" });
    expect(await refusal(client.passwords.create({ email: "pw@example.com", password: "a long enough password" }))).toMatchObject({ error_type: "duplicate_email" });
  });

  it("migrate: a bcrypt hash creates the user, who then signs in with the password", async () => {
    // bcrypt (cost 4, salt of sixteen 7s) of "legacy password 1", made with hash-wasm: a fixed vector, as an old
    // system's export would hold it.
    const hash = "$2a$04$/uaF/uaF/uaF/uaF/uaF/ufea1mW0eiYpxFze.LBlFHa8b7fcPyIS";
    const migrated = await client.passwords.migrate({ email: "legacy@example.com", hash, hash_type: "bcrypt", name: { first_name: "Leg" }, trusted_metadata: { from: "legacy" }, external_id: "legacy-7", set_email_verified: true });
    expect(migrated).toMatchObject({ user_created: true, user: { external_id: "legacy-7", emails: [{ email: "legacy@example.com", verified: true }] } });
    const signedIn = await client.passwords.authenticate({ email: "legacy@example.com", password: "legacy password 1", session_duration_minutes: 60 });
    expect(await fake.controls.peekSession(signedIn.session_token)).toEqual({ userId: migrated.user_id, active: true });
    expect(await refusal(client.passwords.authenticate({ email: "legacy@example.com", password: "legacy password 2" }))).toMatchObject({ status_code: 401 });
    const again = await client.passwords.migrate({ email: "legacy@example.com", hash, hash_type: "bcrypt" });
    expect(again).toMatchObject({ user_created: false, user_id: migrated.user_id });
    expect(await refusal(client.passwords.migrate({ email: "x@example.com", hash: "$P$B123456789012345678901234567890", hash_type: "phpass" }))).toMatchObject({ status_code: 501 });
  });

  it("migrate: a PBKDF2-SHA256 hash with pbkdf_2_config (what the adapter's passwords.set sends) attaches to an existing user", async () => {
    const { id } = await fake.controls.seedUser({ email: "set@example.com" });
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("a new password 42"), "PBKDF2", false, ["deriveBits"]);
    const hash = new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 10_000 }, key, 256));
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
    const migrated = await client.passwords.migrate({
      email: "set@example.com",
      hash: b64(hash),
      hash_type: "pbkdf_2",
      pbkdf_2_config: { salt: b64(salt), iteration_amount: 10_000, key_length: 32, algorithm: "sha256" },
    });
    expect(migrated).toMatchObject({ user_created: false, user_id: id, user: { password: { password_id: expect.any(String) } } });
    expect(fake.controls.peekWireUser(id)).toMatchObject({ password: { password_id: migrated.user.password!.password_id } });
    expect((await client.passwords.authenticate({ email: "set@example.com", password: "a new password 42" })).user_id).toBe(id);
    expect(await refusal(client.passwords.authenticate({ email: "set@example.com", password: "a new password 43" }))).toMatchObject({ status_code: 401 });
  });

  it("strength check", async () => {
    const strong = await client.passwords.strengthCheck({ password: "correct horse battery staple" });
    expect(strong).toMatchObject({ valid_password: true, strength_policy: "zxcvbn", breached_password: false });
    const withEmail = await client.passwords.strengthCheck({ password: "grace-hopper-1906-cobol", email: "grace-hopper@example.com" });
    expect(withEmail.valid_password).toBe(false);
  });
});

describe("sessions", () => {
  it("authenticate by token and by JWT, extend, list, revoke by id, token and JWT", async () => {
    fake.controls.setClock(Date.UTC(2026, 0, 1));
    const { id } = await fake.controls.seedUser({ email: "s@example.com" });
    const token = await fake.controls.issueSessionToken(id);
    const byToken = await client.sessions.authenticate({ session_token: token, session_duration_minutes: 240, session_custom_claims: { org: "acme" } });
    expect(byToken).toMatchObject({ user: { user_id: id }, session: { custom_claims: { org: "acme" } } });
    expect(fake.controls.peekWireSession(byToken.session.session_id)).toMatchObject({ custom_claims: { org: "acme" }, expires_at: new Date(fake.clock() + 240 * 60_000).toISOString() });
    const byJwt = await client.sessions.authenticate({ session_jwt: byToken.session_jwt });
    expect(byJwt.session.session_id).toBe(byToken.session.session_id);
    // Verified locally while fresh by the SDK's own clock, else through /v1/sessions/authenticate: the same session.
    const viaSdk = await client.sessions.authenticateJwt({ session_jwt: byToken.session_jwt });
    expect(viaSdk.session).toMatchObject({ session_id: byToken.session.session_id, user_id: id });

    const other = await fake.controls.issueSessionToken(id);
    const third = await client.sessions.authenticate({ session_token: await fake.controls.issueSessionToken(id) });
    expect((await client.sessions.get({ user_id: id })).sessions.map((s) => s.session_id)).toHaveLength(3);
    await client.sessions.revoke({ session_id: byToken.session.session_id });
    await client.sessions.revoke({ session_token: other });
    await client.sessions.revoke({ session_jwt: third.session_jwt });
    expect((await client.sessions.get({ user_id: id })).sessions).toEqual([]);
    expect(fake.controls.peekWireSession(byToken.session.session_id)).toMatchObject({ active: false });
    expect(await refusal(client.sessions.authenticate({ session_token: token }))).toMatchObject({ status_code: 404, error_type: "session_not_found" });
    expect(await refusal(client.sessions.authenticate({ session_token: "x", authorization_check: { resource_id: "r", action: "a" } }))).toMatchObject({ status_code: 501 });
  });

  it("the JWKS the SDK fetches verifies the fake's JWTs", async () => {
    const jwks = await client.sessions.getJWKS({ project_id: fake.options.projectId });
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", key_ops: ["verify"] });
    const { id } = await fake.controls.seedUser({ email: "j@example.com" });
    const jwt = await fake.controls.issueToken(id);
    expect((await client.sessions.authenticateJwtLocal({ session_jwt: jwt })).user_id).toBe(id);
  });
});

describe("magic links", () => {
  it("create an embeddable link and authenticate it once, starting a session", async () => {
    const { id } = await fake.controls.seedUser({ email: "ml@example.com" });
    const { token } = await client.magicLinks.create({ user_id: id, expiration_minutes: 15, attributes: { ip_address: "203.0.113.9" } });
    const signedIn = await client.magicLinks.authenticate({ token, session_duration_minutes: 60, attributes: { user_agent: "sdk" } });
    expect(signedIn).toMatchObject({ user_id: id, reset_sessions: false, session: { attributes: { user_agent: "sdk" }, authentication_factors: [expect.objectContaining({ type: "magic_link" })] } });
    expect(await fake.controls.peekSession(signedIn.session_token)).toEqual({ userId: id, active: true });
    expect(await refusal(client.magicLinks.authenticate({ token }))).toMatchObject({ status_code: 401, error_type: "unable_to_auth_magic_link" });
    expect(await refusal(client.magicLinks.create({ user_id: id, expiration_minutes: 2 }))).toMatchObject({ status_code: 400 });
  });
});

describe("what the fake does not emulate", () => {
  it("a documented endpoint it lacks answers the SDK with a 501 StytchError", async () => {
    const error = await refusal(client.otps.sms.send({ phone_number: "+15550000000" }));
    expect(error).toMatchObject({ status_code: 501, error_type: "not_emulated" });
  });
});
