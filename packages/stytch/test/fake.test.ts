import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { createStytchFake } from "../src/testing/index.js";
import { call } from "./fake-call.js";

// What the fake does with each documented field and endpoint (issue 17 items 1, defects 3, 5 and 7), read back
// through its own state.

describe("users: every documented create and update field is kept (defect 3)", () => {
  it("POST /v1/users keeps untrusted_metadata, external_id, pending status; roles answer 501", async () => {
    const fake = createStytchFake();
    const body = { email: "ext@example.com", name: { first_name: "Ext" }, trusted_metadata: { plan: "pro" }, untrusted_metadata: { theme: "dark" }, external_id: "acme-42", create_user_as_pending: true, attributes: { ip_address: "203.0.113.9" } };
    const created = await call(fake, "POST", "/v1/users", body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: "pending", user: { status: "pending", untrusted_metadata: { theme: "dark" }, external_id: "acme-42" } });
    const id = String(created.body.user_id);
    expect(fake.controls.peekWireUser(id)).toMatchObject({ untrusted_metadata: { theme: "dark" }, trusted_metadata: { plan: "pro" }, external_id: "acme-42", status: "pending" });
    // Stytch takes the external id wherever a user id goes.
    expect((await call(fake, "GET", "/v1/users/acme-42")).body.user_id).toBe(id);
    expect(await call(fake, "POST", "/v1/users", { email: "other@example.com", external_id: "acme-42" })).toMatchObject({ status: 400, body: { error_type: "duplicate_external_id" } });
    expect(await call(fake, "POST", "/v1/users", { email: "bad@example.com", external_id: "no spaces" })).toMatchObject({ status: 400 });
    const roles = await call(fake, "POST", "/v1/users", { email: "r@example.com", roles: ["admin"] });
    expect(roles).toMatchObject({ status: 501, body: { error_type: "not_emulated" } });
    expect(String(roles.body.error_message)).toContain("roles");
    expect(fake.controls.peekWireUser({ email: "r@example.com" })).toBeNull();
  });

  it("PUT /v1/users/{id} merges untrusted_metadata and sets external_id", async () => {
    const fake = createStytchFake();
    const { id } = await fake.controls.seedUser({ email: "u@example.com" });
    await call(fake, "PUT", `/v1/users/${id}`, { untrusted_metadata: { a: 1, b: 2 } });
    const updated = await call(fake, "PUT", `/v1/users/${id}`, { untrusted_metadata: { a: null, c: 3 }, external_id: "crm-7" });
    expect(updated.status).toBe(200);
    expect(fake.controls.peekWireUser(id)).toMatchObject({ untrusted_metadata: { b: 2, c: 3 }, external_id: "crm-7" });
    expect((await call(fake, "PUT", `/v1/users/${id}`, { untrusted_metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) })).status).toBe(400);
    expect((await call(fake, "PUT", `/v1/users/${id}`, { email: "x@example.com" })).body).toMatchObject({ error_type: "bad_request", error_message: "Unknown field email." });
    expect(fake.controls.peekWireUser(id)).toMatchObject({ untrusted_metadata: { b: 2, c: 3 } });
  });
});

