import { describe, expect, it } from "vitest";
import { connectycube } from "../src/index.js";
import { calls, fail, setup } from "./helpers.js";

const T = Date.UTC(2030, 0, 15, 12, 0, 0);

describe("requests the adapter sends", () => {
  it("users.get and getByEmail: the v2 search with the app session token; non-numeric ids ask nothing", async () => {
    const { fake, auth } = setup();
    fake.controls.setClock(T);
    const { id } = await fake.controls.seedUser({ email: "ada@example.com", name: "Ada Lovelace", phone: "+15551230000", metadata: { plan: "pro" } });
    expect(await auth.users.get(id)).toEqual({
      id,
      email: "ada@example.com",
      emailVerified: false,
      phone: "+15551230000",
      phoneVerified: false,
      name: "Ada Lovelace",
      metadata: { plan: "pro" },
      createdAt: new Date(T),
      updatedAt: new Date(T),
      provider: "connectycube",
      raw: expect.objectContaining({ id: Number(id), custom_data: '{"plan":"pro"}', user_tags: null }),
    });
    expect((await auth.users.getByEmail("ADA@example.com"))?.id).toBe(id);
    expect(await auth.users.get("user_abc")).toBeNull();
    expect(fake.requests.slice(1).map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ["GET", "/users/v2", { id }, undefined],
      ["GET", "/users/v2", { email: "ADA@example.com" }, undefined],
    ]);
    expect(fake.requests[1]!.headers["cb-token"]).toMatch(/^[0-9A-F]{36}$/);
  });

  it("users.create: signup with CB-AuthKey and no session; a random password when none is given", async () => {
    const { fake, auth } = setup();
    const user = await auth.users.create({ email: "k@example.com", name: "Katherine Johnson", phone: "+15551230001", metadata: { team: "nasa" }, password: "a long enough password" });
    await auth.users.create({ email: "p@example.com" });
    expect(calls(fake)).toEqual(["POST /users", "POST /users"]);
    expect(fake.requests[0]!.headers).toMatchObject({ "cb-authkey": fake.options.authKey, "content-type": "application/json" });
    expect(fake.requests[0]!.headers["cb-token"]).toBeUndefined();
    expect(fake.requests[0]!.body).toEqual({
      user: { email: "k@example.com", password: "a long enough password", full_name: "Katherine Johnson", phone: "+15551230001", custom_data: '{"team":"nasa"}' },
    });
    const generated = (fake.requests[1]!.body as { user: { password: string } }).user.password;
    expect(generated).toMatch(/^[A-Za-z0-9+/]{32}$/);
    expect(user).toMatchObject({ email: "k@example.com", name: "Katherine Johnson", metadata: { team: "nasa" } });
    const conflict = await fail(auth.users.create({ email: "K@example.com" }));
    expect(conflict).toMatchObject({ code: "conflict", status: 422, cause: { errors: { email: ["has already been taken"] } } });
  });

  it("users.delete: the Administration API with its key", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "del@example.com" });
    await auth.users.delete(id);
    expect(fake.requests.map((r) => [r.method, r.path, r.headers["cb-administration-api-key"], r.headers["cb-token"]])).toEqual([
      ["DELETE", `/admin/user/${id}`, fake.options.adminApiKey, undefined],
    ]);
    expect((await fail(auth.users.delete(id))).code).toBe("not_found");
    expect((await fail(auth.users.delete("usr_1"))).code).toBe("not_found");
    expect(fake.requests).toHaveLength(2);
    const wrongKey = connectycube({ appId: fake.options.appId, authKey: fake.options.authKey, adminApiKey: "wrong-admin-key", fetch: fake.fetch });
    const denied = await fail(wrongKey.users.delete(id));
    expect(denied).toMatchObject({ code: "provider_auth_failed", status: 401 });
    expect(denied.message).toContain("CONNECTYCUBE_ADMIN_API_KEY");
    expect(`${denied.message}${JSON.stringify(denied)}`).not.toContain("wrong-admin-key");
  });

  it("passwords.authenticate: POST /session with user, the token returned, a session id that hides it", async () => {
    const { fake, auth } = setup();
    fake.controls.setClock(T);
    const { id } = await fake.controls.seedUser({ email: "pw@example.com", login: "pw_user", password: "correct horse" });
    const byEmail = await auth.passwords.authenticate({ email: "pw@example.com", password: "correct horse" });
    const byLogin = await auth.passwords.authenticate({ login: "pw_user", password: "correct horse" });
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["POST", "/session", { application_id: 4711, auth_key: fake.options.authKey, user: { email: "pw@example.com", password: "correct horse" } }],
      ["POST", "/session", { application_id: 4711, auth_key: fake.options.authKey, user: { login: "pw_user", password: "correct horse" } }],
    ]);
    const token = byEmail.sessionToken!;
    expect(byEmail.user.id).toBe(id);
    expect(byEmail.session).toEqual({
      id: expect.stringMatching(/^cbs_[0-9a-f]{32}$/),
      userId: id,
      status: "active",
      createdAt: new Date(T),
      expiresAt: new Date(T + 2 * 3600_000),
      lastActiveAt: new Date(T),
      provider: "connectycube",
      raw: expect.objectContaining({ id: Number(id), user_id: Number(id), application_id: 4711, token: undefined }),
    });
    expect(byEmail.session!.id).not.toContain(token.toLowerCase().slice(0, 8));
    expect(byLogin.session!.id).not.toBe(byEmail.session!.id);
    expect((await auth.sessions.authenticate(token)).session.id).toBe(byEmail.session!.id);

    const wrong = await fail(auth.passwords.authenticate({ email: "pw@example.com", password: "wrong battery" }));
    const unknown = await fail(auth.passwords.authenticate({ email: "nobody@example.com", password: "wrong battery" }));
    expect([wrong.code, unknown.code, wrong.status]).toEqual(["invalid_credentials", "invalid_credentials", 401]);
    expect(wrong.message).toBe(unknown.message);
    expect(`${JSON.stringify(wrong)}${String(wrong)}`).not.toContain("wrong battery");
    expect((await fail(auth.passwords.authenticate({ login: "ab", password: "x" }))).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(5);
  });
});

