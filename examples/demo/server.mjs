// @ts-check
// The authmux web demo: one Hono server and one page, the same code for every provider. What a provider
// cannot do is found with supports() and shown disabled with the reason, never failed mid-request.
//
//   pnpm demo                                         the mock
//   AUTHMUX_PROVIDER=clerk AUTHMUX_FAKE=1 pnpm demo    the real Clerk adapter against Clerk's fake, in-process
//   AUTHMUX_PROVIDER=clerk CLERK_SECRET_KEY=… pnpm demo the real Clerk
// `pnpm demo` runs start.mjs, which bundles this file only when its inputs changed, then calls main().
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AuthmuxError, isAuthmuxError, memoryQuotaStore, memoryRevocationStore, supports, withQuotas, withRevocations } from "@authmux/core";
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
/** The page's icon, for /favicon.ico (what browsers ask for unprompted) and /favicon.svg (what the page links). */
const FAVICON_TYPE = "image/svg+xml";

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
  // One clock for the mock or fake, the adapter, the stores and the middleware. In mock/fake mode a test can move
  // it forward (advanceClock) to make tokens expire without waiting; live mode runs on Date.now untouched.
  let clockOffsetMs = 0;
  const clock = () => Date.now() + clockOffsetMs;
  const { provider: base, mode, controls } = await createDemoProvider(env, { clock });
  const stores = await createStores(env, clock);
  // Quotas come from the vendor when it has them, else from a store composed onto the provider; revocations are
  // recorded in a store every instance reads (Redis with REDIS_URL, memory otherwise).
  const nativeQuotas = supports(base, "quotas");
  const withStore = nativeQuotas ? base : withQuotas(base, stores.quotas);
  const auth = /** @type {any} */ (withRevocations(withStore, stores.revocations, { maxTokenLifetimeSec: 86_400, clock }));
  const feats = features(auth, controls);

  let demoUserId = /** @type {string | null} */ (null);
  if (controls) {
    demoUserId = (await controls.seedUser(DEMO_USER)).id;
    if (supports(auth, "permissions") && controls.seedPermissions) await controls.seedPermissions(demoUserId, [ACTIONS.export.permission]);
  }
  /** @type {{ receivedAt: string, id: string, repeat: boolean, type: string, occurredAt: string, userId: string | null, provider: string }[]} */
  const webhookLog = [];
  // Delivery ids seen, as a receiver deduplicating retries would keep them (bounded like the log, but longer).
  const seenWebhookIds = new Set();
  let webhookUsers = 0;

  /**
   * Who is calling: the token (Bearer or the vendor's cookie) through the middleware, which also asks the
   * vendor (sessions.authenticate, where the provider has it) so a revoked session is refused at once. The
   * demo asks on every request (cacheMs 0) to show revocation; an app would keep the default few seconds.
   * @param {Request} request
   */
  async function who(request) {
    const ctx = await requireAuth(auth, request, { checkSession: { cacheMs: 0 }, clock });
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
  for (const path of ["/favicon.ico", "/favicon.svg"]) {
    app.get(path, (c) => c.body(asset("favicon.svg"), 200, { "content-type": FAVICON_TYPE, "cache-control": "public, max-age=86400" }));
  }

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
      // The server's (mock/fake) clock, so the page counts the token's lifetime down on the same time.
      now: new Date(clock()).toISOString(),
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
      const repeat = seenWebhookIds.has(event.id);
      seenWebhookIds.add(event.id);
      if (seenWebhookIds.size > WEBHOOK_LOG_SIZE * 20) seenWebhookIds.delete(seenWebhookIds.values().next().value);
      webhookLog.unshift({
        receivedAt: new Date(clock()).toISOString(),
        id: event.id,
        repeat,
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

  // Mock/fake only: a new user signs up (seeded in the fake), and the vendor's user.created delivery for them is
  // signed the vendor's way and POSTed to our own webhook route. A new user each time: the vendor sends
  // user.created once per user, and a vendor without delivery ids (Kobble) is told apart by the body alone.
  app.post("/api/webhooks/trigger", async (c) => {
    if (!feats.webhooks.enabled || !controls?.signWebhook || !demoUserId) return c.json({ error: { code: "not_supported", message: feats.webhooks.reason } }, 501);
    webhookUsers += 1;
    const { id: userId } = await controls.seedUser({ email: `signup-${webhookUsers}@example.com`, name: `Sign-up ${webhookUsers}` });
    const { body, headers } = await controls.signWebhook({ type: "user.created", userId });
    const res = await fetch(new URL("/api/webhooks", c.req.url), { method: "POST", headers, body });
    return c.json({ status: res.status, answer: await res.json() }, res.ok ? 200 : 502);
  });

  /**
   * Test-only, mock/fake mode only (not reachable over HTTP): moves the demo's clock forward, e.g. past a token's
   * expiry. Live mode refuses: a vendor's clock cannot be moved.
   * @param {number} ms
   */
  function advanceClock(ms) {
    if (!controls) throw new AuthmuxError("not_supported", "advanceClock: only the mock's and the fakes' clock can be moved");
    if (!Number.isFinite(ms) || ms < 0) throw new AuthmuxError("invalid_input", "advanceClock needs a number of milliseconds ≥ 0");
    clockOffsetMs += ms;
  }

  return { app, provider: auth, mode, close: stores.close, clock, advanceClock };
}

/**
 * The shared stores: on Redis when REDIS_URL is set (several demo instances then share quotas and revocations),
 * in memory otherwise.
 * @param {Record<string, string | undefined>} env
 * @param {() => number} clock
 */
async function createStores(env, clock) {
  const limits = { [DEMO_QUOTA]: { limit: DEMO_QUOTA_LIMIT } };
  if (!env.REDIS_URL) {
    return { kind: "memory", quotas: memoryQuotaStore({ limits, clock }), revocations: memoryRevocationStore({ clock }), close: async () => {} };
  }
  const [{ createClient }, { redisQuotaStore, redisRevocationStore }] = await Promise.all([import("redis"), import("@authmux/redis")]);
  const client = await createClient({ url: env.REDIS_URL }).connect();
  const prefix = env.REDIS_PREFIX || "authmux-demo";
  const revocations = redisRevocationStore({ client, prefix });
  await revocations.start();
  return {
    kind: "redis",
    quotas: redisQuotaStore({ client, limits, prefix, clock }),
    revocations,
    close: async () => {
      await revocations.close();
      await client.close();
    },
  };
}

/**
 * Starts the demo on 127.0.0.1 (`port` 0: an ephemeral one) and resolves once it listens. `advanceClock` moves the
 * mock's or fake's clock forward (tests; mock/fake mode only).
 * @param {{ port?: number, env?: Record<string, string | undefined> }} [options]
 * @returns {Promise<{ url: string, provider: string, mode: string, advanceClock: (ms: number) => void, close: () => Promise<void> }>}
 */
export async function startDemo(options = {}) {
  const { app, provider, mode, close: closeStores, advanceClock } = await createDemoApp({ env: options.env });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: "127.0.0.1" }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        provider: provider.name,
        mode,
        advanceClock,
        close: () =>
          new Promise((done, fail) => {
            if ("closeAllConnections" in server) server.closeAllConnections();
            server.close((err) => (err ? fail(err) : closeStores().then(done, fail)));
          }),
      });
    });
    server.once("error", (error) => {
      // Nothing listens: release the stores (a Redis connection would keep the process alive) and report.
      closeStores().then(
        () => reject(error),
        () => reject(error),
      );
    });
  });
}

