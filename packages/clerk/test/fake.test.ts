import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DOCUMENTED_OPERATIONS } from "../src/testing/documented.js";
import { callFake, setup } from "./helpers.js";

// The fake is never silently wrong: each documented parameter of a route it serves is applied as Clerk documents,
// or answered 501 naming it; documented routes it does not serve answer 501; unknown ones Clerk's 404.
type Parameter = { $ref?: string; name?: string; in?: string };
type Spec = { components: { parameters: Record<string, Parameter> }; paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, { type?: string; $ref?: string }> } }> } }>> };
const spec = parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), "../../../../shared/vendors/clerk-openapi/2026-05-12.yml"), "utf8")) as Spec;
const ids = (list: { id: string }[]) => list.map((u) => u.id);

async function threeUsers() {
  const { fake, auth } = setup();
  const made = [];
  for (const [i, who] of ["ada", "grace", "alan"].entries()) {
    fake.controls.setClock(1_700_000_000_000 + i * 1000);
    const { body } = await callFake(fake, "POST", "/users", {
      body: { email_address: [`${who}@example.com`], phone_number: [`+1555000000${i}`], username: `${who}_${i}`, external_id: `ext-${who}`, first_name: who.toUpperCase(), skip_password_requirement: true },
    });
    made.push(body as { id: string });
  }
  return { fake, auth, ids: made.map((u) => u.id) as [string, string, string] };
}

describe("GET /users and /users/count apply Clerk's filters", () => {
  it("user_id, email_address, phone_number, external_id, username, query — and the count agrees", async () => {
    const { fake, ids: [ada, grace, alan] } = await threeUsers();
    const cases: [Record<string, string | string[]>, string[]][] = [
      [{ user_id: ada }, [ada]],
      [{ user_id: [ada, alan] }, [alan, ada]],
      [{ user_id: `-${ada}` }, [alan, grace]],
      [{ email_address: "GRACE@example.com" }, [grace]],
      [{ phone_number: "+15550000002" }, [alan]],
      [{ external_id: ["ext-ada", "ext-grace"] }, [grace, ada]],
      [{ username: "alan_2" }, [alan]],
      [{ query: "gra" }, [grace]],
      [{ email_address_query: "AL" }, [alan]],
      [{ name_query: "ada" }, [ada]],
      [{ username_query: "ace_" }, [grace]],
      [{ phone_number_query: "0001" }, [grace]],
      [{ created_at_after: "1700000000500" }, [alan, grace]],
      [{ created_at_before: "1700000000500" }, [ada]],
      [{ banned: "true" }, []],
      [{ web3_wallet: "0xabc" }, []],
      [{ organization_id: "org_1" }, []],
      [{ last_sign_in_at_after: "0" }, []],
    ];
    for (const [query, expected] of cases) {
      const list = await callFake(fake, "GET", "/users", { query });
      expect([query, ids(list.body)]).toEqual([query, expected]);
      const counted = await callFake(fake, "GET", "/users/count", { query });
      expect([query, counted.body]).toEqual([query, { object: "total_count", total_count: expected.length }]);
    }
  });

  it("order_by on every documented field incl. -updated_at, limit/offset, and starting_after over created_at", async () => {
    const { fake, ids: [ada, grace, alan] } = await threeUsers();
    fake.controls.setClock(1_800_000_000_000);
    await callFake(fake, "PATCH", `/users/${ada}`, { body: { first_name: "Ada" } });
    const order = async (order_by: string, extra: Record<string, string> = {}) => ids((await callFake(fake, "GET", "/users", { query: { order_by, ...extra } })).body);
    expect(await order("-updated_at")).toEqual([ada, alan, grace]);
    expect(await order("+updated_at")).toEqual([grace, alan, ada]);
    expect(await order("-created_at")).toEqual([alan, grace, ada]);
    expect(await order("username")).toEqual([ada, alan, grace]);
    expect(await order("-email_address")).toEqual([grace, alan, ada]);
    expect(await order("first_name", { limit: "1", offset: "1" })).toEqual([alan]);
    expect(await order("created_at", { limit: "1", starting_after: ada })).toEqual([grace]);
    const cursorWithName = await callFake(fake, "GET", "/users", { query: { order_by: "username", starting_after: ada } });
    expect(cursorWithName).toMatchObject({ status: 422, body: { errors: [{ meta: { param_name: "starting_after" } }] } });
    expect((await callFake(fake, "GET", "/users", { query: { order_by: "nickname" } })).status).toBe(422);
  });

  it("refuses more than 100 values a list, and provider without provider_user_id", async () => {
    const { fake } = setup();
    const many = Array.from({ length: 101 }, (_, i) => `user_${i}`);
    expect(await callFake(fake, "GET", "/users", { query: { user_id: many } })).toMatchObject({ status: 422, body: { errors: [{ meta: { param_name: "user_id" } }] } });
    expect((await callFake(fake, "GET", "/users/count", { query: { provider: "oauth_google" } })).status).toBe(422);
  });
});

