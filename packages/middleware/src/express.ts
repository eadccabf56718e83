// Node entry point (Express runs on Node): reads request bodies from Node streams.
import { isAuthmuxError, type ProviderWith, type WebhookEvent } from "@authmux/core";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { type AuthContext, type AuthenticateOptions, authenticateHeaders, BEARER_CHALLENGE, unauthorizedBody, type VerifyingProvider } from "./context.js";

export type { AuthContext } from "./context.js";

declare global {
  // Express's own extension point: `req.auth` after authMiddleware / requireAuth.
  namespace Express {
    interface Request {
      auth?: AuthContext | null;
    }
  }
}

/** Sets `req.auth` to the request's {@link AuthContext} (or `null`) and calls `next()`; outages go to `next(error)`. */
export function authMiddleware(provider: VerifyingProvider, options?: AuthenticateOptions): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    authenticateHeaders(provider, req.headers, options).then(
      ({ auth }) => {
        req.auth = auth;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** A request that passed {@link requireAuth}: `req.auth` is set. */
export type AuthedRequest = Request & {
  /** Who made the request. */
  auth: AuthContext;
};

/** A route handler under {@link requireAuth}: its `req.auth` is typed non-null. */
export type AuthedHandler = (req: AuthedRequest, res: Response, next: NextFunction) => unknown;

/**
 * Answers 401 JSON (`{ error: { code, message } }`) without a valid token; otherwise sets `req.auth` and continues.
 * Given a handler, it wraps it, and the handler's `req.auth` is typed non-null.
 *
 * @example
 * app.get("/api/me", requireAuth(provider, (req, res) => res.json({ userId: req.auth.userId })));
 * app.use("/api", requireAuth(provider, { checkSession: true }));   // revoked sessions get 401 at once
 */
export function requireAuth(provider: VerifyingProvider, options?: AuthenticateOptions): RequestHandler;
export function requireAuth(provider: VerifyingProvider, handler: AuthedHandler): RequestHandler;
export function requireAuth(provider: VerifyingProvider, options: AuthenticateOptions, handler: AuthedHandler): RequestHandler;
export function requireAuth(provider: VerifyingProvider, second?: AuthenticateOptions | AuthedHandler, third?: AuthedHandler): RequestHandler {
  const options = typeof second === "function" ? undefined : second;
  const handler = typeof second === "function" ? second : third;
  return (req: Request, res: Response, next: NextFunction) => {
    authenticateHeaders(provider, req.headers, options).then((outcome) => {
      if (!outcome.auth) {
        res.status(401).set("www-authenticate", BEARER_CHALLENGE).json(unauthorizedBody(outcome.error));
        return;
      }
      req.auth = outcome.auth;
      if (!handler) return next();
      return Promise.resolve(handler(req as AuthedRequest, res, next)).then(undefined, next);
    }, next);
  };
}

/**
 * A route handler for vendor webhooks: reads the RAW body itself, verifies it with the provider, calls
 * `onEvent`, and answers 200 `{ received: true }`; a bad signature is 400. Mount it before any JSON body
 * parser: a parsed body no longer matches the signature, and is refused with a message saying so.
 *
 * @example
 * app.post("/webhooks/clerk", webhookHandler(auth, async (event) => { if (event.type === "user.deleted") … }));
 */
export function webhookHandler(provider: ProviderWith<"webhooks">, onEvent: (event: WebhookEvent, req: Request) => void | Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    (async () => {
      const parsed = req.body;
      let body: Uint8Array;
      if (parsed instanceof Uint8Array) body = parsed; // express.raw() already read the bytes
      else if (typeof parsed === "string") body = new TextEncoder().encode(parsed);
      else if (parsed !== undefined) {
        res.status(500).json({
          error: {
            code: "invalid_input",
            message: "the webhook body was already parsed (express.json() ran first): mount webhookHandler before body parsers, or use express.raw({ type: '*/*' }) on this route; signatures cover the raw bytes",
          },
        });
        return;
      } else body = await readStream(req); // no body parser ran: the stream is untouched
      try {
        const event = await provider.webhooks.verify(body, req.headers);
        await onEvent(event, req);
        res.status(200).json({ received: true });
      } catch (error) {
        if (isAuthmuxError(error) && error.code === "webhook_invalid") {
          res.status(400).json({ error: { code: error.code, message: error.message } });
          return;
        }
        throw error;
      }
    })().catch(next);
  };
}

async function readStream(req: Request): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.length;
    // Webhook payloads are small; refuse to buffer an unbounded stream.
    if (size > 5 * 1024 * 1024) throw Object.assign(new Error("webhook body over 5 MiB"), { status: 413 });
    chunks.push(bytes);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