/**
 * Why the demo could not start, in one line (no stack): a busy or bad port, or the provider's configuration.
 * @param {unknown} error
 * @param {string} port  PORT as given
 */
export function startFailure(error, port) {
  const code = /** @type {{ code?: unknown }} */ (error)?.code;
  if (code === "EADDRINUSE") return `authmux demo: port ${port} is in use: set PORT to another port`;
  if (code === "EACCES") return `authmux demo: port ${port} needs privileges: set PORT to a port above 1023`;
  if (isAuthmuxError(error)) return `authmux demo: ${error.code}: ${error.message}`;
  return `authmux demo: could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * `pnpm demo` (through start.mjs) and `node server.mjs`: listen on PORT (default 3000). A failure to start prints
 * one line and exits with code 1.
 * @param {Record<string, string | undefined>} [env]
 */
export async function main(env = process.env) {
  const given = (env.PORT ?? "").trim() || "3000";
  const port = Number(given);
  if (!/^\d+$/.test(given) || port > 65_535) {
    console.error(`authmux demo: PORT=${given} is not a port number (0 to 65535)`);
    process.exit(1);
  }
  try {
    const { url, provider, mode, close } = await startDemo({ port, env });
    console.log(`authmux demo (${provider}, ${mode} mode) listening on ${url}`);
    // Ctrl-C (or a stop from a process manager) closes the server and the stores, and is no failure.
    for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
      process.once(signal, () => close().then(() => process.exit(0), () => process.exit(1)));
    }
  } catch (error) {
    console.error(startFailure(error, given));
    process.exit(1);
  }
}

// `node server.mjs` (and `node dist/server.js`): start at once.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
