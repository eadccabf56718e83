import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import type { ProviderWith, WebhookEvent } from "@authmux/core";
import { createMockProvider } from "@authmux/core/testing";
import { clerk } from "@authmux/clerk";
import { createClerkFake } from "@authmux/clerk/testing";
import { type AuthedRequest, authPlugin, requireAuth, webhookRoute } from "../src/fastify.js";

type Revocable = ProviderWith<"tokens.verify" | "users.read" | "sessions.authenticate" | "sessions.revoke" | "webhooks">;
type TokenKind = "valid" | "expired" | "foreign";
interface Setup {
  provider: Revocable;
  userId: string;
  token(kind?: TokenKind): Promise<string>;
  signWebhook(userId: string): Promise<{ body: string; headers: Record<string, string> }>;
}

// The mock provider, and the real Clerk adapter wired to its strict fake in one line.
const SETUPS: Record<string, () => Promise<Setup>> = {
  mock: async () => {
    const mock = createMockProvider();
    const { id } = await mock.controls.seedUser({ email: "mock@example.com" });
    return { provider: mock, userId: id, token: (kind = "valid") => mock.controls.issueToken(id, { kind }), signWebhook: (userId) => mock.controls.signWebhook({ type: "user.updated", userId }) };
  },
  clerk: async () => {
    const fake = createClerkFake();
    const { id } = await fake.controls.seedUser({ email: "clerk@example.com" });
    return { provider: clerk(fake.adapterOptions), userId: id, token: (kind = "valid") => fake.controls.issueToken(id, { kind }), signWebhook: (userId) => fake.controls.signWebhook({ type: "user.updated", userId }) };
  },
};

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function newApp(): FastifyInstance {
  const app = Fastify();
  apps.push(app);
  return app;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("Fastify", () => {
  for (const [name, setup] of Object.entries(SETUPS)) {
    it(`${name}: authPlugin sets request.auth (null when anonymous); required scopes and requireAuth answer 401 JSON with the reason`, async () => {
      const { provider, userId, token } = await setup();
      const app = newApp();
      await app.register(authPlugin, { provider });
      app.get("/feed", async (request) => ({ userId: request.auth?.userId ?? null, provider: request.auth?.provider ?? null }));
      app.get("/me", { preHandler: requireAuth(provider) }, async (request) => {
        const { auth } = request as AuthedRequest;
        return { userId: auth.userId, email: (await auth.getUser())?.email };
      });
      await app.register(async (scope) => {
        await scope.register(authPlugin, { provider, required: true });
        scope.get("/private/ping", async (request) => ({ userId: request.auth?.userId }));
      });

      const valid = await token();
      expect((await app.inject({ url: "/feed" })).json()).toEqual({ userId: null, provider: null });
      expect((await app.inject({ url: "/feed", headers: bearer(valid) })).json()).toEqual({ userId, provider: name });
      const me = await app.inject({ url: "/me", headers: bearer(valid) });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toEqual({ userId, email: `${name}@example.com` });
      expect((await app.inject({ url: "/private/ping", headers: bearer(valid) })).json()).toEqual({ userId });

      for (const url of ["/me", "/private/ping"]) {
        const missing = await app.inject({ url });
        expect(missing.statusCode).toBe(401);
        expect(missing.headers["www-authenticate"]).toBe('Bearer realm="api"');
        expect(missing.json()).toEqual({ error: { code: "unauthenticated", message: "no credentials: send Authorization: Bearer <token>" } });
        const forged = await app.inject({ url, headers: bearer(await token("foreign")) });
        expect(forged.statusCode).toBe(401);
        expect(forged.json().error.code).toBe("token_invalid");
        const expired = await app.inject({ url, headers: bearer(await token("expired")) });
        expect(expired.statusCode).toBe(401);
        expect(expired.json().error.code).toBe("token_expired");
      }
      // The optional route still answers, anonymously, for a bad token.
      expect((await app.inject({ url: "/feed", headers: bearer("not-a-token") })).json()).toEqual({ userId: null, provider: null });
    });

    it(`${name}: checkSession refuses a revoked session at once; without it the token still passes`, async () => {
      const { provider, token } = await setup();
      const app = newApp();
      app.get("/checked", { preHandler: requireAuth(provider, { checkSession: { cacheMs: 0 } }) }, async (request) => ({ sessionChecked: request.auth?.sessionChecked }));
      app.get("/local", { preHandler: requireAuth(provider) }, async (request) => ({ sessionChecked: request.auth?.sessionChecked }));
      const valid = await token();
      expect((await app.inject({ url: "/checked", headers: bearer(valid) })).json()).toEqual({ sessionChecked: true });
      const live = await provider.sessions.authenticate(valid);
      await provider.sessions.revoke(live.session.id);
      const denied = await app.inject({ url: "/checked", headers: bearer(valid) });
      expect(denied.statusCode).toBe(401);
      expect(denied.json().error.code).toBe("session_invalid");
      expect((await app.inject({ url: "/local", headers: bearer(valid) })).json()).toEqual({ sessionChecked: false });
    });

    it(`${name}: webhookRoute verifies the exact raw bytes (one changed byte is 400); other routes still get parsed JSON`, async () => {
      const { provider, userId, signWebhook } = await setup();
      const received: WebhookEvent[] = [];
      const app = newApp();
      // A required auth scope elsewhere in the app does not reach the webhook route, nor does its raw parser leak out.
      await app.register(webhookRoute(provider, "/webhooks/vendor", (event) => void received.push(event)));
      await app.register(async (scope) => {
        await scope.register(authPlugin, { provider, required: true });
        scope.get("/private", async () => ({ ok: true }));
      });
      app.post("/json", async (request) => ({ isBuffer: Buffer.isBuffer(request.body), body: request.body }));

      const delivery = await signWebhook(userId);
      const headers = { ...delivery.headers, "content-type": "application/json" };
      const ok = await app.inject({ method: "POST", url: "/webhooks/vendor", headers, payload: delivery.body });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ received: true });
      expect(received.map((e) => [e.type, e.data.userId])).toEqual([["user.updated", userId]]);

      // Same JSON value, one byte different: a parsed-and-reserialised body would pass, the raw bytes do not.
      const changed = delivery.body.replace(/":/, '" :');
      expect(JSON.parse(changed)).toEqual(JSON.parse(delivery.body));
      const bad = await app.inject({ method: "POST", url: "/webhooks/vendor", headers, payload: changed });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe("webhook_invalid");
      for (const secret of Object.values(delivery.headers)) expect(bad.body).not.toContain(secret);
      const unsigned = await app.inject({ method: "POST", url: "/webhooks/vendor", headers: { "content-type": "application/json" }, payload: delivery.body });
      expect(unsigned.statusCode).toBe(400);
      expect(received).toHaveLength(1);

      const json = await app.inject({ method: "POST", url: "/json", payload: { hello: "world" } });
      expect(json.json()).toEqual({ isBuffer: false, body: { hello: "world" } });
      expect((await app.inject({ url: "/private" })).statusCode).toBe(401);
    });
  }
});