describe("create and update keep what Clerk keeps", () => {
  it("POST /users keeps username, external_id, locale, identification status and the rest; duplicates are refused", async () => {
    const { fake } = setup();
    const body = {
      email_address: ["kept@example.com"], email_address_identification_status: ["reserved"], username: "kept_user", external_id: "legacy-1", locale: "fr-FR",
      unsafe_metadata: { theme: "dark" }, create_organizations_limit: 3, delete_self_enabled: false, legal_accepted_at: "2024-01-02T03:04:05.000Z", created_at: "2020-05-06T07:08:09.000Z",
      banned: true, skip_password_requirement: true, skip_legal_checks: true,
    };
    const { status, body: user } = await callFake(fake, "POST", "/users", { body });
    expect(status).toBe(200);
    expect(fake.controls.peekClerkUser(user.id)).toMatchObject({
      username: "kept_user", external_id: "legacy-1", locale: "fr-FR", unsafe_metadata: { theme: "dark" }, create_organizations_limit: 3, delete_self_enabled: false,
      legal_accepted_at: Date.parse("2024-01-02T03:04:05.000Z"), created_at: Date.parse("2020-05-06T07:08:09.000Z"), banned: true, deprovisioned: false,
      email_addresses: [{ email_address: "kept@example.com", reserved: true, verification: null }],
    });
    const again = (extra: object) => callFake(fake, "POST", "/users", { body: { email_address: ["other@example.com"], skip_password_requirement: true, ...extra } });
    expect((await again({ username: "kept_user" })).body.errors[0]).toMatchObject({ code: "form_identifier_exists", meta: { param_name: "username" } });
    expect((await again({ external_id: "legacy-1" })).body.errors[0]).toMatchObject({ code: "form_identifier_exists", meta: { param_name: "external_id" } });
    expect((await again({ password: "short" })).body.errors[0]).toMatchObject({ code: "form_password_length_too_short" });
    expect((await again({ password: "short", skip_password_checks: true })).status).toBe(200);
  });

  it("PATCH /users/{id} applies every documented field it can; a new password then signs in, by email and by username", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "first@example.com", password: "the old password" });
    const { body: added } = await callFake(fake, "POST", "/users", { body: { email_address: ["x@example.com"], skip_password_requirement: true } });
    void added;
    const token = await fake.controls.issueToken(id);
    const patch = {
      username: "patched_user", external_id: "ext-9", locale: "de-DE", first_name: "Pat", last_name: null, password: "a brand new password", sign_out_of_other_sessions: true,
      delete_self_enabled: false, create_organization_enabled: false, create_organizations_limit: 1, bypass_client_trust: true, legal_accepted_at: "2025-01-01T00:00:00Z",
      notify_primary_email_address_changed: false, skip_password_checks: false, skip_legal_checks: false,
    };
    const answered = await callFake(fake, "PATCH", `/users/${id}`, { body: patch });
    expect(answered.status).toBe(200);
    expect(fake.controls.peekClerkUser(id)).toMatchObject({
      username: "patched_user", external_id: "ext-9", locale: "de-DE", first_name: "Pat", last_name: null, password_enabled: true, delete_self_enabled: false,
      create_organization_enabled: false, create_organizations_limit: 1, bypass_client_trust: true, legal_accepted_at: Date.parse("2025-01-01T00:00:00Z"),
    });
    // sign_out_of_other_sessions: the session the token names is over.
    expect(await fake.controls.peekSession(token)).toEqual({ userId: id, active: false });
    expect((await callFake(fake, "POST", `/users/${id}/verify_password`, { body: { password: "a brand new password" } })).body).toEqual({ verified: true });
    expect((await callFake(fake, "POST", `/users/${id}/verify_password`, { body: { password: "the old password" } })).status).toBe(422);
    expect((await auth.passwords.authenticate({ login: "patched_user", password: "a brand new password" })).user.id).toBe(id);
    await expect(auth.passwords.authenticate({ login: "patched_user", password: "the old password" })).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("PATCH primary_email_address_id picks another of the user's addresses; an id not theirs is refused", async () => {
    const { fake } = setup();
    const { body: user } = await callFake(fake, "POST", "/users", { body: { email_address: ["one@example.com", "two@example.com"], skip_password_requirement: true } });
    const second = user.email_addresses[1].id as string;
    expect((await callFake(fake, "PATCH", `/users/${user.id}`, { body: { primary_email_address_id: second } })).body.primary_email_address_id).toBe(second);
    expect(await fake.controls.peekUser(user.id)).toMatchObject({ email: "two@example.com" });
    expect((await callFake(fake, "PATCH", `/users/${user.id}`, { body: { primary_email_address_id: "idn_nope" } })).status).toBe(422);
  });

  it("answers 501 naming documented fields it does not emulate, and 422 form_param_unknown only for undocumented ones", async () => {
    const { fake } = setup();
    const { id } = await fake.controls.seedUser({ email: "n@example.com" });
    for (const [field, value] of [["notify_primary_email_address_changed", true], ["profile_image_id", "img_1"], ["backup_codes", ["x"]], ["primary_web3_wallet_id", "idn_w"]] as const) {
      const answer = await callFake(fake, "PATCH", `/users/${id}`, { body: { [field]: value } });
      expect([field, answer.status, answer.body.errors[0].code, answer.body.errors[0].meta]).toEqual([field, 501, "not_emulated", { param_name: field }]);
    }
    expect((await callFake(fake, "POST", "/users", { body: { email_address: ["w@example.com"], web3_wallet: ["0xabc"], skip_password_requirement: true } })).status).toBe(501);
    expect((await callFake(fake, "POST", "/sign_in_tokens", { body: { user_id: id, org_id: "org_1" } })).status).toBe(501);
    expect((await callFake(fake, "PATCH", `/users/${id}`, { body: { public_metadata: {} } })).body.errors[0].code).toBe("form_param_unknown");
  });

  it("no documented body field or query parameter of a served route is refused as unknown", async () => {
    const { fake } = setup();
    const { id } = await fake.controls.seedUser({ email: "all@example.com" });
    const sessionId = (await callFake(fake, "POST", "/sessions", { body: { user_id: id } })).body.id as string;
    const sample = (type?: string) => (type === "boolean" ? false : type === "integer" ? 1 : type === "array" ? ["x"] : type === "object" ? {} : "x");
    const served: [string, string][] = [
      ["post", "/users"], ["patch", "/users/{user_id}"], ["patch", "/users/{user_id}/metadata"], ["put", "/users/{user_id}/metadata"], ["put", "/users/{user_id}/email_address"],
      ["put", "/users/{user_id}/phone_number"], ["post", "/users/{user_id}/verify_password"], ["post", "/sign_in_tokens"], ["post", "/sessions"], ["post", "/sessions/{session_id}/tokens"], ["get", "/users"], ["get", "/users/count"], ["get", "/sessions"], ["get", "/organizations"],
    ];
    const refused: string[] = [];
    for (const [method, path] of served) {
      const op = spec.paths[path]![method]!;
      const url = path.replace("{user_id}", id).replace("{session_id}", sessionId);
      const fields = Object.entries(op.requestBody?.content["application/json"]?.schema.properties ?? {});
      for (const [name, schema] of fields) {
        const { body } = await callFake(fake, method.toUpperCase(), url, { body: { [name]: sample(schema.type) } });
        if (body.errors?.[0]?.code === "form_param_unknown") refused.push(`${method} ${path} ${name}`);
      }
      for (const param of (op.parameters ?? []).map((p) => (p.$ref ? spec.components.parameters[p.$ref.split("/").pop()!]! : p)).filter((p) => p.in === "query")) {
        const name = param.name!;
        const { body } = await callFake(fake, "GET", url, { query: { [name]: "1", user_id: id } });
        if (body.errors?.[0]?.code === "form_param_unknown") refused.push(`${method} ${path} ${name}`);
      }
    }
    expect(refused).toEqual([]);
  });
});

