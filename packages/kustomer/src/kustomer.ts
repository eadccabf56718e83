import { AuthmuxError, assembleProvider, createHttpClient, parseOptions, type Provider } from "@authmux/core";
import { chatSecretSource } from "./chat-secret.js";
import { KUSTOMER_ENV, type KustomerOptions, kustomerOptionsSchema, kustomerOrgUrl } from "./config.js";
import { type KustomerContext, PROVIDER } from "./context.js";
import { createMetadataCodec } from "./custom-attributes.js";
import { toAuthmuxError } from "./errors.js";
import { tokensMember } from "./tokens.js";
import { usersMember } from "./users.js";
import { type KustomerVendor, kustomerVendor } from "./vendor.js";
import { webhooksMember } from "./webhooks.js";

/** What Kustomer's API allows: customers in full and chat login tokens; no sessions, passwords, quotas or links (vendors/kustomer.md §4). */
export const KUSTOMER_CAPABILITIES = [
  "users.read",
  "users.list",
  "users.create",
  "users.update",
  "users.delete",
  "users.metadata",
  "tokens.verify",
  "tokens.issue",
] as const;

/** The capabilities a Kustomer provider always has. */
export type KustomerCapability = (typeof KUSTOMER_CAPABILITIES)[number];

/** A Kustomer provider; `webhooks` comes with a `webhookToken`. */
export type KustomerProvider<C extends KustomerCapability | "webhooks" = KustomerCapability> = Provider<"kustomer", C, KustomerVendor>;

/**
 * The Kustomer adapter. Options are validated at once (`invalid_input` naming the option); nothing is sent
 * until a method is called.
 *
 * @example
 * const auth = kustomer({ apiKey: process.env.KUSTOMER_API_KEY!, orgName: "acme", customAttributes: ["planStr", "seatsNum"] });
 * const chatJwt = await auth.tokens.issue(customerId); // hand it to Kustomer.login({ jwtToken }) in the browser
 */
export function kustomer(options: KustomerOptions & { webhookToken: string }): KustomerProvider<KustomerCapability | "webhooks">;
export function kustomer(options: KustomerOptions): KustomerProvider;
export function kustomer(input: KustomerOptions): KustomerProvider | KustomerProvider<KustomerCapability | "webhooks"> {
  const options = parseOptions(PROVIDER, kustomerOptionsSchema, input, KUSTOMER_ENV) as KustomerOptions;
  if (options.baseUrl === undefined && options.orgName === undefined) {
    throw new AuthmuxError("invalid_input", `invalid kustomer options: give "orgName" (environment variable ${KUSTOMER_ENV.orgName}) or "baseUrl" (${KUSTOMER_ENV.baseUrl})`, { provider: PROVIDER });
  }
  if (options.jwksUrl !== undefined) {
    throw new AuthmuxError("invalid_input", "invalid kustomer options: chat tokens are HS256 with the org's chat secret; there is no JWKS (drop jwksUrl)", { provider: PROVIDER });
  }
  const clock = options.clock ?? Date.now;
  const secrets = [options.apiKey, options.chatSecret, options.webhookToken].filter((s): s is string => s !== undefined);
  const http = createHttpClient({
    provider: PROVIDER,
    baseUrl: options.baseUrl ?? kustomerOrgUrl(options.orgName as string),
    headers: { authorization: `Bearer ${options.apiKey}` },
    secrets,
    mapError: toAuthmuxError,
    clock,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
  });
  const context: KustomerContext = {
    http,
    options,
    clock,
    metadata: createMetadataCodec(options.customAttributes),
    chatSecret: chatSecretSource(http, options.chatSecret),
  };
  const capabilities = options.webhookToken ? [...KUSTOMER_CAPABILITIES, "webhooks" as const] : [...KUSTOMER_CAPABILITIES];
  return assembleProvider({
    name: PROVIDER,
    capabilities,
    vendor: kustomerVendor(context),
    implementation: {
      users: usersMember(context),
      tokens: tokensMember(context),
      ...(options.webhookToken ? { webhooks: webhooksMember(context) } : {}),
    },
  }) as KustomerProvider<KustomerCapability | "webhooks">;
}
