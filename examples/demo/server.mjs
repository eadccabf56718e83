// @ts-check
// The authmux web demo: one Hono server and one page, the same code for every provider. What a provider
// cannot do is found with supports() and shown disabled with the reason, never failed mid-request.
//
//   pnpm demo                                         the mock
//   AUTHMUX_PROVIDER=clerk AUTHMUX_FAKE=1 pnpm demo    the real Clerk adapter against Clerk's fake, in-process
//   AUTHMUX_PROVIDER=clerk CLERK_SECRET_KEY=… pnpm demo the real Clerk
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isAuthmuxError, memoryQuotaStore, memoryRevocationStore, supports, withQuotas, withRevocations } from "@authmux/core";
import { requireAuth } from "@authmux/middleware";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createDemoProvider, DEMO_QUOTA, DEMO_QUOTA_LIMIT } from "./provider.mjs";

const DEMO_USER = { email: "ada@example.com", name: "Ada Lovelace" };
/** The permission-gated actions: the demo user holds the first permission, not the second. */
const ACTIONS = {
  export: { permission: "reports:export", label: "Export the monthly report" },
  delete: { permission: "workspace:delete", label: "Delete the workspace" },
};
const WEBHOOK_LOG_SIZE = 50;

// public/ sits beside server.mjs, and one level up from the bundle in dist/.
const publicDir = [new URL("./public/", import.meta.url), new URL("../public/", import.meta.url)].map((u) => fileURLToPath(u)).find((d) => existsSync(d));
const asset = (name) => readFileSync(publicDir + name, "utf8");

/**
 * Why each control of the page is enabled or not, from the provider's capabilities.
 * @param {import("@authmux/core").AnyProvider} p
 * @param {import("./provider.mjs").DemoControls | null} controls
 */
function features(p, controls) {
  const off = (reason) => ({ enabled: false, reason });
  const on = (via) => ({ enabled: true, via });
  return {
    signIn: controls ? on("controls.issueToken (mock/fake only)") : off("live mode: the vendor's frontend SDK obtains the token; paste it below"),
    sessionCheck: supports(p, "sessions.authenticate") ? on("sessions.authenticate (asks the vendor: catches revocation)") : on(`tokens.verify (${p.name} has no sessions.authenticate: a revoked session is not detected until the token expires)`),
    permissions: supports(p, "permissions") ? on("permissions.has") : off(`${p.name} has no permissions capability`),
    revoke: supports(p, "sessions.revoke")
      ? on("sessions.revoke, recorded for every instance by withRevocations")
      : on(`revocations.revokeUser (${p.name} has no sessions.revoke; withRevocations signs the user out everywhere)`),
    webhooks: !supports(p, "webhooks")
      ? off(`${p.name} has no webhooks capability`)
      : controls?.signWebhook
        ? on("controls.signWebhook, then webhooks.verify on the raw body")
        : off("live mode: the vendor sends the deliveries; point its webhook at /api/webhooks"),
  };
}

/**
 * Builds the demo app for the environment's provider (nothing listens yet).
 * @param {{ env?: Record<string, string | undefined> }} [options]
 */