describe("tokens and sessions: GET /session with the user's token", () => {
  it("verify: exact result, CB-Token is the user's token, and the expiry comes from CB-Token-ExpirationDate", async () => {
    const { fake, auth } = setup();
    fake.controls.setClock(T);
    const { id } = await fake.controls.seedUser({ email: "v@example.com" });
    const token = await fake.controls.issueToken(id);
    const verified = await auth.tokens.verify(token);
    expect(verified).toEqual({
      userId: id,
      sessionId: expect.stringMatching(/^cbs_[0-9a-f]{32}$/),
      issuer: "https://api.connectycube.com",
      audience: ["4711"],
      issuedAt: new Date(T),
      expiresAt: new Date(T + 2 * 3600_000),
      claims: { id: Number(id), application_id: 4711, user_id: Number(id), nonce: expect.any(Number), ts: T / 1000, created_at: new Date(T).toISOString(), updated_at: new Date(T).toISOString() },
      provider: "connectycube",
    });
    expect(fake.requests.map((r) => [r.method, r.path, r.headers["cb-token"], r.body])).toEqual([["GET", "/session", token, undefined]]);
  });

  it("a burst with one token costs one call; the cache lasts tokenCacheMs and never past the expiry", async () => {
    const { fake, auth } = setup({}, { tokenCacheMs: 5000 });
    fake.controls.setClock(T);
    const { id } = await fake.controls.seedUser({ email: "burst@example.com" });
    const token = await fake.controls.issueToken(id);
    const results = await Promise.all([...Array.from({ length: 25 }, () => auth.tokens.verify(token)), ...Array.from({ length: 25 }, () => auth.sessions.authenticate(token))]);
    expect(results).toHaveLength(50);
    expect(calls(fake)).toEqual(["GET /session"]);
    fake.controls.setClock(T + 4999);
    await auth.tokens.verify(token);
    expect(fake.requests).toHaveLength(1);
    fake.controls.setClock(T + 5000);
    await auth.tokens.verify(token);
    expect(fake.requests).toHaveLength(2);

    // A long cache still ends at the expiry ConnectyCube reported (here rewritten to ten seconds away).
    const short = setup();
    short.fake.controls.setClock(T);
    const other = await short.fake.controls.issueToken((await short.fake.controls.seedUser({ email: "short@example.com" })).id);
    const tenSeconds = async (url: string | URL | Request, init?: RequestInit) => {
      const res = await short.fake.fetch(url, init);
      const headers = new Headers(res.headers);
      headers.set("CB-Token-ExpirationDate", "2030-01-15 12:00:10 UTC");
      return new Response(await res.text(), { status: res.status, headers });
    };
    const long = connectycube({ appId: 4711, authKey: short.fake.options.authKey, fetch: tenSeconds, clock: short.fake.clock, tokenCacheMs: 3_600_000 });
    expect((await long.tokens.verify(other)).expiresAt).toEqual(new Date(T + 10_000));
    short.fake.controls.setClock(T + 9_999);
    await long.tokens.verify(other);
    expect(short.fake.requests).toHaveLength(1);
    short.fake.controls.setClock(T + 10_000);
    await long.tokens.verify(other);
    expect(short.fake.requests).toHaveLength(2);
    const none = setup({}, { tokenCacheMs: 0 });
    const fresh = await none.fake.controls.issueToken((await none.fake.controls.seedUser({ email: "none@example.com" })).id);
    await none.auth.tokens.verify(fresh);
    await none.auth.tokens.verify(fresh);
    expect(none.fake.requests).toHaveLength(2);
  });

  it("unknown, expired and destroyed tokens are token_invalid (verify) and session_invalid (authenticate); the token never shows", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "x@example.com" });
    for (const kind of ["expired", "foreign"] as const) {
      const token = await fake.controls.issueToken(id, { kind });
      const verify = await fail(auth.tokens.verify(token));
      expect(verify).toMatchObject({ code: "token_invalid", status: 401, cause: { errors: { base: ["Required session does not exist"] } } });
      expect((await fail(auth.sessions.authenticate(token))).code).toBe("session_invalid");
      expect(`${verify.message}${JSON.stringify(verify)}${String(verify)}`).not.toContain(token);
    }
    expect((await fail(auth.tokens.verify("has space"))).code).toBe("token_invalid");
    expect(calls(fake)).toEqual(Array(4).fill("GET /session"));
  });

  it("an application session token belongs to no user", async () => {
    const { fake, auth } = setup();
    const res = await fake.fetch(`${fake.options.baseUrl}/session.json`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ application_id: 4711, auth_key: fake.options.authKey }) });
    const { session } = (await res.json()) as { session: { token: string; user_id: null } };
    expect([res.status, session.user_id, res.headers.get("cb-token-expirationdate")]).toEqual([201, null, expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/)]);
    expect((await fail(auth.sessions.authenticate(session.token))).code).toBe("session_invalid");
    expect((await fail(auth.tokens.verify(session.token))).code).toBe("token_invalid");
  });

  it("revoke: DELETE /session with the token behind a session id, or with a token given directly; a token this instance revoked is session_invalid", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "r@example.com" });
    const token = await fake.controls.issueToken(id);
    const { session } = await auth.sessions.authenticate(token);
    await auth.sessions.revoke(session.id);
    expect(fake.requests.slice(1).map((r) => [r.method, r.path, r.headers["cb-token"], r.body])).toEqual([["DELETE", "/session", token, undefined]]);
    // The cached positive answer went with it.
    expect((await fail(auth.sessions.authenticate(token))).code).toBe("session_invalid");
    const direct = await fake.controls.issueToken(id);
    await auth.sessions.revoke(direct);
    expect(await fake.controls.peekSession(direct)).toEqual({ userId: id, active: false });
    // ConnectyCube answers a destroyed token as an unknown one; this instance knows it revoked it.
    expect(await fail(auth.tokens.verify(direct))).toMatchObject({ code: "session_invalid", status: 401, message: expect.stringContaining("revoked") });
    expect((await fail(auth.sessions.authenticate(direct))).code).toBe("session_invalid");
    // Another instance did not revoke it: the vendor's answer alone, token_invalid; an unknown token stays token_invalid here too.
    const other = connectycube({ ...fake.adapterOptions, retry: { limit: 1 } });
    expect((await fail(other.tokens.verify(direct))).code).toBe("token_invalid");
    expect((await fail(auth.tokens.verify(await fake.controls.issueToken(id, { kind: "foreign" })))).code).toBe("token_invalid");
    const before = fake.requests.length;
    expect((await fail(auth.sessions.revoke("cbs_00000000000000000000000000000000"))).code).toBe("not_found");
    expect(fake.requests).toHaveLength(before);
  });
});