describe("GET /sessions", () => {
  it("applies status and lists newest first", async () => {
    const { fake } = setup();
    const { id } = await fake.controls.seedUser({ email: "s@example.com" });
    const sids: string[] = [];
    for (let i = 0; i < 3; i++) {
      fake.controls.setClock(1_700_000_000_000 + i * 60_000);
      await fake.controls.issueToken(id);
      sids.push((await callFake(fake, "GET", "/sessions", { query: { user_id: id, limit: "1" } })).body[0].id);
    }
    await callFake(fake, "POST", `/sessions/${sids[1]}/revoke`);
    expect(ids((await callFake(fake, "GET", "/sessions", { query: { user_id: id } })).body)).toEqual([sids[2], sids[1], sids[0]]);
    expect(ids((await callFake(fake, "GET", "/sessions", { query: { user_id: id, status: "active" } })).body)).toEqual([sids[2], sids[0]]);
    expect((await callFake(fake, "GET", "/sessions", { query: { user_id: id, status: "revoked", paginated: "true" } })).body).toMatchObject({ total_count: 1, data: [{ id: sids[1] }] });
    expect((await callFake(fake, "GET", "/sessions", { query: { user_id: id, status: "gone" } })).status).toBe(422);
  });
});

describe("sessions made and tokens minted from the backend", () => {
  it("POST /sessions starts an active session; POST /sessions/{id}/tokens mints a JWT for it with the lifetime asked", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "made@example.com" });
    const { body: session } = await callFake(fake, "POST", "/sessions", { body: { user_id: id } });
    expect(session).toMatchObject({ object: "session", user_id: id, status: "active" });
    const { body: token } = await callFake(fake, "POST", `/sessions/${session.id}/tokens`, { body: { expires_in_seconds: 600 } });
    expect(token.object).toBe("token");
    const verified = await auth.tokens.verify(token.jwt);
    expect(verified).toMatchObject({ userId: id, sessionId: session.id });
    expect(verified.expiresAt.getTime() - verified.issuedAt!.getTime()).toBe(600_000);
    expect(await fake.controls.peekSession(token.jwt)).toEqual({ userId: id, active: true });
    expect((await callFake(fake, "POST", `/sessions/${session.id}/tokens`, { body: { expires_in_seconds: 5 } })).status).toBe(422);
    expect((await callFake(fake, "POST", "/sessions", { body: { user_id: id, active_organization_id: "org_1" } })).status).toBe(501);
    expect((await callFake(fake, "POST", `/sessions/${session.id}/tokens/my-template`)).status).toBe(501);
    await callFake(fake, "POST", `/sessions/${session.id}/revoke`);
    expect((await callFake(fake, "POST", `/sessions/${session.id}/tokens`)).status).toBe(404);
    expect((await callFake(fake, "POST", "/sessions", { body: { user_id: "user_missing" } })).status).toBe(404);
  });
});

