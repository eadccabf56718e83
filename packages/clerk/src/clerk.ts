import { AuthmuxError, assembleProvider, createHttpClient, parseOptions, type Provider } from "@authmux/core";
import { CLERK_API_URL, CLERK_API_VERSION, CLERK_ENV, type ClerkOptions, clerkOptionsSchema, issuerFromPublishableKey } from "./config.js";
import { type ClerkContext, PROVIDER } from "./context.js";
import { toAuthmuxError } from "./errors.js";
import { loginLinksMember } from "./login-links.js";
import { passwordsMember } from "./passwords.js";
import { sessionsMember } from "./sessions.js";
import { tokensMember } from "./tokens.js";
import { usersMember } from "./users.js";
import { type ClerkVendor, clerkVendor } from "./vendor.js";
import { webhooksMember } from "./webhooks.js";

/** What Clerk's Backend API allows. */
export const CLERK_CAPABILITIES = [
  "users.read",
  "users.list",
  "users.create",
  "users.update",
  "users.delete",
  "users.metadata",
  "tokens.verify",
  "sessions.authenticate",
  "sessions.list",
  "sessions.revoke",
  "loginLinks",
  "passwords",
] as const;

export type ClerkCapability = (typeof CLERK_CAPABILITIES)[number];

/** A Clerk provider; `webhooks` comes with `webhookSecret`. */
export type ClerkProvider<C extends ClerkCapability | "webhooks" = ClerkCapability> = Provider<"clerk", C, ClerkVendor>;

type WithHooks<O> = O extends { webhookSecret: string } ? "webhooks" : never;

/**
 * The Clerk adapter. The token issuer is pinned: `issuer`, or the Frontend API derived from
 * `publishableKey`; one of them is required. Nothing is sent until a call.
 *
 * @example
 * const auth = clerk({ secretKey: process.env.CLERK_SECRET_KEY!, publishableKey: process.env.CLERK_PUBLISHABLE_KEY!, jwtKey: process.env.CLERK_JWT_KEY });
 * const { userId, sessionId } = await auth.tokens.verify(sessionToken);
 */
export function clerk<const O extends ClerkOptions>(options: O): ClerkProvider<ClerkCapability | WithHooks<O>> {
  const parsed = parseOptions(PROVIDER, clerkOptionsSchema, options, CLERK_ENV) as ClerkOptions;
  const issuer = parsed.issuer ?? (parsed.publishableKey ? issuerFromPublishableKey(parsed.publishableKey) : undefined);
  if (!issuer) {
    throw new AuthmuxError("invalid_input", "invalid clerk options: tokens need a pinned issuer: set publishableKey (CLERK_PUBLISHABLE_KEY) or issuer", { provider: PROVIDER });
  }
  const clock = parsed.clock ?? Date.now;
  const http = createHttpClient({
    provider: PROVIDER,
    baseUrl: parsed.baseUrl ?? CLERK_API_URL,
    headers: { authorization: `Bearer ${parsed.secretKey}`, "clerk-api-version": parsed.apiVersion ?? CLERK_API_VERSION },
    secrets: [parsed.secretKey, ...(parsed.webhookSecret ? [parsed.webhookSecret] : [])],
    mapError: toAuthmuxError,
    clock,
    fetch: parsed.fetch,
    timeoutMs: parsed.timeoutMs,
    retry: parsed.retry,
  });
  const metadataKey = parsed.metadataField === "private" ? "private_metadata" : "public_metadata";
  const context: ClerkContext = { http, options: parsed, clock, issuer, metadataKey };
  const tokens = tokensMember(context);
  return assembleProvider({
    name: PROVIDER,
    capabilities: [...CLERK_CAPABILITIES, ...(parsed.webhookSecret ? (["webhooks"] as const) : [])],
    vendor: clerkVendor(context),
    implementation: {
      users: usersMember(context),
      tokens,
      sessions: sessionsMember(context, tokens),
      loginLinks: loginLinksMember(context),
      passwords: passwordsMember(context),
      ...(parsed.webhookSecret ? { webhooks: webhooksMember(context) } : {}),
    },
  }) as never;
}