describe("errors and the fake's strictness", () => {
  it("one mapper: arrays and field maps, 403 Need user, 429 with retryAfter, 5xx", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "m@example.com" });
    await auth.users.get(id);
    fake.controls.failNext({ kind: "rate_limited", retryAfterSec: 120 });
    expect(await fail(auth.users.get(id))).toMatchObject({ code: "rate_limited", retryAfter: 120, status: 429, cause: { errors: ["Too Many Requests"] } });
    fake.controls.failNext({ kind: "unavailable", status: 502 }, 2);
    expect(await fail(auth.users.get(id))).toMatchObject({ code: "provider_unavailable", status: 502 });
    const appToken = fake.requests[1]!.headers["cb-token"]!;
    const needUser = await fail(auth.vendor.asUser(appToken).request("DELETE", "/login"));
    expect(needUser).toMatchObject({ code: "permission_denied", status: 403, cause: { errors: ["Forbidden. Need user."] } });
    const missing = await fail(auth.vendor.asUser(appToken).request("GET", "/users/v2", { query: { created_at: "x" } }));
    expect(missing).toMatchObject({ code: "provider_error", status: 422, cause: { errors: { base: [expect.stringContaining("stand-alone")] } } });
  });

  it("the fake serves paths with and without .json, and refuses what ConnectyCube refuses", async () => {
    const { fake } = setup();
    const base = fake.options.baseUrl;
    const json = { "content-type": "application/json" };
    const create = await fake.fetch(`${base}/session.json`, { method: "POST", headers: json, body: JSON.stringify({ application_id: "4711", auth_key: fake.options.authKey }) });
    const token = ((await create.json()) as { session: { token: string } }).session.token;
    const withSuffix = await fake.fetch(`${base}/users/v2.json?email=a%40b.io`, { headers: { "CB-Token": token } });
    const without = await fake.fetch(`${base}/users/v2?email=a%40b.io`, { headers: { "CB-Token": token } });
    expect([withSuffix.status, without.status]).toEqual([200, 200]);
    expect(await without.json()).toEqual({ limit: 100, skip: 0, total_entries: 0, items: [] });
    const answers = await Promise.all([
      fake.fetch(`${base}/users/v2?email=a%40b.io`),
      fake.fetch(`${base}/users/v2?email=a%40b.io`, { headers: { "CB-Token": "0".repeat(36) } }),
      fake.fetch(`${base}/session`, { method: "POST", headers: json, body: JSON.stringify({ application_id: 4711, auth_key: "wrong" }) }),
      fake.fetch(`${base}/session`, { method: "POST", headers: { "content-type": "text/plain" }, body: "application_id=4711" }),
      fake.fetch(`${base}/session`, { method: "PATCH", headers: { "CB-Token": token } }),
      fake.fetch(`${base}/users`, { method: "POST", headers: { ...json, "CB-AuthKey": fake.options.authKey }, body: JSON.stringify({ user: { email: "n@example.com" } }) }),
      fake.fetch(`${base}/admin/user/1`, { method: "DELETE" }),
    ]);
    expect(await Promise.all(answers.map(async (r) => [r.status, await r.json()]))).toEqual([
      [401, { errors: ["Token is required"] }],
      [401, { errors: { base: ["Required session does not exist"] } }],
      [401, { errors: ["Unauthorized"] }],
      [415, { errors: ["Unsupported Media Type: send JSON"] }],
      [404, { errors: ["Not found"] }],
      [422, { errors: { password: ["can't be blank"] } }],
      [401, { errors: ["Unauthorized"] }],
    ]);
  });
});