describe("every sign-in honours session_duration_minutes and session_custom_claims (defect 5)", () => {
  it("POST /v1/passwords/authenticate starts a session of N minutes with the claims, the password factor and a JWT", async () => {
    const fake = createStytchFake();
    fake.controls.setClock(Date.UTC(2026, 0, 1));
    const { id } = await fake.controls.seedUser({ email: "pw@example.com", password: "correct horse battery" });
    const answer = await call(fake, "POST", "/v1/passwords/authenticate", { email: "pw@example.com", password: "correct horse battery", session_duration_minutes: 90, session_custom_claims: { plan: "pro", sub: "ignored" } });
    expect(answer.status).toBe(200);
    const session = answer.body.session as Record<string, unknown>;
    expect(session).toMatchObject({ user_id: id, expires_at: new Date(Date.UTC(2026, 0, 1) + 90 * 60_000).toISOString(), custom_claims: { plan: "pro" } });
    expect(session.authentication_factors).toEqual([expect.objectContaining({ type: "password", delivery_method: "knowledge", email_factor: expect.objectContaining({ email_address: "pw@example.com" }) })]);
    expect(fake.controls.peekWireSession(String(session.session_id))).toMatchObject({ active: true, custom_claims: { plan: "pro" } });
    const claims = decodeJwt(String(answer.body.session_jwt));
    expect(claims).toMatchObject({ sub: id, plan: "pro" });
    expect(await fake.controls.peekSession(String(answer.body.session_token))).toEqual({ userId: id, active: true });
  });

  it("without a duration no session starts; a bad duration is refused; attaching to a session answers 501", async () => {
    const fake = createStytchFake();
    await fake.controls.seedUser({ email: "n@example.com", password: "correct horse battery" });
    const none = await call(fake, "POST", "/v1/passwords/authenticate", { email: "n@example.com", password: "correct horse battery" });
    expect(none.body).toMatchObject({ session: null, session_token: "", session_jwt: "" });
    expect((await call(fake, "POST", "/v1/passwords/authenticate", { email: "n@example.com", password: "correct horse battery", session_duration_minutes: 4 })).status).toBe(400);
    expect(await call(fake, "POST", "/v1/passwords/authenticate", { email: "n@example.com", password: "correct horse battery", session_token: "x" })).toMatchObject({ status: 501, body: { error_type: "not_emulated" } });
  });

  it("POST /v1/passwords and magic-link authenticate start sessions the same way; sessions/authenticate extends and merges claims", async () => {
    const fake = createStytchFake();
    const made = await call(fake, "POST", "/v1/passwords", { email: "new@example.com", password: "a long enough password", untrusted_metadata: { lang: "fr" }, session_duration_minutes: 30 });
    expect(made.body).toMatchObject({ session: { custom_claims: {} }, user: { untrusted_metadata: { lang: "fr" } } });
    const userId = String(made.body.user_id);
    const link = await call(fake, "POST", "/v1/magic_links", { user_id: userId });
    const viaLink = await call(fake, "POST", "/v1/magic_links/authenticate", { token: link.body.token, session_duration_minutes: 15, attributes: { user_agent: "test-agent" } });
    expect(viaLink.body.session).toMatchObject({ attributes: { user_agent: "test-agent" }, authentication_factors: [expect.objectContaining({ type: "magic_link", delivery_method: "embedded" })] });
    const token = String(viaLink.body.session_token);
    fake.controls.setClock(fake.clock() + 60_000);
    const extended = await call(fake, "POST", "/v1/sessions/authenticate", { session_token: token, session_duration_minutes: 120, session_custom_claims: { role: "editor" } });
    expect(extended.body.session).toMatchObject({ expires_at: new Date(fake.clock() + 120 * 60_000).toISOString(), custom_claims: { role: "editor" } });
    expect(decodeJwt(String(extended.body.session_jwt))).toMatchObject({ role: "editor" });
    expect((await call(fake, "POST", "/v1/sessions/authenticate", { session_token: token, authorization_check: { resource_id: "r", action: "a" } })).status).toBe(501);
    expect((await call(fake, "POST", "/v1/magic_links/authenticate", { token: "t", options: { ip_match_required: true } })).status).toBe(501);
  });
});

