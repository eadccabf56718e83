import { createConnectyCubeFake, type ConnectyCubeFake } from "@authmux/connectycube/testing";
import ConnectyCube from "connectycube";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Served, serveFake } from "../../src/serve.js";

// ConnectyCube's official JS SDK (connectycube 6.1.2, its Node build) against the ConnectyCube fake on a loopback
// port: for every operation an adapter method uses (application, user and guest sessions, GET/DELETE /session,
// POST/DELETE /login, signup, the v2 search, own-profile update and delete, password reset) and the deprecated
// lookups the SDK's users.get still calls, the SDK must parse each answer, and the effect must be what
// vendors/connectycube.md documents, read back through the fake's controls.
//
// Routing: the SDK builds every URL as `${endpoints.api_url ?? "https://" + endpoints.api}/<route>.json`, so
// `ConnectyCube.init(credentials, { endpoints: { api_url } })` (its Enterprise/self-hosted option) points it at the
// loopback origin, http:// included. `debug: { mode: 0 }` keeps its request log quiet. The SDK is a process-wide
// singleton; its session is cleared before each test.
//
// Not driven here: DELETE /admin/user/{id} (users.delete), which the SDK has no method for (it never sends the
// Administration API key); the adapter's own tests cover it against the same fake.

let served: Served<ConnectyCubeFake>;
let fake: ConnectyCubeFake;

beforeAll(async () => {
  served = await serveFake((origin) => createConnectyCubeFake({ baseUrl: origin }));
  fake = served.fake;
  ConnectyCube.init(
    { appId: fake.options.appId, authKey: fake.options.authKey },
    { endpoints: { api: "api.connectycube.com", chat: "chat.connectycube.com", api_url: served.origin }, debug: { mode: 0 } },
  );
});
afterAll(() => served.close());
beforeEach(() => {
  fake.controls.reset();
  ConnectyCube.service.setSession(null);
  ConnectyCube.service.setCurrentUserId(null);
});

/** What an SDK call rejected with: `{ code: HTTP status, info: the parsed body }` (a call that succeeds fails the test). */
async function refusal(promise: Promise<unknown>): Promise<{ code: number; info: unknown }> {
  return promise.then(
    () => {
      throw new Error("expected ConnectyCube to refuse the call");
    },
    (e: unknown) => e as { code: number; info: unknown },
  );
}

/** Signs a seeded user in through the SDK: a user session the SDK now holds. */
async function signedIn(login: string, password = "pa55word!") {
  const { id } = await fake.controls.seedUser({ email: `${login}@example.com`, login, password, name: "Dacia Kail", metadata: { plan: "pro" } });
  const session = await ConnectyCube.createSession({ login, password });
  return { id: Number(id), session };
}

