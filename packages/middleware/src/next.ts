import type { IncomingHttpHeaders } from "node:http";
import { type AuthContext, type AuthenticateOptions, authenticateHeaders, BEARER_CHALLENGE, unauthorizedBody, type VerifyingProvider } from "./context.js";

export type { AuthContext } from "./context.js";

/** The parts of Next's `NextApiRequest` / `NextApiResponse` (pages router) this module uses. */
export interface NextApiRequestLike {
  /** The request headers. */
  headers: IncomingHttpHeaders;
}
/** The part of Next's `NextApiResponse` this module uses. */
export interface NextApiResponseLike {
  /** Sets the status; its `json` sends the body. */
  status(code: number): {
    /** Sends `body` as JSON. */
    json(body: unknown): unknown;
  };
  /** Sets a response header. */
  setHeader?(name: string, value: string): unknown;
}

/** `T` with the request's `auth`. */
export type WithAuth<T, A> = T & {
  /** Who made the request (`null` under `withSession` without a valid token). */
  auth: A;
};
/** An app-router route handler. */
export type RouteHandler<A, C> = (request: WithAuth<Request, A>, context: C) => Response | Promise<Response>;
/** A pages-router API route. */
export type ApiHandler<A, Req extends NextApiRequestLike, Res extends NextApiResponseLike> = (req: WithAuth<Req, A>, res: Res) => unknown;

/** `withSession` and `requireSession` bound to one provider. */
export interface NextAuth {
  /** Adds `auth` (an {@link AuthContext} or `null`) to the request of a route handler or API route. */
  withSession<C = unknown>(handler: RouteHandler<AuthContext | null, C>): (request: Request, context: C) => Promise<Response>;
  /** The same for a pages-router API route. */
  withSession<Req extends NextApiRequestLike, Res extends NextApiResponseLike>(handler: ApiHandler<AuthContext | null, Req, Res>): (req: Req, res: Res) => Promise<unknown>;
  /** Answers 401 JSON without a valid token; the handler's `auth` is never null. */
  requireSession<C = unknown>(handler: RouteHandler<AuthContext, C>): (request: Request, context: C) => Promise<Response>;
  /** The same for a pages-router API route: 401 JSON without a valid token. */
  requireSession<Req extends NextApiRequestLike, Res extends NextApiResponseLike>(handler: ApiHandler<AuthContext, Req, Res>): (req: Req, res: Res) => Promise<unknown>;
}

/**
 * Next.js helpers in the spirit of the old Clerk SDK's `withSession` / `requireSession`, for every
 * provider, for app-router route handlers (`Request` → `Response`) and pages-router API routes.
 *
 * @example
 * const { requireSession } = nextAuth(await loadProvider({ requires: ["tokens.verify"] }));
 * export const GET = requireSession(async (request) => Response.json({ userId: request.auth.userId }));
 */
export function nextAuth(provider: VerifyingProvider, options?: AuthenticateOptions): NextAuth {
  const wrap =
    (required: boolean) =>
    (handler: (a: unknown, b: unknown) => unknown) =>
    async (first: unknown, second: unknown): Promise<unknown> => {
      const isRoute = typeof Request !== "undefined" && first instanceof Request;
      const headers = isRoute ? (first as Request).headers : (first as NextApiRequestLike).headers;
      const outcome = await authenticateHeaders(provider, headers, options);
      if (required && !outcome.auth) {
        if (isRoute) return Response.json(unauthorizedBody(outcome.error), { status: 401, headers: { "www-authenticate": BEARER_CHALLENGE } });
        const res = second as NextApiResponseLike;
        res.setHeader?.("www-authenticate", BEARER_CHALLENGE);
        return res.status(401).json(unauthorizedBody(outcome.error));
      }
      Object.defineProperty(first as object, "auth", { value: outcome.auth, enumerable: true, configurable: true });
      return handler(first, second);
    };
  return { withSession: wrap(false), requireSession: wrap(true) } as unknown as NextAuth;
}
