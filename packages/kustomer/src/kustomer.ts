import { AuthmuxError, defineAdapter, type Provider } from "@authmux/core";
import { chatSecretSource } from "./chat-secret.js";
import { KUSTOMER_ENV, kustomerOptionsSchema, kustomerOrgUrl } from "./config.js";
import { type KustomerContext, PROVIDER } from "./context.js";
import { createMetadataCodec } from "./custom-attributes.js";
import { toAuthmuxError } from "./errors.js";
import { tokensMember } from "./tokens.js";
import { usersMember } from "./users.js";
import { type KustomerVendor, kustomerVendor } from "./vendor.js";
import { webhooksMember } from "./webhooks.js";

/** What Kustomer's API allows: customers in full and chat login tokens; no sessions, passwords, quotas or links (vendors/kustomer.md §4). */
export const KUSTOMER_CAPABILITIES = ["users.read", "users.list", "users.create", "users.update", "users.delete", "users.metadata", "tokens.verify", "tokens.issue"] as const;

/** The capabilities a Kustomer provider always has. */
export type KustomerCapability = (typeof KUSTOMER_CAPABILITIES)[number];

/** A Kustomer provider; `webhooks` comes with a `webhookToken`. */
export type KustomerProvider<C extends KustomerCapability | "webhooks" = KustomerCapability> = Provider<"kustomer", C, KustomerVendor>;

const adapter = defineAdapter({
  name: PROVIDER,
  capabilities: KUSTOMER_CAPABILITIES,
  optional: {
    /** `webhooks` comes with the `webhookToken` option. */
    webhooks: "webhookToken",
  },
  options: kustomerOptionsSchema,
  env: KUSTOMER_ENV,
  check(options) {
    if (options.baseUrl === undefined && options.orgName === undefined) {
      throw new AuthmuxError("invalid_input", `invalid kustomer options: give "orgName" (environment variable ${KUSTOMER_ENV.orgName}) or "baseUrl" (${KUSTOMER_ENV.baseUrl})`, { provider: PROVIDER });
    }
    for (const name of ["jwksUrl", "jwks"] as const) {
      if (options[name] !== undefined) {
        throw new AuthmuxError("invalid_input", `invalid kustomer options: chat tokens are HS256 with the org's chat secret; there is no JWKS (drop ${name})`, { provider: PROVIDER });
      }
    }
  },
  http: (options) => ({
    // check() has made sure one of the two is set.
    baseUrl: options.baseUrl ?? kustomerOrgUrl(options.orgName ?? ""),
    headers: { authorization: `Bearer ${options.apiKey}` },
    secrets: [options.apiKey, options.chatSecret, options.webhookToken].filter((s): s is string => s !== undefined),
    mapError: toAuthmuxError,
  }),
  build(options, { http, clock }) {
    const context: KustomerContext = {
      http,
      options,
      clock,
      metadata: createMetadataCodec(options.customAttributes),
      chatSecret: chatSecretSource(http, options.chatSecret),
    };
    return {
      vendor: kustomerVendor(context),
      members: { users: usersMember(context), tokens: tokensMember(context) },
      optional: { webhooks: (token) => ({ webhooks: webhooksMember(context, token) }) },
    };
  },
});

/**
 * The Kustomer adapter. Options are validated at once (`invalid_input` naming the option); nothing is sent
 * until a method is called.
 *
 * @example
 * const auth = kustomer({ apiKey: process.env.KUSTOMER_API_KEY!, orgName: "acme", customAttributes: ["planStr", "seatsNum"] });
 * const chatJwt = await auth.tokens.issue(customerId); // hand it to Kustomer.login({ jwtToken }) in the browser
 */
export const kustomer = adapter.create;

/** How `loadProvider({ provider: "kustomer" })` and `AUTHMUX_PROVIDER=kustomer` build the adapter. */
export const definition = adapter.definition;
