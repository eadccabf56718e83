import { AuthmuxError, defineAdapter, type Provider } from "@authmux/core";
import { CLERK_API_URL, CLERK_API_VERSION, CLERK_ENV, clerkOptionsSchema, issuerFromPublishableKey } from "./config.js";
import { type ClerkContext, PROVIDER } from "./context.js";
import { toAuthmuxError } from "./errors.js";
import { loginLinksMember } from "./login-links.js";
import { passwordImportMembers } from "./password-import.js";
import { passwordsMember } from "./passwords.js";
import { sessionsMember } from "./sessions.js";
import { tokensMember } from "./tokens.js";
import { usersMember } from "./users.js";
import { type ClerkVendor, clerkVendor } from "./vendor.js";
import { webhooksMember } from "./webhooks.js";

/** What Clerk's Backend API allows. */
export const CLERK_CAPABILITIES = ["users.read", "users.list", "users.create", "users.update", "users.delete", "users.metadata", "tokens.verify", "sessions.authenticate", "sessions.list", "sessions.revoke", "loginLinks", "passwords", "passwords.import", "passwords.set"] as const;

/** One of {@link CLERK_CAPABILITIES}. */
export type ClerkCapability = (typeof CLERK_CAPABILITIES)[number];

/** A Clerk provider; `webhooks` comes with `webhookSecret`. */
export type ClerkProvider<C extends ClerkCapability | "webhooks" = ClerkCapability> = Provider<"clerk", C, ClerkVendor>;

const adapter = defineAdapter({
  name: PROVIDER,
  capabilities: CLERK_CAPABILITIES,
  optional: {
    /** `webhooks` comes with the `webhookSecret` option. */
    webhooks: "webhookSecret",
  },
  options: clerkOptionsSchema,
  env: CLERK_ENV,
  http: (options) => ({
    baseUrl: options.baseUrl ?? (options.apiUrl ? `${options.apiUrl.replace(/\/$/, "")}/v1` : CLERK_API_URL),
    headers: { authorization: `Bearer ${options.secretKey}`, "clerk-api-version": options.apiVersion ?? CLERK_API_VERSION },
    secrets: [options.secretKey, ...(options.webhookSecret ? [options.webhookSecret] : [])],
    mapError: toAuthmuxError,
  }),
  build(options, { http, clock }) {
    const issuer = options.issuer ?? (options.publishableKey ? issuerFromPublishableKey(options.publishableKey) : undefined);
    if (!issuer) {
      throw new AuthmuxError("invalid_input", "invalid clerk options: tokens need a pinned issuer: set publishableKey (CLERK_PUBLISHABLE_KEY) or issuer", { provider: PROVIDER });
    }
    const metadataKey = options.metadataField === "private" ? "private_metadata" : "public_metadata";
    const context: ClerkContext = { http, options, clock, issuer, metadataKey };
    const tokens = tokensMember(context);
    return {
      vendor: clerkVendor(context),
      members: {
        users: usersMember(context),
        tokens,
        sessions: sessionsMember(context, tokens),
        loginLinks: loginLinksMember(context),
        passwords: { ...passwordsMember(context), ...passwordImportMembers(context) },
      },
      optional: { webhooks: (secret) => ({ webhooks: webhooksMember(context, secret) }) },
    };
  },
});

/**
 * The Clerk adapter. The token issuer is pinned: `issuer`, or the Frontend API derived from
 * `publishableKey`; one of them is required. Nothing is sent until a call.
 *
 * @example
 * const auth = clerk({ secretKey: process.env.CLERK_SECRET_KEY!, publishableKey: process.env.CLERK_PUBLISHABLE_KEY!, jwtKey: process.env.CLERK_JWT_KEY });
 * const { userId, sessionId } = await auth.tokens.verify(sessionToken);
 */
export const clerk = adapter.create;

/** How `loadProvider({ provider: "clerk" })` and `AUTHMUX_PROVIDER=clerk` build the adapter. */
export const definition = adapter.definition;
