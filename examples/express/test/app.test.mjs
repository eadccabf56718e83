// @ts-check
// The Express example on a real loopback port, against the mock and against Clerk's fake (the real Clerk
// adapter talking to an in-memory Clerk), both chosen the way the server chooses: from the environment.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { supports } from "@authmux/core";
import { createApp } from "../src/app.mjs";
import { providerFromEnv } from "../src/provider.mjs";

/** A token with one character of its signature changed. */
function tamper(token) {
  const [header, payload, signature] = token.split(".");
  const i = Math.floor(signature.length / 2);
  return `${header}.${payload}.${signature.slice(0, i)}${signature[i] === "A" ? "B" : "A"}${signature.slice(i + 1)}`;
}

/** Starts the app on an ephemeral port; the server is closed after the test. */
const servers = [];
async function listen(app) {
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const SETUPS = [
  { label: "mock", env: { AUTHMUX_PROVIDER: "mock" }, name: "mock" },
  { label: "Clerk fake", env: { AUTHMUX_PROVIDER: "clerk", AUTHMUX_FAKE: "1" }, name: "clerk" },
];

for (const setup of SETUPS) {
  describe(`Express example on the ${setup.label}`, () => {
    /** @type {Awaited<ReturnType<typeof providerFromEnv>>} */
    let env;
    /** @type {import("@authmux/core").WebhookEvent[]} */
    let received;
    let base = "";
    let user = { id: "", email: "ada@example.com" };

    beforeEach(async () => {
      env = await providerFromEnv(setup.env);
      received = [];
      // cacheMs 0: the vendor is asked about the session on every request, so a revocation shows at once.
      base = await listen(createApp(env.provider, { sessionCacheMs: 0, onWebhook: (event) => void received.push(event) }));
      user = { id: (await env.controls.seedUser({ email: "ada@example.com", name: "Ada Lovelace" })).id, email: "ada@example.com" };
    });

    const me = (token) => fetch(`${base}/me`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

    it("GET /health answers without a token and names the provider the environment chose", async () => {
      const res = await fetch(`${base}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, provider: setup.name });
      expect(env.mode).toBe(setup.name === "mock" ? "mock" : "fake");
    });

    it("GET /me with a token the provider issued answers the neutral user", async () => {
      const token = await env.controls.issueToken(user.id);
      const before = env.controls.requestCount();
      const res = await me(token);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.user).toEqual({ id: user.id, email: user.email, name: "Ada Lovelace" });
      // Clerk and the mock have sessions.authenticate: the vendor confirmed the session.
      expect(body.sessionChecked).toBe(true);
      expect(env.controls.requestCount()).toBeGreaterThan(before);
      // Clerk's adapter asked Clerk for the token's session and its user: read back from the fake's request log.
      if (env.fake) {
        const asked = env.fake.requests.slice(-2).map((r) => `${r.method} ${r.path}`);
        expect(asked.sort()).toEqual([`GET /v1/sessions/${body.sessionId}`, `GET /v1/users/${user.id}`]);
      }
    });

    it("GET /me answers 401 without a token, with a tampered token, with a foreign and with an expired one", async () => {
      const none = await me(undefined);
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toBe('Bearer realm="api"');
      expect((await none.json()).error.code).toBe("unauthenticated");
      const token = await env.controls.issueToken(user.id);
      const tampered = await me(tamper(token));
      expect(tampered.status).toBe(401);
      expect((await tampered.json()).error.code).toBe("token_invalid");
      const foreign = await me(await env.controls.issueToken(user.id, { kind: "foreign" }));
      expect((await foreign.json()).error.code).toBe("token_invalid");
      const expired = await me(await env.controls.issueToken(user.id, { kind: "expired" }));
      expect(expired.status).toBe(401);
      expect((await expired.json()).error.code).toBe("token_expired");
    });

    it("GET /me answers 401 session_invalid once the session is revoked", async () => {
      const token = await env.controls.issueToken(user.id);
      expect((await me(token)).status).toBe(200);
      const { sessionId } = await env.provider.tokens.verify(token);
      expect(supports(env.provider, "sessions.revoke")).toBe(true);
      if (!supports(env.provider, "sessions.revoke") || !sessionId) return;
      await env.provider.sessions.revoke(sessionId);
      expect((await env.controls.peekSession?.(token))?.active).toBe(false);
      const res = await me(token);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("session_invalid");
    });

    it("POST /webhooks accepts a delivery signed the vendor's way and refuses a tampered or foreign one", async () => {
      const delivery = await env.controls.signWebhook?.({ type: "user.created", userId: user.id });
      if (!delivery) throw new Error("the fake signs webhooks");
      const ok = await fetch(`${base}/webhooks`, { method: "POST", headers: delivery.headers, body: delivery.body });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ received: true });
      expect(received.map((e) => [e.type, e.data.userId ?? e.data.user?.id])).toEqual([["user.created", user.id]]);

      const tampered = await fetch(`${base}/webhooks`, { method: "POST", headers: delivery.headers, body: delivery.body.replace(user.id, `${user.id}x`) });
      expect(tampered.status).toBe(400);
      expect((await tampered.json()).error.code).toBe("webhook_invalid");
      const foreign = await env.controls.signWebhook?.({ type: "user.created", userId: user.id, foreign: true });
      const refused = await fetch(`${base}/webhooks`, { method: "POST", headers: foreign?.headers, body: foreign?.body });
      expect(refused.status).toBe(400);
      expect(received).toHaveLength(1);
    });

    it("maps a vendor outage to 503 provider_unavailable, never to a 401", async () => {
      const token = await env.controls.issueToken(user.id);
      env.controls.failNext({ kind: "unavailable" }, 10);
      const res = await me(token);
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.error.code).toBe("provider_unavailable");
      expect(body.error.message).not.toContain(token);
    });

    it("POST /dev/sign-in mints a working token with the controls, and does not exist without them", async () => {
      const devBase = await listen(createApp(env.provider, { controls: env.controls }));
      const signIn = await fetch(`${devBase}/dev/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: user.email }) });
      expect(signIn.status).toBe(200);
      const { userId, token } = await signIn.json();
      expect(userId).toBe(user.id);
      expect((await (await fetch(`${devBase}/me`, { headers: { authorization: `Bearer ${token}` } })).json()).user.email).toBe(user.email);
      const bad = await fetch(`${devBase}/dev/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.code).toBe("invalid_input");
      expect((await fetch(`${base}/dev/sign-in`, { method: "POST" })).status).toBe(404);
    });
  });
}

describe("Express example: the environment chooses the vendor", () => {
  it("a real vendor without its credentials fails at start-up, naming the variable to set", async () => {
    await expect(providerFromEnv({ AUTHMUX_PROVIDER: "clerk" })).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining("CLERK_SECRET_KEY") });
  });

  it("a provider without webhooks answers POST /webhooks 501 with the reason", async () => {
    const { provider } = await providerFromEnv({ AUTHMUX_PROVIDER: "stytch", AUTHMUX_FAKE: "1" });
    const { loadFakeProvider } = await import("@authmux/core/testing");
    // Stytch's fake configures a webhook secret; the same adapter without one has no webhooks.
    const bare = (await loadFakeProvider({ provider: "stytch", requires: ["users.read", "tokens.verify"], adapterOptions: { webhookSecret: undefined } })).provider;
    expect(supports(provider, "webhooks")).toBe(true);
    expect(supports(bare, "webhooks")).toBe(false);
    const base = await listen(createApp(bare));
    const res = await fetch(`${base}/webhooks`, { method: "POST", body: "{}" });
    expect(res.status).toBe(501);
    expect(await res.json()).toEqual({ error: { code: "not_supported", message: 'provider "stytch" has no webhooks: set its webhook signing secret to enable them' } });
  });
});
