import { defineAdapter, type Provider } from "@authmux/core";
import { defaultBaseUrl, STYTCH_ENV, stytchOptionsSchema } from "./config.js";
import { PROVIDER, type StytchContext } from "./context.js";
import { toAuthmuxError } from "./errors.js";
import { loginLinksMember } from "./login-links.js";
import { passwordImportMembers } from "./password-import.js";
import { passwordsMember } from "./passwords.js";
import { sessionsMember } from "./sessions.js";
import { tokensMember } from "./tokens.js";
import { usersMember } from "./users.js";
import { type StytchVendor, stytchVendor } from "./vendor.js";
import { webhooksMember } from "./webhooks.js";

/** What Stytch's consumer API always allows. */
export const STYTCH_CAPABILITIES = ["users.read", "users.list", "users.create", "users.update", "users.delete", "users.metadata", "tokens.verify", "sessions.authenticate", "sessions.list", "sessions.revoke", "passwords", "passwords.import", "passwords.set"] as const;

/** One of {@link STYTCH_CAPABILITIES}. */
export type StytchCapability = (typeof STYTCH_CAPABILITIES)[number];

/** A Stytch provider: `loginLinks` comes with `loginRedirectUrl`, `webhooks` with `webhookSecret`. */
export type StytchProvider<C extends StytchCapability | "loginLinks" | "webhooks" = StytchCapability> = Provider<"stytch", C, StytchVendor>;

const adapter = defineAdapter({
  name: PROVIDER,
  capabilities: STYTCH_CAPABILITIES,
  optional: {
    /** Enabled by `loginRedirectUrl`. */
    loginLinks: "loginRedirectUrl",
    /** Enabled by `webhookSecret`. */
    webhooks: "webhookSecret",
  },
  options: stytchOptionsSchema,
  env: STYTCH_ENV,
  http: (options) => {
    const basic = btoa(`${options.projectId}:${options.secret}`);
    return {
      baseUrl: options.baseUrl ?? defaultBaseUrl(options.projectId),
      headers: { authorization: `Basic ${basic}` },
      secrets: [options.secret, basic, ...(options.webhookSecret ? [options.webhookSecret] : [])],
      mapError: toAuthmuxError,
    };
  },
  build(options, { http, clock }) {
    const context: StytchContext = { http, options, clock };
    return {
      vendor: stytchVendor(context),
      members: {
        users: usersMember(context),
        tokens: tokensMember(context),
        sessions: sessionsMember(context),
        passwords: { ...passwordsMember(context), ...passwordImportMembers(context) },
      },
      optional: {
        loginLinks: (redirectUrl) => ({ loginLinks: loginLinksMember(context, redirectUrl) }),
        webhooks: (secret) => ({ webhooks: webhooksMember(context, secret) }),
      },
    };
  },
});

/**
 * The Stytch adapter (consumer API). The base URL follows the project id (`project-live-…` → live,
 * otherwise test) unless `baseUrl` is given. Options are validated at once; nothing is sent until a call.
 *
 * @example
 * const auth = stytch({ projectId: process.env.STYTCH_PROJECT_ID!, secret: process.env.STYTCH_SECRET! });
 * const { userId, sessionId } = await auth.tokens.verify(sessionJwt);
 */
export const stytch = adapter.create;

/** How `loadProvider({ provider: "stytch" })` and `AUTHMUX_PROVIDER=stytch` build the adapter. */
export const definition = adapter.definition;