describe("routes", () => {
  it("documented operations the fake does not serve answer 501; unknown paths Clerk's 404; the list is the spec's", async () => {
    const { fake } = setup();
    const fromSpec = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => ["get", "post", "put", "patch", "delete"].includes(m)).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    expect([...DOCUMENTED_OPERATIONS].sort()).toEqual(fromSpec.sort());
    const invitations = await callFake(fake, "GET", "/invitations");
    expect(invitations).toMatchObject({ status: 501, body: { errors: [{ code: "not_emulated", long_message: expect.stringContaining("GET /invitations") }] } });
    expect((await callFake(fake, "POST", "/users/user_1/remove_password")).status).toBe(501);
    expect((await callFake(fake, "GET", "/no_such_thing")).status).toBe(404);
    // Routes that take no parameter refuse one, as Clerk does, rather than ignore it.
    for (const path of ["/sessions/sess_1", "/email_addresses/idn_1", "/jwks"]) {
      expect((await callFake(fake, "GET", path, { query: { expand: "user" } })).body.errors[0]).toMatchObject({ code: "form_param_unknown", meta: { param_name: "expand" } });
    }
    const noKey = await fake.fetch(`${fake.options.baseUrl}/invitations`, { headers: { "clerk-api-version": fake.options.apiVersion } });
    expect(noKey.status).toBe(401);
  });

  it("sign-in tokens can be revoked while pending, and a revoked one signs nobody in", async () => {
    const { fake } = setup();
    const { id } = await fake.controls.seedUser({ email: "t@example.com" });
    const { body: token } = await callFake(fake, "POST", "/sign_in_tokens", { body: { user_id: id } });
    expect((await callFake(fake, "POST", `/sign_in_tokens/${token.id}/revoke`)).body).toMatchObject({ object: "sign_in_token", status: "revoked" });
    await expect(fake.controls.redeemLoginLink(token.url)).rejects.toThrow(/revoked/);
    expect((await callFake(fake, "POST", `/sign_in_tokens/${token.id}/revoke`)).status).toBe(400);
  });
});

