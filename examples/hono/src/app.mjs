// @ts-check
// The app, without a listening socket: tests call app.request() with the provider they choose (server.mjs serves it).
import { AuthmuxError, httpStatusOf, isAuthmuxError, supports } from "@authmux/core";
import { requireAuth } from "@authmux/middleware/hono";
import { Hono } from "hono";

/**
 * @typedef {object} AppOptions
 * @property {number} [sessionCacheMs] How long the vendor's answer about a session is reused (default 5000; 0 asks on every request).
 * @property {(event: import("@authmux/core").WebhookEvent) => void | Promise<void>} [onWebhook] Called with each verified delivery.
 * @property {import("./provider.mjs").Controls | null} [controls] Mock/fake only: mounts POST /dev/sign-in, which mints a token.
 */

/**
 * @param {import("./provider.mjs").AppProvider} provider
 * @param {AppOptions} [options]
 */
export function createApp(provider, options = {}) {
  const app = new Hono();
  // Where the provider has sessions.authenticate (Clerk, Stytch, the mock), a revoked session is refused at once;
  // Kobble keeps no server sessions, so its tokens are verified only.
  const authOptions = { checkSession: { cacheMs: options.sessionCacheMs ?? 5000 } };

  app.get("/health", (c) => c.json({ ok: true, provider: provider.name }));

  app.get("/me", requireAuth(provider, authOptions), async (c) => {
    const auth = c.get("auth");
    const user = await auth.getUser();
    if (!user) throw new AuthmuxError("not_found", "the token's user no longer exists", { provider: provider.name });
    return c.json({ user: { id: user.id, email: user.email, name: user.name }, sessionId: auth.sessionId, sessionChecked: auth.sessionChecked });
  });

  app.post("/webhooks", async (c) => {
    if (!supports(provider, "webhooks")) {
      return c.json({ error: { code: "not_supported", message: `provider "${provider.name}" has no webhooks: set its webhook signing secret to enable them` } }, 501);
    }
    // The raw bytes: the signature covers them, not a parsed and re-serialised body. A bad one is webhook_invalid (400).
    const event = await provider.webhooks.verify(new Uint8Array(await c.req.arrayBuffer()), c.req.raw.headers);
    await options.onWebhook?.(event);
    return c.json({ received: true });
  });

  const controls = options.controls;
  if (controls) {
    // What a vendor's frontend SDK does after sign-in, for trying the app on the mock or a fake.
    app.post("/dev/sign-in", async (c) => {
      const body = await c.req.json().catch(() => null);
      const email = typeof body?.email === "string" ? body.email : "";
      if (!email.includes("@")) throw new AuthmuxError("invalid_input", 'send JSON { "email": "…" }');
      const { id } = (await controls.peekUser({ email })) ?? (await controls.seedUser({ email }));
      return c.json({ userId: id, token: await controls.issueToken(id) });
    });
  }

  app.notFound((c) => c.json({ error: { code: "not_found", message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => {
    if (isAuthmuxError(error)) return c.json({ error: { code: error.code, message: error.message } }, /** @type {import("hono/utils/http-status").ContentfulStatusCode} */ (httpStatusOf(error)));
    console.error(error);
    return c.json({ error: { code: "internal", message: "unexpected error; see the server log" } }, 500);
  });
  return app;
}
