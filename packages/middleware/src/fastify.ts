// Node entry point (Fastify runs on Node): its requests carry Node's IncomingHttpHeaders and Buffer bodies.
import { isAuthmuxError, type ProviderWith, type WebhookEvent } from "@authmux/core";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { type AuthContext, type AuthenticateOptions, authenticateHeaders, BEARER_CHALLENGE, unauthorizedBody, type VerifyingProvider } from "./context.js";

export type { AuthContext } from "./context.js";

declare module "fastify" {
  // Fastify's extension point for decorators: `request.auth` after authPlugin / requireAuth.
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/** Options of {@link authPlugin}: the provider, and the same options as every other entry of this package. */
export interface FastifyAuthOptions extends AuthenticateOptions {
  /** The provider that verifies the requests' tokens. */
  provider: VerifyingProvider;
  /** `true`: every route in the plugin's scope answers 401 without a valid token. Default `false`: `request.auth` is `null`. */
  required?: boolean;
}

/** A request that passed {@link requireAuth}: `request.auth` is set. */
export type AuthedRequest = FastifyRequest & {
  /** Who made the request. */
  auth: AuthContext;
};


// Answering early from an async hook: send, then return the reply (Fastify's documented convention).
async function authenticate(provider: VerifyingProvider, options: AuthenticateOptions, required: boolean, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const outcome = await authenticateHeaders(provider, request.headers, options);
  request.auth = outcome.auth;
  if (!required || outcome.auth) return undefined;
  return reply.code(401).header("www-authenticate", BEARER_CHALLENGE).send(unauthorizedBody(outcome.error));
}

const pluginBody: FastifyPluginAsync<FastifyAuthOptions> = async (fastify, { provider, required = false, ...options }) => {
  // `null` first, as Fastify asks of decorators, so every request object has the same shape.
  if (!fastify.hasRequestDecorator("auth")) fastify.decorateRequest("auth", null);
  // onRequest: before the body is read, so an anonymous caller of a required scope never costs a parse.
  fastify.addHook("onRequest", (request, reply) => authenticate(provider, options, required, request, reply));
};

/**
 * A Fastify plugin that sets `request.auth` to the request's {@link AuthContext} (or `null`); with
 * `required: true` it answers 401 JSON (`{ error: { code, message } }`) instead. Outages are thrown (500),
 * never answered as anonymous. Registered in a scope, it applies to that scope's routes.
 *
 * @example
 * await app.register(authPlugin, { provider, checkSession: true });
 * app.get("/feed", async (request) => ({ signedIn: request.auth !== null }));
 */
// Fastify gives every registered plugin its own encapsulated context; the `skip-override` hidden property
// (the documented alternative to the `fastify-plugin` helper, which this package does not depend on) makes
// it run in the registering context instead, so its decorator and hook reach the routes beside it.
export const authPlugin: FastifyPluginAsync<FastifyAuthOptions> = Object.assign(pluginBody, {
  [Symbol.for("skip-override")]: true,
  [Symbol.for("fastify.display-name")]: "@authmux/middleware/fastify",
});

/**
 * A `preHandler` (or `onRequest`) hook answering 401 JSON without a valid token, with the same body and
 * `WWW-Authenticate` header as the other entries; otherwise it sets `request.auth` and the route runs.
 *
 * @example
 * app.get("/me", { preHandler: requireAuth(provider) }, async (request) => ({ userId: (request as AuthedRequest).auth.userId }));
 */
export function requireAuth(provider: VerifyingProvider, options: AuthenticateOptions = {}): preHandlerAsyncHookHandler {
  return async function requireAuthHook(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    return authenticate(provider, options, true, request, reply);
  };
}

/** Options of {@link webhookRoute}. */
export interface WebhookRouteOptions {
  /** The largest body accepted, in bytes; default 1 MiB (Fastify answers 413 above it). */
  bodyLimit?: number;
}

/**
 * A plugin adding `POST path` for vendor webhooks: it reads the RAW bytes of the body (a buffer parser for
 * every content type, inside the plugin's own encapsulated context, so the app's other routes still get
 * parsed JSON), verifies them with the provider, calls `onEvent` and answers 200 `{ received: true }`; a bad
 * signature is 400 `webhook_invalid`. Register it outside a `required: true` {@link authPlugin} scope:
 * webhooks carry a signature, not a user's token.
 *
 * @example
 * await app.register(webhookRoute(provider, "/webhooks/clerk", async (event) => { if (event.type === "user.deleted") … }));
 */
export function webhookRoute(
  provider: ProviderWith<"webhooks">,
  path: string,
  onEvent: (event: WebhookEvent, request: FastifyRequest) => void | Promise<void>,
  options: WebhookRouteOptions = {},
): FastifyPluginAsync {
  // No skip-override here: the parsers below must stay inside this plugin's context.
  return async (fastify) => {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: options.bodyLimit ?? 1024 * 1024 }, (_request, body, done) => done(null, body));
    fastify.post(path, async (request, reply) => {
      const body = request.body instanceof Uint8Array ? request.body : new Uint8Array(0);
      try {
        const event = await provider.webhooks.verify(body, request.headers);
        await onEvent(event, request);
      } catch (error) {
        // The provider's message names what failed (signature, timestamp, header), never the secret.
        if (isAuthmuxError(error) && error.code === "webhook_invalid") return reply.code(400).send({ error: { code: error.code, message: error.message } });
        throw error;
      }
      return reply.code(200).send({ received: true });
    });
  };
}
