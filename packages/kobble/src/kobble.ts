import { defineAdapter, type Provider } from "@authmux/core";
import { KOBBLE_API_URL, KOBBLE_ENV, kobbleOptionsSchema } from "./config.js";
import { PROVIDER } from "./context.js";
import { toAuthmuxError } from "./errors.js";
import { loginLinksMember } from "./login-links.js";
import { permissionsMember } from "./permissions.js";
import { quotasMember } from "./quotas.js";
import { tokensMember } from "./tokens.js";
import { usersMember } from "./users.js";
import { type KobbleVendor, kobbleVendor } from "./vendor.js";
import { webhooksMember } from "./webhooks.js";

/** What Kobble's API allows: no user update or delete, no sessions, no passwords (vendors/kobble.md §10). */
export const KOBBLE_CAPABILITIES = ["users.read", "users.list", "users.create", "users.metadata", "tokens.verify", "quotas", "permissions", "loginLinks"] as const;

/** The capabilities a Kobble provider always has. */
export type KobbleCapability = (typeof KOBBLE_CAPABILITIES)[number];

/** A Kobble provider; `webhooks` comes with a `webhookSecret`. */
export type KobbleProvider<C extends KobbleCapability | "webhooks" = KobbleCapability> = Provider<"kobble", C, KobbleVendor>;

const adapter = defineAdapter({
  name: PROVIDER,
  capabilities: KOBBLE_CAPABILITIES,
  optional: {
    /** `webhooks` comes with the `webhookSecret` option. */
    webhooks: "webhookSecret",
  },
  options: kobbleOptionsSchema,
  env: KOBBLE_ENV,
  http: (options) => ({
    baseUrl: options.baseUrl ?? KOBBLE_API_URL,
    headers: { "kobble-sdk-secret": options.secret },
    secrets: [options.secret, ...(options.webhookSecret ? [options.webhookSecret] : [])],
    mapError: toAuthmuxError,
  }),
  build(options, { http, clock }) {
    const context = { http, options, clock };
    return {
      vendor: kobbleVendor(context),
      members: {
        users: usersMember(context),
        tokens: tokensMember(context),
        quotas: quotasMember(context),
        permissions: permissionsMember(context),
        loginLinks: loginLinksMember(context),
      },
      optional: { webhooks: (secret) => ({ webhooks: webhooksMember(context, secret) }) },
    };
  },
});

/**
 * The Kobble adapter. Options are validated at once (`invalid_input` naming the option); nothing is sent
 * until a method is called.
 *
 * @example
 * const auth = kobble({ secret: process.env.KOBBLE_SDK_SECRET!, webhookSecret: process.env.KOBBLE_WEBHOOK_SECRET });
 * if (await auth.quotas.hasRemaining(userId, "exports")) await auth.quotas.increment(userId, "exports");
 */
export const kobble = adapter.create;

/** How `loadProvider({ provider: "kobble" })` and `AUTHMUX_PROVIDER=kobble` build the adapter. */
export const definition = adapter.definition;