describe("vendor", () => {
  it("search builds the v2 operators and refuses a query ConnectyCube would", async () => {
    const { fake, auth } = setup();
    const a = await fake.controls.seedUser({ email: "s1@example.com", name: "Johnny One" });
    const b = await fake.controls.seedUser({ email: "s2@example.com", name: "Johnny Two" });
    const found = await auth.vendor.search({ id: { in: [Number(a.id), Number(b.id)] }, updated_at: { gt: new Date(0) } }, { limit: 10, sortDesc: "id" });
    expect(found).toMatchObject({ total: 2, limit: 10, skip: 0 });
    expect(fake.requests[1]!.query).toEqual({ "id[in][]": [a.id, b.id], "updated_at[gt]": "1970-01-01T00:00:00.000Z", limit: "10", sort_desc: "id" });
    expect((await auth.vendor.search({ full_name: { start_with: "John" } })).items.map((u) => u.name)).toEqual(["Johnny One", "Johnny Two"]);
    const before = fake.requests.length;
    expect((await fail(auth.vendor.search({ updated_at: { gt: 1 } }))).code).toBe("invalid_input");
    expect((await fail(auth.vendor.search({ full_name: { start_with: "Jo" } }))).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(before);
  });

  it("guest sessions, login/logout on a token, password reset, and asUser for the user's own calls", async () => {
    const { fake, auth } = setup();
    const guest = await auth.vendor.guestSession({ fullName: "Zed Guest" });
    expect(guest.user).toMatchObject({ name: "Zed Guest", phone: null, raw: expect.objectContaining({ is_guest: true }) });
    expect(fake.requests[0]!.body).toEqual({ application_id: 4711, auth_key: fake.options.authKey, user: { guest: "1", full_name: "Zed Guest" } });

    const { id } = await fake.controls.seedUser({ email: "own@example.com", login: "own_user", password: "old password" });
    const appToken = ((await (await fake.fetch(`${fake.options.baseUrl}/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ application_id: 4711, auth_key: fake.options.authKey }) })).json()) as { session: { token: string } }).session.token;
    expect((await auth.vendor.login(appToken, { login: "own_user", password: "old password" })).id).toBe(id);
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", path: "/login", headers: { "cb-token": appToken }, body: { login: "own_user", password: "old password" } });

    const me = auth.vendor.asUser(appToken);
    expect(await me.update({ full_name: "Own User", password: "new password", old_password: "old password" })).toMatchObject({ id, name: "Own User" });
    expect(fake.requests.at(-1)).toMatchObject({ method: "PUT", path: `/users/${id}`, headers: { "cb-token": appToken }, body: { user: { full_name: "Own User", password: "new password", old_password: "old password" } } });
    expect((await auth.passwords.authenticate({ login: "own_user", password: "new password" })).user.id).toBe(id);

    await auth.vendor.resetPassword("own@example.com");
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", path: "/users/password/reset", body: { email: "own@example.com" } });
    expect(fake.controls.resetEmails()).toEqual(["own@example.com"]);

    await auth.vendor.logout(appToken);
    expect(fake.requests.at(-1)).toMatchObject({ method: "DELETE", path: "/login", headers: { "cb-token": appToken } });
    expect((await fail(auth.sessions.authenticate(appToken))).code).toBe("session_invalid");

    const second = await fake.controls.issueToken(id);
    await auth.vendor.asUser(second).delete();
    expect(fake.requests.at(-1)).toMatchObject({ method: "DELETE", path: `/users/${id}`, headers: { "cb-token": second } });
    expect(await auth.users.get(id)).toBeNull();
  });
});
