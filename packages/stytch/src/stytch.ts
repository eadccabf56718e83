import { assembleProvider, createHttpClient, parseOptions, type Provider } from "@authmux/core";
import { defaultBaseUrl, STYTCH_ENV, type StytchOptions, stytchOptionsSchema } from "./config.js";
import { PROVIDER, type StytchContext } from "./context.js";
import { toAuthmuxError } from "./errors.js";
import { loginLinksMember } from "./login-links.js";
import { passwordsMember } from "./passwords.js";
import { sessionsMember } from "./sessions.js";
import { tokensMember } from "./tokens.js";
import { usersMember } from "./users.js";
import { type StytchVendor, stytchVendor } from "./vendor.js";
import { webhooksMember } from "./webhooks.js";

/** What Stytch's consumer API always allows. */
export const STYTCH_CAPABILITIES = [
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
  "passwords",
] as const;

export type StytchCapability = (typeof STYTCH_CAPABILITIES)[number];

/** A Stytch provider: `loginLinks` comes with `loginRedirectUrl`, `webhooks` with `webhookSecret`. */
export type StytchProvider<C extends StytchCapability | "loginLinks" | "webhooks" = StytchCapability> = Provider<"stytch", C, StytchVendor>;

type WithLinks<O> = O extends { loginRedirectUrl: string } ? "loginLinks" : never;
type WithHooks<O> = O extends { webhookSecret: string } ? "webhooks" : never;

/**
 * The Stytch adapter (consumer API). The base URL follows the project id (`project-live-…` → live,
 * otherwise test) unless `baseUrl` is given. Options are validated at once; nothing is sent until a call.
 *
 * @example
 * const auth = stytch({ projectId: process.env.STYTCH_PROJECT_ID!, secret: process.env.STYTCH_SECRET! });
 * const { userId, sessionId } = await auth.tokens.verify(sessionJwt);
 */
export function stytch<const O extends StytchOptions>(options: O): StytchProvider<StytchCapability | WithLinks<O> | WithHooks<O>> {
  const parsed = parseOptions(PROVIDER, stytchOptionsSchema, options, STYTCH_ENV) as StytchOptions;
  const clock = parsed.clock ?? Date.now;
  const basic = btoa(`${parsed.projectId}:${parsed.secret}`);
  const http = createHttpClient({
    provider: PROVIDER,
    baseUrl: parsed.baseUrl ?? defaultBaseUrl(parsed.projectId),
    headers: { authorization: `Basic ${basic}` },
    secrets: [parsed.secret, basic, ...(parsed.webhookSecret ? [parsed.webhookSecret] : [])],
    mapError: toAuthmuxError,
    clock,
    fetch: parsed.fetch,
    timeoutMs: parsed.timeoutMs,
    retry: parsed.retry,
  });
  const context: StytchContext = { http, options: parsed, clock };
  const capabilities = [
    ...STYTCH_CAPABILITIES,
    ...(parsed.loginRedirectUrl ? (["loginLinks"] as const) : []),
    ...(parsed.webhookSecret ? (["webhooks"] as const) : []),
  ];
  return assembleProvider({
    name: PROVIDER,
    capabilities,
    vendor: stytchVendor(context),
    implementation: {
      users: usersMember(context),
      tokens: tokensMember(context),
      sessions: sessionsMember(context),
      passwords: passwordsMember(context),
      ...(parsed.loginRedirectUrl ? { loginLinks: loginLinksMember(context) } : {}),
      ...(parsed.webhookSecret ? { webhooks: webhooksMember(context) } : {}),
    },
  }) as never;
}
