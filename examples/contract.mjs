// The behaviour every framework example (express, next, hono, fastify) shares, as one vitest suite: each
// example's test starts its own app with a provider and hands over a `request(path, init) → Response`, so the four
// apps are held to the same answers. Not an example itself; each example's README lists what its test covers.
import { signStandardWebhook, supports } from "@authmux/core";
import { createMockProvider } from "@authmux/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/** A token with one character of its signature changed. */
export function tamper(token) {
  const [header, payload, signature] = token.split(".");
  const i = Math.floor(signature.length / 2);
  return `${header}.${payload}.${signature.slice(0, i)}${signature[i] === "A" ? "B" : "A"}${signature.slice(i + 1)}`;
}

/**
 * @typedef {object} ContractSetup  One provider the app runs on, chosen by an environment.
 * @property {string} label                 "mock", "Clerk fake", …
 * @property {Record<string, string>} env    what providerFromEnv reads: AUTHMUX_PROVIDER, AUTHMUX_FAKE
 * @property {string} name                   the provider's name
 * @property {boolean} serverSessions        it has sessions.authenticate and sessions.revoke
 * @property {(requests: import("@authmux/core/testing").RecordedRequest[], ctx: { userId: string, sessionId: string | null }) => void} [vendorCalls]
 *   asserts, from the fake's request log, the vendor calls one GET /me made
 */

/**
 * @typedef {object} AppContract
 * @property {string} framework
 * @property {(env: Record<string, string>) => Promise<{ provider: any, mode: string, controls: any, fake: any }>} providerFromEnv
 * @property {(provider: any, options: object) => Promise<{ request(path: string, init?: RequestInit): Promise<Response>, close?(): unknown }>} start
 *   builds the app (options: sessionCacheMs, onWebhook, controls) and answers requests
 * @property {string} [pathPrefix]  where the app mounts its routes (Next: "/api"); they are /health, /me, /webhooks, /dev/sign-in
 * @property {ContractSetup} vendor  the vendor fake the example runs on besides the mock
 * @property {{ env: Record<string, string>, variable: string }} missingCredentials  a real vendor with nothing set
 */

/** Every example also runs on the mock, with nothing set up. */
const MOCK = { label: "mock", env: { AUTHMUX_PROVIDER: "mock" }, name: "mock", serverSessions: true };