describe("sessions", () => {
  it("createSession without a user: an application session (user_id null) the fake counts", async () => {
    const session = await ConnectyCube.createSession();
    expect(session).toMatchObject({ application_id: fake.options.appId, user_id: null, token: expect.stringMatching(/^[0-9A-F]{36}$/) });
    expect(fake.controls.sessionCount("app")).toBe(1);
    expect(await ConnectyCube.getSession()).toMatchObject({ token: session.token, user_id: null });
  });

  it("createSession with login or email and password: a user session embedding the user", async () => {
    const { id, session } = await signedIn("dacia_k");
    expect(session).toMatchObject({ id, user_id: id, user: { id, login: "dacia_k", email: "dacia_k@example.com", full_name: "Dacia Kail", custom_data: '{"plan":"pro"}' } });
    expect(await fake.controls.peekSession(session.token)).toEqual({ userId: String(id), active: true });
    ConnectyCube.service.setSession(null);
    const byEmail = await ConnectyCube.createSession({ email: "DACIA_K@example.com", password: "pa55word!" });
    expect(byEmail.user_id).toBe(id);
    expect(await refusal(ConnectyCube.createSession({ login: "dacia_k", password: "wrong" }))).toEqual({ code: 401, info: { errors: ["Unauthorized"] } });
  });

  it("a guest session creates a guest user", async () => {
    const session = await ConnectyCube.createSession({ guest: "1", full_name: "Zed Guest" });
    expect(session.user).toMatchObject({ full_name: "Zed Guest", is_guest: true, email: null, phone: "", login: expect.stringMatching(/^guest_login_/) });
    expect(await fake.controls.peekUser(String(session.user_id))).toMatchObject({ name: "Zed Guest" });
  });

  it("getSession validates the token and reports an ended one as ConnectyCube does", async () => {
    const { id, session } = await signedIn("val_user");
    expect(await ConnectyCube.getSession()).toMatchObject({ user_id: id, token: session.token });
    fake.controls.expireSession(session.token);
    expect(await refusal(ConnectyCube.getSession())).toEqual({ code: 401, info: { errors: { base: ["Required session does not exist"] } } });
  });

  it("destroySession ends the token at the fake", async () => {
    const { session } = await signedIn("bye_user");
    await ConnectyCube.destroySession();
    expect(await fake.controls.peekSession(session.token)).toMatchObject({ active: false });
  });

  it("login upgrades an application session to a user session; logout downgrades it", async () => {
    const { id } = await fake.controls.seedUser({ email: "up@example.com", login: "up_user", password: "pa55word!" });
    const app = await ConnectyCube.createSession();
    const user = await ConnectyCube.auth.login({ login: "up_user", password: "pa55word!" });
    expect(user).toMatchObject({ id: Number(id), login: "up_user" });
    expect(await fake.controls.peekSession(app.token)).toEqual({ userId: id, active: true });
    await ConnectyCube.auth.logout();
    expect(await fake.controls.peekSession(app.token)).toBeNull();
    expect(fake.controls.sessionCount("app")).toBe(1);
  });

  it("the SDK's sessionExpired hook fires on an idle token, and its retry succeeds with a new session", async () => {
    const { id } = await signedIn("idle_user");
    fake.controls.expireAppSessions();
    const token = ConnectyCube.service.getSession()!.token!;
    fake.controls.expireSession(token);
    let expired = 0;
    const listeners = ConnectyCube.service.sdkInstance.config.on!;
    listeners.sessionExpired = async (_handle: () => void, retry: (session: object) => void) => {
      expired += 1;
      ConnectyCube.service.setSession(null);
      retry(await ConnectyCube.createSession({ login: "idle_user", password: "pa55word!" }));
    };
    try {
      const found = await ConnectyCube.users.getV2({ id });
      expect(found.items.map((u) => u.id)).toEqual([id]);
      expect(expired).toBe(1);
    } finally {
      delete listeners.sessionExpired;
    }
  });
});