export async function createDemoApp(options = {}) {
  const env = options.env ?? process.env;
  const { provider: base, mode, controls } = await createDemoProvider(env);
  const stores = await createStores(env);
  // Quotas come from the vendor when it has them, else from a store composed onto the provider; revocations are
  // recorded in a store every instance reads (Redis with REDIS_URL, memory otherwise).
  const nativeQuotas = supports(base, "quotas");
  const withStore = nativeQuotas ? base : withQuotas(base, stores.quotas);
  const auth = /** @type {any} */ (withRevocations(withStore, stores.revocations, { maxTokenLifetimeSec: 86_400 }));
  const feats = features(auth, controls);

  let demoUserId = /** @type {string | null} */ (null);
  if (controls) {
    demoUserId = (await controls.seedUser(DEMO_USER)).id;
    if (supports(auth, "permissions") && controls.seedPermissions) await controls.seedPermissions(demoUserId, [ACTIONS.export.permission]);
  }
  /** @type {{ receivedAt: string, id: string, type: string, occurredAt: string, userId: string | null, provider: string }[]} */
  const webhookLog = [];

  /**
   * Who is calling: the token (Bearer or the vendor's cookie) through the middleware, which also asks the
   * vendor (sessions.authenticate, where the provider has it) so a revoked session is refused at once. The
   * demo asks on every request (cacheMs 0) to show revocation; an app would keep the default few seconds.
   * @param {Request} request
   */
  async function who(request) {
    const ctx = await requireAuth(auth, request, { checkSession: { cacheMs: 0 } });
    return ctx instanceof Response ? { response: ctx } : { ctx };
  }

  const app = new Hono();

  app.onError((error, c) => {
    if (!isAuthmuxError(error)) {
      console.error(error);
      return c.json({ error: { code: "internal", message: "unexpected error; see the server log" } }, 500);
    }
    const status = { invalid_input: 400, not_found: 404, quota_exceeded: 429, permission_denied: 403, not_supported: 501, webhook_invalid: 400 }[error.code] ?? 502;
    return c.json({ error: { code: error.code, message: error.message } }, /** @type {any} */ (status));
  });

  app.get("/", (c) => c.html(asset("index.html")));
  app.get("/app.js", (c) => c.body(asset("app.js"), 200, { "content-type": "text/javascript; charset=utf-8" }));
  app.get("/style.css", (c) => c.body(asset("style.css"), 200, { "content-type": "text/css; charset=utf-8" }));

  app.get("/api/info", (c) =>
    c.json({
      provider: auth.name,
      mode,
      capabilities: [...base.capabilities],
      quotas: { name: DEMO_QUOTA, source: nativeQuotas ? `${auth.name} (native quotas)` : `${stores.kind}QuotaStore via withQuotas (the provider has none)` },
      revocations: `${stores.kind}RevocationStore via withRevocations`,
      actions: Object.entries(ACTIONS).map(([id, a]) => ({ id, ...a })),
      features: feats,
    }),
  );

  // Mock/fake only: the token a vendor's frontend SDK would hold after sign-in.
  app.post("/api/demo-login", async (c) => {
    if (!controls || !demoUserId) return c.json({ error: { code: "not_supported", message: feats.signIn.reason } }, 501);
    const token = await controls.issueToken(demoUserId);
    return c.json({ token });
  });

  app.get("/api/me", async (c) => {
    const w = await who(c.req.raw);
    if (w.response) return w.response;
    const { ctx } = w;
    const user = await ctx.getUser();
    const t = ctx.token;
    return c.json({
      checkedWith: ctx.sessionChecked ? "sessions.authenticate" : "tokens.verify",
      token: { userId: t.userId, sessionId: t.sessionId, issuer: t.issuer, audience: t.audience, issuedAt: t.issuedAt, expiresAt: t.expiresAt, claims: t.claims },
      session: ctx.session ? { id: ctx.session.id, status: ctx.session.status, expiresAt: ctx.session.expiresAt } : null,
      user: user && { id: user.id, email: user.email, emailVerified: user.emailVerified, name: user.name, phone: user.phone, metadata: user.metadata, createdAt: user.createdAt },
    });
  });

  app.get("/api/quota", async (c) => {
    const w = await who(c.req.raw);
    if (w.response) return w.response;
    return c.json({ quota: await auth.quotas.get(w.ctx.userId, DEMO_QUOTA) });
  });

  app.post("/api/quota/use", async (c) => {
    const w = await who(c.req.raw);
    if (w.response) return w.response;
    // consume checks and counts in one step: two clicks at once cannot both take the last unit.
    try {
      return c.json({ quota: await auth.quotas.consume(w.ctx.userId, DEMO_QUOTA) });
    } catch (error) {
      if (!isAuthmuxError(error) || error.code !== "quota_exceeded") throw error;
      return c.json({ error: { code: error.code, message: error.message }, quota: /** @type {any} */ (error).quota }, 429);
    }
  });

  app.post("/api/quota/reset", async (c) => {
    const w = await who(c.req.raw);
    if (w.response) return w.response;
    return c.json({ quota: await auth.quotas.set(w.ctx.userId, DEMO_QUOTA, 0) });
  });

  app.post("/api/actions/:id", async (c) => {
    const action = ACTIONS[/** @type {keyof typeof ACTIONS} */ (c.req.param("id"))];
    if (!action) return c.json({ error: { code: "not_found", message: "no such action" } }, 404);
    if (!supports(auth, "permissions")) return c.json({ error: { code: "not_supported", message: feats.permissions.reason } }, 501);
    const w = await who(c.req.raw);
    if (w.response) return w.response;
    if (!(await auth.permissions.has(w.ctx.userId, action.permission))) {
      return c.json({ error: { code: "permission_denied", message: `${action.label}: needs the "${action.permission}" permission` } }, 403);
    }
    return c.json({ ok: true, message: `${action.label}: done (holds "${action.permission}")`, permissions: await auth.permissions.list(w.ctx.userId) });
  });

  app.post("/api/session/revoke", async (c) => {
    const w = await who(c.req.raw);
    if (w.response) return w.response;
    const sessionId = w.ctx.session?.id ?? w.ctx.sessionId;
    if (supports(auth, "sessions.revoke") && sessionId) {
      await auth.sessions.revoke(sessionId);
      return c.json({ revoked: `session ${sessionId}` });
    }
    await auth.revocations.revokeUser(w.ctx.userId);
    return c.json({ revoked: `every session of ${w.ctx.userId}` });
  });

  // The webhook route a vendor posts to: verified on the RAW body (a re-serialised JSON body breaks signatures).
  app.post("/api/webhooks", async (c) => {
    if (!supports(auth, "webhooks")) return c.json({ error: { code: "not_supported", message: feats.webhooks.reason } }, 501);
    const raw = await c.req.text();
    try {
      const event = await auth.webhooks.verify(raw, c.req.raw.headers);
      webhookLog.unshift({
        receivedAt: new Date().toISOString(),
        id: event.id,
        type: event.type,
        occurredAt: event.occurredAt.toISOString(),
        userId: event.data.user?.id ?? event.data.session?.userId ?? null,
        provider: event.provider,
      });
      webhookLog.length = Math.min(webhookLog.length, WEBHOOK_LOG_SIZE);
      return c.json({ received: true });
    } catch (error) {
      if (isAuthmuxError(error) && error.code === "webhook_invalid") return c.json({ error: { code: error.code, message: error.message } }, 400);
      throw error;
    }
  });

  app.get("/api/webhooks/log", (c) => c.json({ events: webhookLog }));

  // Mock/fake only: sign a delivery the vendor's way and POST it to our own webhook route.
  app.post("/api/webhooks/trigger", async (c) => {
    if (!feats.webhooks.enabled || !controls?.signWebhook || !demoUserId) return c.json({ error: { code: "not_supported", message: feats.webhooks.reason } }, 501);
    const { body, headers } = await controls.signWebhook({ type: "user.created", userId: demoUserId });
    const res = await fetch(new URL("/api/webhooks", c.req.url), { method: "POST", headers, body });
    return c.json({ status: res.status, answer: await res.json() }, res.ok ? 200 : 502);
  });

  return { app, provider: auth, mode, close: stores.close };
}

