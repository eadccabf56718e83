import { describe, expect, it } from "vitest";
import { connectycube } from "../src/index.js";
import { calls, fail, setup } from "./helpers.js";

describe("the application session", () => {
  it("is created on first use with application_id and auth_key, then reused", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "a@example.com" });
    expect(fake.requests).toHaveLength(0);
    await auth.users.get(id);
    await auth.users.getByEmail("a@example.com");
    expect(calls(fake)).toEqual(["POST /session", "GET /users/v2", "GET /users/v2"]);
    expect(fake.requests[0]!.body).toEqual({ application_id: 4711, auth_key: fake.options.authKey });
    expect(fake.requests[0]!.headers["content-type"]).toBe("application/json");
    expect(fake.requests[0]!.headers["cb-token"]).toBeUndefined();
    const token = fake.requests[1]!.headers["cb-token"];
    expect(token).toMatch(/^[0-9A-F]{36}$/);
    expect(fake.requests[2]!.headers["cb-token"]).toBe(token);
    expect(fake.controls.sessionCount("app")).toBe(1);
  });

  it("20 concurrent first calls create ONE session", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "b@example.com" });
    await Promise.all(Array.from({ length: 20 }, () => auth.users.get(id)));
    expect(calls(fake).filter((c) => c === "POST /session")).toHaveLength(1);
  });

  it("after expiry, 20 concurrent calls renew it exactly once and each is retried once", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "c@example.com", name: "Cee" });
    await auth.users.get(id);
    const first = fake.requests[1]!.headers["cb-token"];
    fake.controls.expireAppSessions();
    fake.requests.length = 0;
    const users = await Promise.all(Array.from({ length: 20 }, () => auth.users.get(id)));
    expect(users.every((u) => u?.name === "Cee")).toBe(true);
    const sent = calls(fake);
    expect(sent.filter((c) => c === "POST /session")).toHaveLength(1);
    expect(sent.filter((c) => c === "GET /users/v2")).toHaveLength(40);
    const renewed = fake.requests.find((r) => r.method === "GET" && r.headers["cb-token"] !== first)!.headers["cb-token"];
    expect(fake.requests.filter((r) => r.path === "/users/v2").map((r) => r.headers["cb-token"]).sort()).toEqual([...Array(20).fill(first), ...Array(20).fill(renewed)].sort());
    expect(fake.controls.sessionCount("app")).toBe(1);
  });

  it("two hours without use on the shared clock end it too", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "d@example.com" });
    fake.controls.setClock(Date.UTC(2030, 0, 1));
    await auth.users.get(id);
    fake.controls.setClock(Date.UTC(2030, 0, 1, 2, 0, 1));
    expect((await auth.users.get(id))?.id).toBe(id);
    expect(calls(fake)).toEqual(["POST /session", "GET /users/v2", "GET /users/v2", "POST /session", "GET /users/v2"]);
  });

  it("a call that fails again after the renewal is not retried in a loop", async () => {
    const { fake } = setup();
    // A stand-in API that drops every application session at once: renew once, retry once, then give up.
    const dropping = async (url: string | URL | Request, init?: RequestInit) =>
      String(url).includes("/users/v2") ? Response.json({ errors: { base: ["Required session does not exist"] } }, { status: 401 }) : fake.fetch(url, init);
    const auth = connectycube({ appId: fake.options.appId, authKey: fake.options.authKey, fetch: dropping, clock: fake.clock });
    const error = await fail(auth.users.get("51941"));
    expect(error).toMatchObject({ code: "session_invalid", status: 401 });
    expect(calls(fake)).toEqual(["POST /session", "POST /session"]);
  });

  it("signs session creation when authSecret is set; the fake checks the signature and the nonce", async () => {
    const { fake, auth } = setup({}, { authSecret: "s3cr3tAuthSecret" });
    fake.controls.setClock(1_700_000_000_000);
    const { id } = await fake.controls.seedUser({ email: "f@example.com" });
    await auth.users.get(id);
    const body = fake.requests[0]!.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["application_id", "auth_key", "nonce", "timestamp", "signature"]);
    expect(body.timestamp).toBe(1_700_000_000);
    expect(body.signature).toMatch(/^[0-9a-f]{40}$/);
    const replay = await fake.fetch(`${fake.options.baseUrl}/session.json`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect([replay.status, await replay.json()]).toEqual([422, { errors: ["Nonce has already been used"] }]);

    const wrong = setup({}, { authSecret: "not-the-secret" });
    const error = await fail(wrong.auth.users.get(id));
    expect(error).toMatchObject({ code: "provider_auth_failed", status: 422, cause: { errors: ["Unexpected signature"] } });
    expect(error.message).toContain("CONNECTYCUBE_AUTH_SECRET");
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain("not-the-secret");
  });
});
