// @ts-check
// The app, without a listening socket: tests call app.inject() with the provider they choose (server.mjs listens).
import { AuthmuxError, httpStatusOf, isAuthmuxError, supports } from "@authmux/core";
import { authPlugin, webhookRoute } from "@authmux/middleware/fastify";
import Fastify from "fastify";

/**
 * @typedef {object} AppOptions
 * @property {number} [sessionCacheMs] How long the vendor's answer about a session is reused (default 5000; 0 asks on every request).
 * @property {(event: import("@authmux/core").WebhookEvent) => void | Promise<void>} [onWebhook] Called with each verified delivery.
 * @property {import("./provider.mjs").Controls | null} [controls] Mock/fake only: mounts POST /dev/sign-in, which mints a token.
 * @property {boolean} [logger] Fastify's request log (off by default).
 */

/**
 * @param {import("./provider.mjs").AppProvider} provider
 * @param {AppOptions} [options]
 */
export function createApp(provider, options = {}) {
  const app = Fastify({ logger: options.logger ?? false });

  app.setErrorHandler((error, _request, reply) => {
    if (isAuthmuxError(error)) return reply.code(httpStatusOf(error)).send({ error: { code: error.code, message: error.message } });
    // Fastify's own client errors (a body that is not JSON, one too large, …) keep their status.
    const { statusCode, code, message } = /** @type {import("fastify").FastifyError} */ (error);
    if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) return reply.code(statusCode).send({ error: { code: code ?? "bad_request", message } });
    app.log.error(error);
    return reply.code(500).send({ error: { code: "internal", message: "unexpected error; see the server log" } });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: { code: "not_found", message: `no route ${request.method} ${request.url}` } }));

  app.get("/health", async () => ({ ok: true, provider: provider.name }));

  // Every route in this scope needs a token: authPlugin answers 401 itself and sets request.auth. Where the provider
  // has sessions.authenticate (Clerk, Stytch, the mock) a revoked session is refused at once; Kustomer's chat tokens
  // are verified only (it keeps no sessions).
  app.register(async (signedIn) => {
    await signedIn.register(authPlugin, { provider, required: true, checkSession: { cacheMs: options.sessionCacheMs ?? 5000 } });
    signedIn.get("/me", async (request) => {
      const auth = request.auth;
      if (!auth) throw new AuthmuxError("unauthenticated", "no credentials"); // unreachable under required: true
      const user = await auth.getUser();
      if (!user) throw new AuthmuxError("not_found", "the token's user no longer exists", { provider: provider.name });
      return { user: { id: user.id, email: user.email, name: user.name }, sessionId: auth.sessionId, sessionChecked: auth.sessionChecked };
    });
  });

  // Outside the signed-in scope: webhooks carry the vendor's signature, not a user's token. webhookRoute reads the
  // raw bytes with its own body parser, inside its own scope, so the other routes still get parsed JSON.
  if (supports(provider, "webhooks")) {
    app.register(webhookRoute(provider, "/webhooks", async (event) => options.onWebhook?.(event)));
  } else {
    app.post("/webhooks", async (_request, reply) =>
      reply.code(501).send({ error: { code: "not_supported", message: `provider "${provider.name}" has no webhooks: set its webhook signing secret to enable them` } }),
    );
  }

  const controls = options.controls;
  if (controls) {
    // What a vendor's frontend SDK does after sign-in, for trying the app on the mock or a fake.
    app.post("/dev/sign-in", async (request) => {
      const body = /** @type {{ email?: unknown } | null} */ (request.body);
      const email = typeof body?.email === "string" ? body.email : "";
      if (!email.includes("@")) throw new AuthmuxError("invalid_input", 'send JSON { "email": "…" }');
      const { id } = (await controls.peekUser({ email })) ?? (await controls.seedUser({ email }));
      return { userId: id, token: await controls.issueToken(id) };
    });
  }
  return app;
}
