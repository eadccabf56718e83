import { describe, expect, it } from "vitest";
import { createConnectyCubeFake } from "../src/testing/index.js";

type Fake = ReturnType<typeof createConnectyCubeFake>;

/** A raw call to the fake, answered status and JSON (null for an empty body). */
async function call(fake: Fake, method: string, path: string, headers: Record<string, string> = {}, body?: object) {
  const init = { method, headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : null };
  const response = await fake.fetch(`${fake.options.baseUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, json: (text === "" ? null : JSON.parse(text)) as Record<string, unknown> | null };
}

/** An application session token. */
async function appToken(fake: Fake): Promise<string> {
  const { json } = await call(fake, "POST", "/session.json", {}, { application_id: fake.options.appId, auth_key: fake.options.authKey });
  return (json!.session as { token: string }).token;
}

/** The stored user of an id, from the fake's own state. */
const stored = (fake: Fake, id: number) => (fake.controls.snapshot().users as { id: number }[]).find((u) => u.id === id) as Record<string, unknown> | undefined;

// What the fake does with each documented endpoint and field (vendors/connectycube.md §3–§5), and what it does not emulate.
describe("ConnectyCube fake fidelity", () => {
  it("GET /users/by_login (deprecated, still called by the SDK's users.get) finds the user; an unknown login is 404", async () => {
    const fake = createConnectyCubeFake();
    const { id } = await fake.controls.seedUser({ email: "lin@example.com", login: "lin_login", name: "Lin" });
    const token = await appToken(fake);
    const found = await call(fake, "GET", "/users/by_login.json?login=lin_login", { "CB-Token": token });
    expect(found.status).toBe(200);
    expect(found.json!.user).toMatchObject({ id: Number(id), login: "lin_login", email: "lin@example.com", full_name: "Lin" });
    expect(await call(fake, "GET", "/users/by_login?login=nobody", { "CB-Token": token })).toEqual({ status: 404, json: { errors: ["Not found"] } });
    expect((await call(fake, "GET", "/users/by_login?login=lin_login")).status).toBe(401);
  });

  it("by_email, by_facebook_id, by_twitter_id and external/{id} find users by the fields signup stored", async () => {
    const fake = createConnectyCubeFake();
    const signup = await call(fake, "POST", "/users.json", { "CB-AuthKey": fake.options.authKey }, {
      user: { email: "Fb@Example.com", password: "pw-123456", facebook_id: "fb-77", twitter_id: "tw-88", external_user_id: 9001, avatar: "https://cdn.example.com/a.png", blob_id: 12 },
    });
    expect(signup.status).toBe(201);
    const id = (signup.json!.user as { id: number }).id;
    expect(stored(fake, id)).toMatchObject({ facebook_id: "fb-77", twitter_id: "tw-88", external_user_id: 9001, avatar: "https://cdn.example.com/a.png", blob_id: 12 });
    const token = await appToken(fake);
    for (const path of ["/users/by_email?email=fb%40example.com", "/users/by_facebook_id?facebook_id=fb-77", "/users/by_twitter_id?twitter_id=tw-88", "/users/external/9001"]) {
      const answer = await call(fake, "GET", `${path}`, { "CB-Token": token });
      expect([path, answer.status, (answer.json!.user as { id: number }).id]).toEqual([path, 200, id]);
    }
    expect((await call(fake, "GET", "/users/external/9002", { "CB-Token": token })).status).toBe(404);
  });

  it("DELETE /users/external/{id} deletes the signed-in user it names, and no other", async () => {
    const fake = createConnectyCubeFake();
    const signup = async (login: string, external_user_id: number) =>
      ((await call(fake, "POST", "/users", { "CB-AuthKey": fake.options.authKey }, { user: { login, password: "pw-123456", external_user_id } })).json!.user as { id: number }).id;
    const own = await signup("ext_own", 501);
    const other = await signup("ext_other", 502);
    const session = await call(fake, "POST", "/session", {}, { application_id: fake.options.appId, auth_key: fake.options.authKey, user: { login: "ext_own", password: "pw-123456" } });
    const token = (session.json!.session as { token: string }).token;
    expect((await call(fake, "DELETE", "/users/external/502.json", { "CB-Token": token })).status).toBe(403);
    expect(await call(fake, "DELETE", "/users/external/501.json", { "CB-Token": token })).toEqual({ status: 200, json: null });
    expect([stored(fake, own), stored(fake, other)?.id]).toEqual([undefined, other]);
  });

  it("a session request or password change with values of the wrong type is refused in ConnectyCube's shape, never a crash", async () => {
    const fake = createConnectyCubeFake();
    // An object whose toString is not callable cannot be read as text: an application id or signature part of it is no match.
    const hostile = { toString: null };
    const open = (extra: object) => call(fake, "POST", "/session", {}, { application_id: fake.options.appId, auth_key: fake.options.authKey, ...extra });
    expect(await call(fake, "POST", "/session", {}, { application_id: hostile, auth_key: fake.options.authKey })).toEqual({ status: 401, json: expect.objectContaining({ errors: expect.anything() }) });
    const signed = { nonce: 7, timestamp: Math.floor(Date.now() / 1000), signature: "0".repeat(40) };
    expect(await open({ ...signed, user: { login: hostile, password: "pw-123456" } })).toEqual({ status: 422, json: { errors: ["Unexpected signature"] } });
    expect(await open({ ...signed, keys: [hostile] })).toEqual({ status: 422, json: { errors: ["Unexpected signature"] } });
    await call(fake, "POST", "/users", { "CB-AuthKey": fake.options.authKey }, { user: { login: "pw_user", password: "pw-123456" } });
    const session = await open({ user: { login: "pw_user", password: "pw-123456" } });
    const { token, user_id: id } = session.json!.session as { token: string; user_id: number };
    for (const password of [hostile, 12345678, ""]) {
      const answer = await call(fake, "PUT", `/users/${id}`, { "CB-Token": token }, { user: { old_password: "pw-123456", password } });
      expect([password, answer.status, answer.json]).toEqual([password, 422, { errors: { password: ["is invalid"] } }]);
    }
    expect(stored(fake, id)).toMatchObject({ password: "pw-123456" });
  });

  it("signup and update store every documented field (they were accepted and dropped before) and refuse bad types", async () => {
    const fake = createConnectyCubeFake();
    const { json } = await call(fake, "POST", "/users", { "CB-AuthKey": fake.options.authKey }, { user: { login: "upd_user", password: "pw-123456", website: "https://a.example", tag_list: "a, b" } });
    const id = (json!.user as { id: number }).id;
    expect(stored(fake, id)).toMatchObject({ website: "https://a.example", user_tags: "a,b" });
    const session = await call(fake, "POST", "/session", {}, { application_id: fake.options.appId, auth_key: fake.options.authKey, user: { login: "upd_user", password: "pw-123456" } });
    const token = (session.json!.session as { token: string }).token;
    const updated = await call(fake, "PUT", `/users/${id}.json`, { "CB-Token": token }, { user: { twitter_id: "tw-1", external_user_id: 42, blob_id: null, timezone: -120, tag_list: ["x"] } });
    expect(updated.status).toBe(200);
    expect(stored(fake, id)).toMatchObject({ twitter_id: "tw-1", external_user_id: 42, blob_id: null, timezone: -120, user_tags: "x" });
    expect(await call(fake, "PUT", `/users/${id}`, { "CB-Token": token }, { user: { timezone: "UTC" } })).toEqual({ status: 422, json: { errors: { timezone: ["is not a number"] } } });
    expect((await call(fake, "PUT", `/users/${id}`, { "CB-Token": token }, { user: { tag_list: ["1", "2", "3", "4", "5", "6"] } })).status).toBe(422);
    expect(stored(fake, id)).toMatchObject({ timezone: -120, user_tags: "x" });
  });

  it("a user field ConnectyCube does not document is answered 501 not emulated, and nothing is stored", async () => {
    const fake = createConnectyCubeFake();
    const answer = await call(fake, "POST", "/users", { "CB-AuthKey": fake.options.authKey }, { user: { login: "odd_user", password: "pw-123456", nickname: "odd" } });
    expect(answer).toEqual({ status: 501, json: { errors: ["user[nickname] is not emulated by the authmux ConnectyCube fake"] } });
    const withOld = await call(fake, "POST", "/users", { "CB-AuthKey": fake.options.authKey }, { user: { login: "odd_user", password: "pw-123456", old_password: "x" } });
    expect(withOld.status).toBe(501);
    expect(fake.controls.snapshot().users).toEqual([]);
  });

  it("provider sign-in (POST /session, POST /login) answers 501 instead of an application session", async () => {
    const fake = createConnectyCubeFake();
    const credentials = { application_id: fake.options.appId, auth_key: fake.options.authKey };
    const session = await call(fake, "POST", "/session", {}, { ...credentials, provider: "facebook", keys: { token: "fb-token" } });
    expect(session).toEqual({ status: 501, json: { errors: ["POST /session with provider is not emulated by the authmux ConnectyCube fake"] } });
    expect(fake.controls.sessionCount("app")).toBe(0);
    const login = await call(fake, "POST", "/login", { "CB-Token": await appToken(fake) }, { provider: "firebase_phone", firebase_phone: { project_id: "p", access_token: "t" } });
    expect(login.status).toBe(501);
  });

  it("users v2 applies sort_asc and sort_desc; an unknown sort field is refused", async () => {
    const fake = createConnectyCubeFake();
    for (const [login, name] of [["sort_b", "Bea"], ["sort_c", "Abe"], ["sort_a", "Cid"]] as const) await fake.controls.seedUser({ email: `${login}@example.com`, login, name });
    const token = await appToken(fake);
    const logins = async (query: string) => ((await call(fake, "GET", `/users/v2?login[in][]=sort_a&login[in][]=sort_b&login[in][]=sort_c&${query}`, { "CB-Token": token })).json!.items as { login: string }[]).map((u) => u.login);
    expect(await logins("sort_asc=login")).toEqual(["sort_a", "sort_b", "sort_c"]);
    expect(await logins("sort_desc=login")).toEqual(["sort_c", "sort_b", "sort_a"]);
    expect(await logins("sort_asc=full_name")).toEqual(["sort_c", "sort_b", "sort_a"]);
    expect((await call(fake, "GET", "/users/v2?login=sort_a&sort_asc=password", { "CB-Token": token })).status).toBe(422);
  });

  it("documented endpoints the fake does not emulate answer 501; unknown paths keep ConnectyCube's 404", async () => {
    const fake = createConnectyCubeFake();
    const token = await appToken(fake);
    for (const path of ["/users/by_full_name.json?full_name=Ada", "/users/by_tags?tags=a", "/users.json?page=1", "/users/online.json?count=true"]) {
      const answer = await call(fake, "GET", path, { "CB-Token": token });
      expect([path, answer.status, String((answer.json!.errors as string[])[0])]).toEqual([path, 501, expect.stringContaining("is not emulated by the authmux ConnectyCube fake")]);
    }
    expect(await call(fake, "GET", "/userz", { "CB-Token": token })).toEqual({ status: 404, json: { errors: ["Not found"] } });
  });

  it("snapshot and restore carry users (passwords included), live sessions, reset emails and used nonces", async () => {
    const fake = createConnectyCubeFake();
    const { id } = await fake.controls.seedUser({ email: "snap@example.com", login: "snap_user", password: "snap-password", metadata: { plan: "pro" } });
    const token = await fake.controls.issueToken(id);
    await call(fake, "POST", "/users/password/reset", { "CB-Token": await appToken(fake) }, { email: "snap@example.com" });
    const snapshot = fake.controls.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);

    const other = createConnectyCubeFake();
    other.controls.restore(JSON.parse(JSON.stringify(snapshot)));
    expect(await other.controls.peekUser(id)).toEqual({ id, email: "snap@example.com", name: null, phone: null, metadata: { plan: "pro" } });
    expect(await other.controls.peekSession(token)).toEqual({ userId: id, active: true });
    expect(other.controls.resetEmails()).toEqual(["snap@example.com"]);
    const signIn = await call(other, "POST", "/session", {}, { application_id: other.options.appId, auth_key: other.options.authKey, user: { login: "snap_user", password: "snap-password" } });
    expect(signIn.status).toBe(201);
    const { id: next } = await other.controls.seedUser({ email: "next@example.com" });
    expect(Number(next)).toBe(Number(id) + 1);
    expect(() => other.controls.restore({ users: [] })).toThrow(/not a ConnectyCube fake snapshot/);
  });
});
