import { decodeProtectedHeader, decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { type AuthmuxError, loadProvider } from "../src/index.js";
import { createMockProvider } from "../src/testing/index.js";

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: AuthmuxError) => e);

describe("createMockProvider", () => {
  it("gives deterministic ids and starts over on reset", async () => {
    const auth = createMockProvider();
    expect((await auth.users.create({ email: "a@example.com" })).id).toBe("user_000001");
    expect((await auth.users.create({ email: "b@example.com" })).id).toBe("user_000002");
    auth.controls.reset();
    expect(await auth.users.getByEmail("a@example.com")).toBeNull();
    expect((await auth.users.create({ email: "a@example.com" })).id).toBe("user_000001");
  });

  it("issues real ES256 JWTs with the mock's issuer, audience, session and expiry", async () => {
    const auth = createMockProvider({ issuer: "https://issuer.test", audience: "my-app" });
    auth.controls.setClock(Date.UTC(2030, 0, 1));
    const { id } = await auth.controls.seedUser({ email: "t@example.com" });
    const token = await auth.tokens.issue(id, { expiresInSeconds: 120, claims: { role: "admin" } });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES256", typ: "JWT", kid: "mock-key-1" });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: "https://issuer.test", aud: "my-app", sub: id, sid: "sess_000001", role: "admin" });
    expect(claims.exp! - claims.iat!).toBe(120);
    const verified = await auth.tokens.verify(token);
    expect(verified).toMatchObject({ userId: id, sessionId: "sess_000001", issuer: "https://issuer.test", audience: ["my-app"], provider: "mock" });
    expect(verified.expiresAt).toEqual(new Date(Date.UTC(2030, 0, 1) + 120_000));
    // Expiry follows the mock's clock, with the 5 s tolerance.
    auth.controls.setClock(Date.UTC(2030, 0, 1) + 124_000);
    await expect(auth.tokens.verify(token)).resolves.toBeDefined();
    auth.controls.setClock(Date.UTC(2030, 0, 1) + 126_000);
    expect((await fail(auth.tokens.verify(token))).code).toBe("token_expired");
  });

  it("rejects another mock's tokens and tokens with a changed payload", async () => {
    const a = createMockProvider();
    const b = createMockProvider();
    const { id } = await a.controls.seedUser({ email: "x@example.com" });
    const token = await a.controls.issueToken(id);
    expect((await fail(b.tokens.verify(token))).code).toBe("token_invalid");
    const [h, , s] = token.split(".");
    const forged = `${h}.${btoa(JSON.stringify({ sub: "user_000999", exp: 4102444800 })).replace(/=+$/, "")}.${s}`;
    expect((await fail(a.tokens.verify(forged))).code).toBe("token_invalid");
  });

  it("revoking a session ends sessions.authenticate but not local verification until exp", async () => {
    const auth = createMockProvider();
    const { id } = await auth.controls.seedUser({ email: "s@example.com" });
    const token = await auth.controls.issueToken(id);
    const { session } = await auth.sessions.authenticate(token);
    await auth.sessions.revoke(session.id);
    expect((await fail(auth.sessions.authenticate(token))).code).toBe("session_invalid");
    expect((await auth.tokens.verify(token)).userId).toBe(id);
    expect((await auth.sessions.list(id)).map((s) => s.status)).toEqual(["revoked"]);
  });

  it("failNext fails exactly the next N vendor calls, and validation failures do not count as calls", async () => {
    const auth = createMockProvider();
    const { id } = await auth.controls.seedUser({ email: "f@example.com" });
    auth.controls.failNext({ kind: "unavailable", status: 502 }, 2);
    expect((await fail(auth.users.get(id))).status).toBe(502);
    expect((await fail(auth.users.get(""))).code).toBe("invalid_input");
    expect((await fail(auth.users.get(id))).code).toBe("provider_unavailable");
    const before = auth.controls.requestCount();
    expect((await auth.users.get(id))?.id).toBe(id);
    expect(auth.controls.requestCount()).toBe(before + 1);
  });

  it("never keeps a plain password nor shows its hash in raw", async () => {
    const auth = createMockProvider();
    await auth.controls.seedUser({ email: "p@example.com", password: "hunter2-hunter2" });
    const { user, session, sessionToken } = await auth.passwords.authenticate({ email: "p@example.com", password: "hunter2-hunter2" });
    expect(JSON.stringify(user)).not.toContain("hunter2");
    expect(JSON.stringify(user.raw)).not.toContain("passwordHash");
    expect(session?.userId).toBe(user.id);
    expect((await auth.tokens.verify(sessionToken!)).sessionId).toBe(session?.id);
  });

  it("signs webhooks the Standard Webhooks way and maps them", async () => {
    const auth = createMockProvider();
    auth.controls.setClock(Date.UTC(2030, 0, 1));
    const { id } = await auth.controls.seedUser({ email: "w@example.com" });
    const delivery = await auth.controls.signWebhook({ type: "user.updated", userId: id, id: "msg_1" });
    expect(Object.keys(delivery.headers).sort()).toEqual(["webhook-id", "webhook-signature", "webhook-timestamp"]);
    expect(delivery.headers["webhook-timestamp"]).toBe(String(Date.UTC(2030, 0, 1) / 1000));
    const event = await auth.webhooks.verify(delivery.body, delivery.headers);
    expect(event).toMatchObject({ id: "msg_1", type: "user.updated", vendorType: "user.updated", provider: "mock" });
    expect(event.data.user?.email).toBe("w@example.com");
    const other = await auth.controls.signWebhook({ type: "organization.created", userId: id });
    expect((await auth.webhooks.verify(other.body, other.headers)).type).toBe("unknown");
  });

  it("is what loadProvider({ provider: 'mock' }) builds, with env options validated", async () => {
    const auth = await loadProvider({ provider: "mock", env: { AUTHMUX_MOCK_ISSUER: "https://env-issuer.test" }, requires: ["tokens.issue", "tokens.verify"] });
    const token = await auth.tokens.issue("someone");
    expect((await auth.tokens.verify(token)).issuer).toBe("https://env-issuer.test");
    const bad = await fail(loadProvider({ provider: "mock", env: { AUTHMUX_MOCK_WEBHOOK_SECRET: "plain" } }));
    expect(bad.code).toBe("invalid_input");
    expect(bad.message).toContain("AUTHMUX_MOCK_WEBHOOK_SECRET");
    expect(bad.message).not.toContain("plain");
  });
});