describe("POST /v1/users/search applies every documented filter (defect 7)", () => {
  async function seeded() {
    const fake = createStytchFake();
    fake.controls.setClock(Date.UTC(2026, 0, 1));
    const ada = (await call(fake, "POST", "/v1/users", { email: "ada@example.com", phone_number: "+15550000001", name: { first_name: "Ada", last_name: "Lovelace" } })).body.user_id;
    fake.controls.setClock(Date.UTC(2026, 0, 2));
    const bob = (await call(fake, "POST", "/v1/users", { email: "bob@example.org", create_user_as_pending: true })).body.user_id;
    fake.controls.setClock(Date.UTC(2026, 0, 3));
    const { id: cid } = await fake.controls.seedUser({ email: "cid@example.org", password: "correct horse battery" });
    return { fake, ada: String(ada), bob: String(bob), cid };
  }
  const search = async (fake: ReturnType<typeof createStytchFake>, operands: unknown[], operator = "AND") => {
    const answer = await call(fake, "POST", "/v1/users/search", { query: { operator, operands } });
    return { ...answer, ids: ((answer.body.results ?? []) as { user_id: string }[]).map((u) => u.user_id) };
  };

  it("status, phone_number, user_id, created_at range, fuzzy names, verified flags, password_exists", async () => {
    const { fake, ada, bob, cid } = await seeded();
    const cases: [unknown[], string[]][] = [
      [[{ filter_name: "status", filter_value: "pending" }], [bob]],
      [[{ filter_name: "status", filter_value: "active" }], [ada, cid]],
      [[{ filter_name: "phone_number", filter_value: ["+15550000001"] }], [ada]],
      [[{ filter_name: "user_id", filter_value: [bob, cid] }], [bob, cid]],
      [[{ filter_name: "created_at_greater_than", filter_value: "2026-01-01T12:00:00Z" }], [bob, cid]],
      [[{ filter_name: "created_at_less_than", filter_value: "2026-01-02T12:00:00Z" }], [ada, bob]],
      [[{ filter_name: "created_at_between", filter_value: { greater_than: "2026-01-01T12:00:00Z", less_than: "2026-01-02T12:00:00Z" } }], [bob]],
      [[{ filter_name: "full_name_fuzzy", filter_value: "lovel" }], [ada]],
      [[{ filter_name: "email_address_fuzzy", filter_value: "EXAMPLE.ORG" }], [bob, cid]],
      [[{ filter_name: "email_verified", filter_value: true }], [cid]],
      [[{ filter_name: "password_exists", filter_value: false }], [ada, bob]],
      [[{ filter_name: "email_address_fuzzy", filter_value: "example.org" }, { filter_name: "status", filter_value: "active" }], [cid]],
    ];
    for (const [operands, expected] of cases) expect((await search(fake, operands)).ids, JSON.stringify(operands)).toEqual(expected);
    expect((await search(fake, [{ filter_name: "status", filter_value: "pending" }, { filter_name: "user_id", filter_value: [ada] }], "OR")).ids).toEqual([ada, bob]);
    const total = await call(fake, "POST", "/v1/users/search", { limit: 1, query: { operator: "AND", operands: [{ filter_name: "status", filter_value: "active" }] } });
    expect(total.body.results_metadata).toMatchObject({ total: 2, next_cursor: expect.any(String) });
  });

  it("malformed queries answer 400, filters on factors the fake does not keep answer 501 naming the operand", async () => {
    const { fake } = await seeded();
    for (const operands of [[{ filter_name: "status", filter_value: ["active"] }], [{ filter_name: "created_at", filter_value: { greater_than: "2026-01-01T00:00:00Z" } }], [{ filter_name: "email_verified", filter_value: [true] }], ["status"]]) {
      expect((await search(fake, operands)).body, JSON.stringify(operands)).toMatchObject({ status_code: 400, error_type: "bad_request" });
    }
    expect((await call(fake, "POST", "/v1/users/search", { query: { operator: "NOT", operands: [] } })).status).toBe(400);
    const totp = await search(fake, [{ filter_name: "totp_verified", filter_value: true }]);
    expect(totp).toMatchObject({ status: 501, body: { error_type: "not_emulated" } });
    expect(String(totp.body.error_message)).toContain("totp_verified");
  });
});

describe("endpoints", () => {
  it("documented endpoints the fake does not implement answer 501; unknown paths keep Stytch's 404", async () => {
    const fake = createStytchFake();
    const otp = await call(fake, "POST", "/v1/otps/sms/send", { phone_number: "+15550000000" });
    expect(otp).toMatchObject({ status: 501, body: { status_code: 501, error_type: "not_emulated" } });
    expect(String(otp.body.error_message)).toContain("POST /v1/otps/sms/send");
    expect((await call(fake, "DELETE", "/v1/users/emails/email-test-1")).status).toBe(501);
    expect((await call(fake, "GET", "/v1/webauthn/credentials/user-1/example.com")).status).toBe(501);
    expect((await call(fake, "POST", "/v1/b2b/organizations", {})).status).toBe(501);
    expect(await call(fake, "GET", "/v1/nope")).toMatchObject({ status: 404, body: { error_type: "not_found" } });
  });

  it("exchange_primary_factor takes exactly one of email_address and phone_number", async () => {
    const fake = createStytchFake();
    const { id } = await fake.controls.seedUser({ email: "one@example.com" });
    expect((await call(fake, "PUT", `/v1/users/${id}/exchange_primary_factor`, { email_address: "two@example.com", phone_number: "+15550003333" })).status).toBe(400);
    expect(fake.controls.peekWireUser(id)).toMatchObject({ emails: [{ email: "one@example.com" }], phone_numbers: [] });
    expect((await call(fake, "PUT", `/v1/users/${id}/exchange_primary_factor`, { phone_number: "+15550003333" })).status).toBe(200);
    expect(fake.controls.peekWireUser(id)).toMatchObject({ emails: [], phone_numbers: [{ phone_number: "+15550003333", verified: false }] });
  });

  it("strength_check counts the email against the password", async () => {
    const fake = createStytchFake();
    const plain = await call(fake, "POST", "/v1/passwords/strength_check", { password: "margaret-hamilton-1969" });
    const withEmail = await call(fake, "POST", "/v1/passwords/strength_check", { password: "margaret-hamilton-1969", email: "margaret-hamilton@example.com" });
    expect([plain.body.valid_password, withEmail.body.valid_password]).toEqual([true, false]);
    expect(withEmail.body).toMatchObject({ score: 0, feedback: { warning: expect.stringContaining("email") } });
  });
});
