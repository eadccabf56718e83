import { defineAdapter, type Provider } from "@authmux/core";
import { createAppSession } from "./app-session.js";
import { CONNECTYCUBE_API_URL, CONNECTYCUBE_ENV, connectycubeOptionsSchema, DEFAULT_TOKEN_CACHE_MS } from "./config.js";
import { PROVIDER } from "./constants.js";
import type { ConnectyCubeContext } from "./context.js";
import { toAuthmuxError } from "./errors.js";
import { passwordsMember } from "./passwords.js";
import { sessionsMember } from "./sessions.js";
import { createTokenChecker } from "./token-check.js";
import { tokensMember } from "./tokens.js";
import { usersDeleteMember, usersMember } from "./users.js";
import { type ConnectyCubeVendor, connectycubeVendor } from "./vendor.js";

/**
 * What ConnectyCube's API always allows. No user listing (the v2 search needs a filter), no server-side
 * update or metadata (they need the user's own token), no session listing (vendors/connectycube.md §4, §5).
 */
export const CONNECTYCUBE_CAPABILITIES = ["users.read", "users.create", "tokens.verify", "sessions.authenticate", "sessions.revoke", "passwords"] as const;

/** The capabilities a ConnectyCube provider always has. */
export type ConnectyCubeCapability = (typeof CONNECTYCUBE_CAPABILITIES)[number];

/** A ConnectyCube provider; `users.delete` comes with an `adminApiKey`. */
export type ConnectyCubeProvider<C extends ConnectyCubeCapability | "users.delete" = ConnectyCubeCapability> = Provider<"connectycube", C, ConnectyCubeVendor>;

const adapter = defineAdapter({
  name: PROVIDER,
  capabilities: CONNECTYCUBE_CAPABILITIES,
  optional: {
    /** `users.delete` comes with the `adminApiKey` option. */
    "users.delete": "adminApiKey",
  },
  options: connectycubeOptionsSchema,
  env: CONNECTYCUBE_ENV,
  http: (options) => ({
    baseUrl: options.baseUrl ?? CONNECTYCUBE_API_URL,
    // Credentials travel per call (CB-Token, CB-AuthKey, CB-Administration-API-Key): each call says which.
    secrets: [options.authKey, ...(options.authSecret ? [options.authSecret] : []), ...(options.adminApiKey ? [options.adminApiKey] : [])],
    mapError: toAuthmuxError,
  }),
  build(options, { http, clock }) {
    const app = createAppSession(http, options).request;
    const tokens = createTokenChecker(http, app, clock, options.tokenCacheMs ?? DEFAULT_TOKEN_CACHE_MS);
    const context: ConnectyCubeContext = { http, app, tokens, options, clock };
    return {
      vendor: connectycubeVendor(context),
      members: {
        users: usersMember(context),
        tokens: tokensMember(context),
        sessions: sessionsMember(context),
        passwords: passwordsMember(context),
      },
      optional: { "users.delete": (adminApiKey) => ({ users: usersDeleteMember(context, adminApiKey) }) },
    };
  },
});

/**
 * The ConnectyCube adapter. Options are validated at once; nothing is sent until a call, and the
 * application session is created by the first call that needs it.
 *
 * @example
 * const auth = connectycube({ appId: process.env.CONNECTYCUBE_APP_ID!, authKey: process.env.CONNECTYCUBE_AUTH_KEY! });
 * const { user, session } = await auth.sessions.authenticate(tokenFromTheClient);
 */
export const connectycube = adapter.create;

/** How `loadProvider({ provider: "connectycube" })` and `AUTHMUX_PROVIDER=connectycube` build the adapter. */
export const definition = adapter.definition;