describe("snapshot and restore", () => {
  it("a restored fake holds the same users, passwords, sessions and tickets, and goes on minting fresh ids", async () => {
    const { fake } = setup();
    const { id } = await fake.controls.seedUser({ email: "snap@example.com", name: "Snap Shot", password: "snapshot password", metadata: { a: 1 } });
    const token = await fake.controls.issueToken(id);
    const { body: ticket } = await callFake(fake, "POST", "/sign_in_tokens", { body: { user_id: id } });
    const state = JSON.parse(JSON.stringify(fake.controls.snapshot()));
    const { fake: other, auth } = setup();
    other.controls.restore(state);
    expect(other.controls.snapshot()).toEqual(state);
    expect(await other.controls.peekUser(id)).toEqual(await fake.controls.peekUser(id));
    expect(await other.controls.peekSession(token)).toEqual({ userId: id, active: true });
    expect((await auth.passwords.authenticate({ email: "snap@example.com", password: "snapshot password" })).user.id).toBe(id);
    await expect(other.controls.redeemLoginLink(ticket.url)).resolves.toEqual({ userId: id });
    const { id: next } = await other.controls.seedUser({ email: "next@example.com" });
    expect(state.users.map((u: { id: string }) => u.id)).not.toContain(next);
    expect(() => other.controls.restore({ version: 99 })).toThrow(/snapshot/);
  });
});
