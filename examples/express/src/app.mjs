// @ts-check
// The app, without a listening socket: tests build it with the provider they choose (see server.mjs for the real start).
import { AuthmuxError, httpStatusOf, isAuthmuxError, supports } from "@authmux/core";
import { requireAuth, webhookHandler } from "@authmux/middleware/express";
import express from "express";

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
  const app = express();
  // Where the provider has sessions.authenticate (Clerk, Stytch, the mock), a revoked session is refused at once.
  const authOptions = { checkSession: { cacheMs: options.sessionCacheMs ?? 5000 } };

  app.get("/health", (_req, res) => {
    res.json({ ok: true, provider: provider.name });
  });

  app.get(
    "/me",
    requireAuth(provider, authOptions, async (req, res) => {
      const user = await req.auth.getUser();
      if (!user) throw new AuthmuxError("not_found", "the token's user no longer exists", { provider: provider.name });
      res.json({ user: { id: user.id, email: user.email, name: user.name }, sessionId: req.auth.sessionId, sessionChecked: req.auth.sessionChecked });
    }),
  );

  // Before any JSON body parser: webhookHandler reads the raw bytes, which the signature covers.
  if (supports(provider, "webhooks")) {
    app.post("/webhooks", webhookHandler(provider, async (event) => options.onWebhook?.(event)));
  } else {
    app.post("/webhooks", (_req, res) => {
      res.status(501).json({ error: { code: "not_supported", message: `provider "${provider.name}" has no webhooks: set its webhook signing secret to enable them` } });
    });
  }

  const controls = options.controls;
  if (controls) {
    // What a vendor's frontend SDK does after sign-in, for trying the app on the mock or a fake.
    app.post("/dev/sign-in", express.json(), async (req, res) => {
      const email = typeof req.body?.email === "string" ? req.body.email : "";
      if (!email.includes("@")) throw new AuthmuxError("invalid_input", 'send JSON { "email": "…" }');
      const { id } = (await controls.peekUser({ email })) ?? (await controls.seedUser({ email }));
      res.json({ userId: id, token: await controls.issueToken(id) });
    });
  }

  app.use((req, res) => {
    res.status(404).json({ error: { code: "not_found", message: `no route ${req.method} ${req.path}` } });
  });

  /** @type {import("express").ErrorRequestHandler} */
  const onError = (error, _req, res, _next) => {
    if (isAuthmuxError(error)) {
      res.status(httpStatusOf(error)).json({ error: { code: error.code, message: error.message } });
      return;
    }
    // Express's own client errors (a body that is not JSON, one too large, …) keep their status.
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status !== 500) {
      res.status(status).json({ error: { code: error.type ?? "bad_request", message: error.message } });
      return;
    }
    console.error(error);
    res.status(500).json({ error: { code: "internal", message: "unexpected error; see the server log" } });
  };
  app.use(onError);
  return app;
}
