import { assembleProvider, createHttpClient, parseOptions, type Provider } from "@authmux/core";
import { createAppSession } from "./app-session.js";
import { CONNECTYCUBE_API_URL, CONNECTYCUBE_ENV, type ConnectyCubeOptions, connectycubeOptionsSchema, DEFAULT_TOKEN_CACHE_MS, type ParsedOptions } from "./config.js";
import { type ConnectyCubeContext, PROVIDER } from "./context.js";
import { toAuthmuxError } from "./errors.js";
import { passwordsMember } from "./passwords.js";
import { sessionsMember } from "./sessions.js";
import { createTokenChecker } from "./token-check.js";
import { tokensMember } from "./tokens.js";
import { usersMember } from "./users.js";
import { type ConnectyCubeVendor, connectycubeVendor } from "./vendor.js";

/**
 * What ConnectyCube's API always allows. No user listing (the v2 search needs a filter), no server-side
 * update or metadata (they need the user's own token), no session listing (vendors/connectycube.md §4, §5).
 */
export const CONNECTYCUBE_CAPABILITIES = [
  "users.read",
  "users.create",
  "tokens.verify",
  "sessions.authenticate",
  "sessions.revoke",
  "passwords",
] as const;

/** The capabilities a ConnectyCube provider always has. */
export type ConnectyCubeCapability = (typeof CONNECTYCUBE_CAPABILITIES)[number];

/** A ConnectyCube provider; `users.delete` comes with an `adminApiKey`. */
export type ConnectyCubeProvider<C extends ConnectyCubeCapability | "users.delete" = ConnectyCubeCapability> = Provider<"connectycube", C, ConnectyCubeVendor>;

type WithDelete<O> = O extends { adminApiKey: string } ? "users.delete" : never;

/**
 * The ConnectyCube adapter. Options are validated at once; nothing is sent until a call, and the
 * application session is created by the first call that needs it.
 *
 * @example
 * const auth = connectycube({ appId: process.env.CONNECTYCUBE_APP_ID!, authKey: process.env.CONNECTYCUBE_AUTH_KEY! });
 * const { user, session } = await auth.sessions.authenticate(tokenFromTheClient);
 */
export function connectycube<const O extends ConnectyCubeOptions>(options: O): ConnectyCubeProvider<ConnectyCubeCapability | WithDelete<O>> {
  const parsed = parseOptions(PROVIDER, connectycubeOptionsSchema, options, CONNECTYCUBE_ENV) as ParsedOptions;
  const clock = parsed.clock ?? Date.now;
  const http = createHttpClient({
    provider: PROVIDER,
    baseUrl: parsed.baseUrl ?? CONNECTYCUBE_API_URL,
    // Credentials travel per call (CB-Token, CB-AuthKey, CB-Administration-API-Key): each call says which.
    secrets: [parsed.authKey, ...(parsed.authSecret ? [parsed.authSecret] : []), ...(parsed.adminApiKey ? [parsed.adminApiKey] : [])],
    mapError: toAuthmuxError,
    clock,
    fetch: parsed.fetch,
    timeoutMs: parsed.timeoutMs,
    retry: parsed.retry,
  });
  const app = createAppSession(http, parsed).request;
  const tokens = createTokenChecker(http, app, clock, parsed.tokenCacheMs ?? DEFAULT_TOKEN_CACHE_MS);
  const context: ConnectyCubeContext = { http, app, tokens, options: parsed, clock };
  const users = usersMember(context);
  return assembleProvider({
    name: PROVIDER,
    capabilities: parsed.adminApiKey ? [...CONNECTYCUBE_CAPABILITIES, "users.delete" as const] : [...CONNECTYCUBE_CAPABILITIES],
    vendor: connectycubeVendor(context),
    implementation: {
      users,
      tokens: tokensMember(context),
      sessions: sessionsMember(context),
      passwords: passwordsMember(context),
    },
  }) as never;
}
