// The app's handlers, built for one provider: route handlers (app/api/**/route.ts) and the proxy (proxy.ts) call
// them through lib/instance.ts. Tests build them with the provider they choose.
import { AuthmuxError, httpStatusOf, isAuthmuxError, supports, type WebhookEvent } from "@authmux/core";
import type { FakeProviderControls } from "@authmux/core/testing";
import { nextAuth } from "@authmux/middleware/next";
import { NextResponse } from "next/server";
import type { AppProvider } from "./provider";

export interface AppOptions {
  /** How long the vendor's answer about a session is reused (default 5000; 0 asks on every request). */
  sessionCacheMs?: number;
  /** Called with each verified webhook delivery. */
  onWebhook?: (event: WebhookEvent) => void | Promise<void>;
  /** Mock/fake only: serves POST /api/dev/sign-in, which mints a token. */
  controls?: FakeProviderControls | null;
}

type Handler = (request: Request) => Promise<Response>;

export interface AppHandlers {
  provider: AppProvider;
  health: Handler;
  me: Handler;
  webhooks: Handler;
  signIn: Handler;
  /** proxy.ts: 401 without a valid session, else on to the route. */
  proxy: Handler;
}

const errorJson = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

/** Route handlers have no app-wide error handler: each answers an AuthmuxError with the status its code maps to. */
function answering(handler: Handler): Handler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      if (isAuthmuxError(error)) return errorJson(httpStatusOf(error), error.code, error.message);
      console.error(error);
      return errorJson(500, "internal", "unexpected error; see the server log");
    }
  };
}

export function createHandlers(provider: AppProvider, options: AppOptions = {}): AppHandlers {
  // Where the provider has sessions.authenticate (Clerk, Stytch, the mock), a revoked session is refused at once.
  const { requireSession } = nextAuth(provider, { checkSession: { cacheMs: options.sessionCacheMs ?? 5000 } });
  const { controls, onWebhook } = options;

  const me = requireSession(async (request) => {
    const user = await request.auth.getUser();
    if (!user) throw new AuthmuxError("not_found", "the token's user no longer exists", { provider: provider.name });
    return Response.json({ user: { id: user.id, email: user.email, name: user.name }, sessionId: request.auth.sessionId, sessionChecked: request.auth.sessionChecked });
  });

  async function webhooks(request: Request): Promise<Response> {
    if (!supports(provider, "webhooks")) {
      return errorJson(501, "not_supported", `provider "${provider.name}" has no webhooks: set its webhook signing secret to enable them`);
    }
    // The raw bytes: the signature covers them, not a parsed and re-serialised body. A bad one is webhook_invalid (400).
    const event = await provider.webhooks.verify(new Uint8Array(await request.arrayBuffer()), request.headers);
    await onWebhook?.(event);
    return Response.json({ received: true });
  }

  // What a vendor's frontend SDK does after sign-in, for trying the app on the mock or a fake.
  async function signIn(request: Request): Promise<Response> {
    if (!controls) return errorJson(404, "not_found", "POST /api/dev/sign-in is served on the mock and the fakes only");
    const body: unknown = await request.json().catch(() => null);
    const email = typeof body === "object" && body !== null && "email" in body && typeof body.email === "string" ? body.email : "";
    if (!email.includes("@")) throw new AuthmuxError("invalid_input", 'send JSON { "email": "…" }');
    const { id } = (await controls.peekUser({ email })) ?? (await controls.seedUser({ email }));
    return Response.json({ userId: id, token: await controls.issueToken(id) });
  }

  const gate = requireSession(async () => NextResponse.next());

  return {
    provider,
    health: answering(async () => Response.json({ ok: true, provider: provider.name })),
    me: answering((request) => me(request, undefined)),
    webhooks: answering(webhooks),
    signIn: answering(signIn),
    // A valid session goes on to the route (which checks again: the proxy is a first gate, not the only one).
    proxy: answering((request) => gate(request, undefined)),
  };
}