/**
 * The shared stores: on Redis when REDIS_URL is set (several demo instances then share quotas and revocations),
 * in memory otherwise.
 * @param {Record<string, string | undefined>} env
 */
async function createStores(env) {
  const limits = { [DEMO_QUOTA]: { limit: DEMO_QUOTA_LIMIT } };
  if (!env.REDIS_URL) {
    return { kind: "memory", quotas: memoryQuotaStore({ limits }), revocations: memoryRevocationStore(), close: async () => {} };
  }
  const [{ createClient }, { redisQuotaStore, redisRevocationStore }] = await Promise.all([import("redis"), import("@authmux/redis")]);
  const client = await createClient({ url: env.REDIS_URL }).connect();
  const prefix = env.REDIS_PREFIX || "authmux-demo";
  const revocations = redisRevocationStore({ client, prefix });
  await revocations.start();
  return {
    kind: "redis",
    quotas: redisQuotaStore({ client, limits, prefix }),
    revocations,
    close: async () => {
      await revocations.close();
      await client.close();
    },
  };
}

/**
 * Starts the demo on 127.0.0.1 (`port` 0: an ephemeral one) and resolves once it listens.
 * @param {{ port?: number, env?: Record<string, string | undefined> }} [options]
 * @returns {Promise<{ url: string, provider: string, mode: string, close: () => Promise<void> }>}
 */
export async function startDemo(options = {}) {
  const { app, provider, mode, close: closeStores } = await createDemoApp({ env: options.env });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: "127.0.0.1", overrideGlobalObjects: false }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        provider: provider.name,
        mode,
        close: () =>
          new Promise((done, fail) => {
            if ("closeAllConnections" in server) server.closeAllConnections();
            server.close((err) => (err ? fail(err) : closeStores().then(done, fail)));
          }),
      });
    });
    server.once("error", reject);
  });
}

// `node server.mjs`: listen on PORT (default 3000).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.PORT || 3000);
  startDemo({ port }).then(
    ({ url, provider, mode }) => console.log(`authmux demo (${provider}, ${mode} mode) listening on ${url}`),
    (error) => {
      console.error(isAuthmuxError(error) ? `authmux demo: ${error.code}: ${error.message}` : error);
      process.exit(1);
    },
  );
}