describe("users", () => {
  it("signup with the auth key (no session) stores every documented field", async () => {
    const { user } = await ConnectyCube.users.signup({
      login: "new_user",
      email: "new@example.com",
      password: "pa55word!",
      full_name: "New User",
      phone: "+6110797757",
      website: "https://new.example.com",
      external_id: "acme-42",
      external_user_id: 4242,
      facebook_id: 12345,
      twitter_id: "tw-1",
      custom_data: '{"plan":"pro"}',
      tag_list: ["vip", "accountant"],
      timezone: 180,
      avatar: "https://cdn.example.com/a.png",
      blob_id: 7,
    });
    expect(fake.requests.at(-1)?.headers["cb-authkey"]).toBe(fake.options.authKey);
    expect(user).toMatchObject({ login: "new_user", user_tags: "vip,accountant", facebook_id: "12345", external_user_id: 4242, timezone: 180 });
    expect(await fake.controls.peekUser(String(user.id))).toEqual({ id: String(user.id), email: "new@example.com", name: "New User", phone: "+6110797757", metadata: { plan: "pro" } });
    const stored = (fake.controls.snapshot().users as Record<string, unknown>[])[0];
    expect(stored).toMatchObject({ website: "https://new.example.com", external_id: "acme-42", twitter_id: "tw-1", avatar: "https://cdn.example.com/a.png", blob_id: 7 });
    expect(await refusal(ConnectyCube.users.signup({ login: "new_user", password: "another1" }))).toEqual({ code: 422, info: { errors: { login: ["has already been taken"] } } });
  });

  it("getV2: eq, in, start_with, compare operators, sort, limit and offset", async () => {
    await ConnectyCube.createSession();
    const ids: number[] = [];
    for (const [login, name] of [["sara_b", "Sarah Bee"], ["sara_c", "Sarah Cee"], ["tom_a", "Tom Ay"]] as const) {
      ids.push(Number((await fake.controls.seedUser({ email: `${login}@example.com`, login, name })).id));
    }
    expect((await ConnectyCube.users.getV2({ login: "tom_a" })).items.map((u) => u.id)).toEqual([ids[2]]);
    const inList = await ConnectyCube.users.getV2({ id: { in: [ids[0]!, ids[2]!] }, sort_desc: "id" });
    expect(inList).toMatchObject({ total_entries: 2, skip: 0 });
    expect(inList.items.map((u) => u.id)).toEqual([ids[2], ids[0]]);
    const started = await ConnectyCube.users.getV2({ full_name: { start_with: "Sarah" }, sort_asc: "login", limit: 10 });
    expect(started.limit).toBe(5);
    expect(started.items.map((u) => u.login)).toEqual(["sara_b", "sara_c"]);
    const paged = await ConnectyCube.users.getV2({ id: { in: ids }, limit: 1, offset: 1 });
    expect(paged).toMatchObject({ limit: 1, skip: 1, total_entries: 3 });
    expect(paged.items.map((u) => u.id)).toEqual([ids[1]]);
    const future = new Date(fake.clock() + 60_000).toISOString();
    expect((await ConnectyCube.users.getV2({ id: { in: ids }, created_at: { lt: future } })).total_entries).toBe(3);
    expect((await refusal(ConnectyCube.users.getV2({ created_at: { lt: future } }))).code).toBe(422);
  });

  it("the deprecated users.get: by id, by_login, by_email, external/{id}, by_facebook_id, by_twitter_id", async () => {
    await ConnectyCube.users.signup({ login: "old_api", email: "old@example.com", password: "pa55word!", external_user_id: 77, facebook_id: "fb-9", twitter_id: "tw-9" });
    await ConnectyCube.createSession();
    const id = Number((await fake.controls.peekUser({ email: "old@example.com" }))!.id);
    // A bare id asks GET /users/{id}: the SDK's code takes a number, though its types only name objects.
    const byId = id as unknown as Record<string, unknown>;
    for (const query of [byId, { login: "old_api" }, { email: "old@example.com" }, { external: 77 }, { facebook_id: "fb-9" }, { twitter_id: "tw-9" }]) {
      const answer = (await ConnectyCube.users.get(query)) as { user: { id: number } };
      expect([query, answer.user.id]).toEqual([query, id]);
    }
    expect(await refusal(ConnectyCube.users.get({ login: "nobody" }))).toEqual({ code: 404, info: { errors: ["Not found"] } });
  });

  it("update changes the signed-in user's own profile; a new password needs old_password", async () => {
    const { id } = await signedIn("self_user");
    const { user } = await ConnectyCube.users.update({ full_name: "Dacia Renamed", custom_data: '{"plan":"team"}', tag_list: ["a"], timezone: -60, website: null });
    expect(user).toMatchObject({ id, full_name: "Dacia Renamed", user_tags: "a", timezone: -60 });
    expect(await fake.controls.peekUser(String(id))).toMatchObject({ name: "Dacia Renamed", metadata: { plan: "team" } });
    expect(await refusal(ConnectyCube.users.update({ password: "newpass99" }))).toEqual({ code: 422, info: { errors: { old_password: ["is invalid"] } } });
    await ConnectyCube.users.update({ password: "newpass99", old_password: "pa55word!" });
    ConnectyCube.service.setSession(null);
    expect((await ConnectyCube.createSession({ login: "self_user", password: "newpass99" })).user_id).toBe(id);
  });

  it("delete removes the signed-in user", async () => {
    const { id } = await signedIn("gone_user");
    await ConnectyCube.users.delete();
    expect(await fake.controls.peekUser(String(id))).toBeNull();
  });

  it("resetPassword sends the reset email to a known address only", async () => {
    await fake.controls.seedUser({ email: "forgot@example.com" });
    await ConnectyCube.createSession();
    await ConnectyCube.users.resetPassword("forgot@example.com");
    await ConnectyCube.users.resetPassword("stranger@example.com");
    expect(fake.controls.resetEmails()).toEqual(["forgot@example.com"]);
  });
});