/** @param {AppContract} spec */
export function runAppContract(spec) {
  const at = spec.pathPrefix ?? "";
  const paths = { health: `${at}/health`, me: `${at}/me`, webhooks: `${at}/webhooks`, signIn: `${at}/dev/sign-in` };
  const open = [];
  const start = async (provider, options) => {
    const app = await spec.start(provider, options);
    open.push(app);
    return app;
  };
  afterEach(async () => {
    for (const app of open.splice(0)) await app.close?.();
  });
  const post = (app, path, body, headers = {}) => app.request(path, { method: "POST", headers, body });

  for (const setup of [MOCK, spec.vendor]) {
    describe(`${spec.framework} example on the ${setup.label}`, () => {
      let env;
      let received;
      let app;
      let user;

      beforeEach(async () => {
        env = await spec.providerFromEnv(setup.env);
        received = [];
        // cacheMs 0: the vendor is asked about the session on every request, so a revocation shows at once.
        app = await start(env.provider, { sessionCacheMs: 0, onWebhook: (event) => void received.push(event) });
        user = { id: (await env.controls.seedUser({ email: "ada@example.com", name: "Ada Lovelace" })).id, email: "ada@example.com" };
      });

      const me = (token) => app.request(paths.me, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

      it("GET health answers without a token and names the provider the environment chose", async () => {
        const res = await app.request(paths.health);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ ok: true, provider: setup.name });
        expect(env.mode).toBe(setup.name === "mock" ? "mock" : "fake");
      });

      it("GET me with a token the provider issued answers the neutral user", async () => {
        const token = await env.controls.issueToken(user.id);
        const seen = env.fake?.requests.length ?? 0;
        const res = await me(token);
        expect(res.status).toBe(200);
        const body = await res.json();
        expect(body.user).toEqual({ id: user.id, email: user.email, name: "Ada Lovelace" });
        expect(body.sessionChecked).toBe(setup.serverSessions);
        if (env.fake) setup.vendorCalls?.(env.fake.requests.slice(seen), { userId: user.id, sessionId: body.sessionId });
      });

      it("GET me answers 401 without a token, and with a tampered, a foreign or an expired one", async () => {
        const none = await me(undefined);
        expect(none.status).toBe(401);
        expect(none.headers.get("www-authenticate")).toBe('Bearer realm="api"');
        expect((await none.json()).error.code).toBe("unauthenticated");
        const tampered = await me(tamper(await env.controls.issueToken(user.id)));
        expect(tampered.status).toBe(401);
        expect((await tampered.json()).error.code).toBe("token_invalid");
        const foreign = await me(await env.controls.issueToken(user.id, { kind: "foreign" }));
        expect(foreign.status).toBe(401);
        expect((await foreign.json()).error.code).toBe("token_invalid");
        const expired = await me(await env.controls.issueToken(user.id, { kind: "expired" }));
        expect(expired.status).toBe(401);
        expect((await expired.json()).error.code).toBe("token_expired");
      });

      if (setup.serverSessions) {
        it("GET me answers 401 session_invalid once the session is revoked", async () => {
          const token = await env.controls.issueToken(user.id);
          expect((await me(token)).status).toBe(200);
          const { sessionId } = await env.provider.tokens.verify(token);
          expect(supports(env.provider, "sessions.revoke") && sessionId).toBeTruthy();
          await env.provider.sessions.revoke(sessionId);
          expect((await env.controls.peekSession(token))?.active).toBe(false);
          const res = await me(token);
          expect(res.status).toBe(401);
          expect((await res.json()).error.code).toBe("session_invalid");
        });
      } else {
        it("without server sessions nothing can revoke a token: no sessions.revoke, and GET me trusts the token", async () => {
          expect(supports(env.provider, "sessions.revoke")).toBe(false);
          expect(supports(env.provider, "sessions.authenticate")).toBe(false);
          const res = await me(await env.controls.issueToken(user.id));
          expect(res.status).toBe(200);
          expect((await res.json()).sessionChecked).toBe(false);
        });
      }

      it("POST webhooks accepts a delivery signed the vendor's way and refuses a tampered or a foreign one", async () => {
        const delivery = await env.controls.signWebhook({ type: "user.created", userId: user.id });
        const ok = await post(app, paths.webhooks, delivery.body, delivery.headers);
        expect(ok.status).toBe(200);
        expect(await ok.json()).toEqual({ received: true });
        expect(received.map((e) => [e.type, e.data.userId ?? e.data.user?.id])).toEqual([["user.created", user.id]]);

        const forged = delivery.body.replace(user.id, `${user.id}x`);
        expect(forged).not.toBe(delivery.body);
        const tampered = await post(app, paths.webhooks, forged, delivery.headers);
        expect(tampered.status).toBe(400);
        expect((await tampered.json()).error.code).toBe("webhook_invalid");
        const foreign = await env.controls.signWebhook({ type: "user.created", userId: user.id, foreign: true });
        const refused = await post(app, paths.webhooks, foreign.body, foreign.headers);
        expect(refused.status).toBe(400);
        expect((await refused.json()).error.code).toBe("webhook_invalid");
        expect(received).toHaveLength(1);
      });

      it("a vendor outage is 503 provider_unavailable, never a 401, and the message holds no token", async () => {
        const token = await env.controls.issueToken(user.id);
        env.controls.failNext({ kind: "unavailable" }, 10);
        const res = await me(token);
        expect(res.status).toBe(503);
        const body = await res.json();
        expect(body.error.code).toBe("provider_unavailable");
        expect(JSON.stringify(body)).not.toContain(token);
      });

      it("POST dev/sign-in mints a working token with the controls, and is not served without them", async () => {
        const dev = await start(env.provider, { controls: env.controls });
        const signIn = await post(dev, paths.signIn, JSON.stringify({ email: user.email }), { "content-type": "application/json" });
        expect(signIn.status).toBe(200);
        const { userId, token } = await signIn.json();
        expect(userId).toBe(user.id);
        const res = await dev.request(paths.me, { headers: { authorization: `Bearer ${token}` } });
        expect((await res.json()).user.email).toBe(user.email);
        const bad = await post(dev, paths.signIn, JSON.stringify({ email: "nobody" }), { "content-type": "application/json" });
        expect(bad.status).toBe(400);
        expect((await bad.json()).error.code).toBe("invalid_input");
        // A body that is not JSON at all is the client's error too (the framework's parser or ours says so), not a 500.
        expect((await post(dev, paths.signIn, "{not json", { "content-type": "application/json" })).status).toBe(400);
        const absent = await post(app, paths.signIn, JSON.stringify({ email: user.email }), { "content-type": "application/json" });
        expect(absent.status).toBe(404);
        expect((await absent.json()).error.code).toBe("not_found");
      });
    });
  }

  describe(`${spec.framework} example: configuration and raw bodies`, () => {
    it("a real vendor without its credentials fails at start-up, naming the variable to set", async () => {
      const { env, variable } = spec.missingCredentials;
      await expect(spec.providerFromEnv(env)).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining(variable) });
    });

    it("POST webhooks verifies the bytes as sent: a delivery whose JSON does not survive a parse and re-serialise is accepted", async () => {
      // The fakes sign compact JSON, which a parse-then-stringify happens to reproduce; a vendor's spacing would not.
      const secret = "whsec_ZXhhbXBsZS1hcHAtY29udHJhY3Qtc2VjcmV0";
      const provider = createMockProvider({ webhookSecret: secret });
      const { id } = await provider.controls.seedUser({ email: "ada@example.com" });
      const received = [];
      const app = await start(provider, { onWebhook: (event) => void received.push(event) });
      const body = JSON.stringify({ type: "user.created", timestamp: new Date().toISOString(), data: { user_id: id } }, null, 2);
      const headers = await signStandardWebhook(body, { secret, id: "msg_contract_1", timestamp: new Date() });
      const res = await post(app, paths.webhooks, body, { "content-type": "application/json", ...headers });
      expect(res.status).toBe(200);
      expect(received.map((e) => [e.id, e.type])).toEqual([["msg_contract_1", "user.created"]]);
    });

    it("a provider without webhooks answers POST webhooks 501 not_supported with the reason", async () => {
      const app = await start(createMockProvider({ capabilities: ["users.read", "tokens.verify"] }), {});
      const res = await post(app, paths.webhooks, "{}", { "content-type": "application/json" });
      expect(res.status).toBe(501);
      expect(await res.json()).toEqual({ error: { code: "not_supported", message: 'provider "mock" has no webhooks: set its webhook signing secret to enable them' } });
    });
  });
}
