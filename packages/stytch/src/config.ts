import { type CommonOptions, commonOptionsShape, type JwtOptions, jwtOptionsShape, type OptionsSchema } from "@authmux/core";
import * as z from "zod/mini";

/** Stytch's API roots, chosen from the project id as Stytch's SDK does. */
export const STYTCH_TEST_URL = "https://test.stytch.com";
/** The API root of live projects (`project-live-…`). */
export const STYTCH_LIVE_URL = "https://api.stytch.com";

/** Options of the {@link stytch} factory. */
export interface StytchOptions extends CommonOptions, JwtOptions {
  /** `project-test-…` or `project-live-…`. Env: `STYTCH_PROJECT_ID`. */
  projectId: string;
  /** The project secret. Env: `STYTCH_SECRET`. */
  secret: string;
  /** The Svix signing secret (`whsec_…`); enables `webhooks`. Env: `STYTCH_WEBHOOK_SECRET`. */
  webhookSecret?: string | undefined;
  /** Where embeddable magic links point (your page that authenticates the token); enables `loginLinks`. Env: `STYTCH_LOGIN_REDIRECT_URL`. */
  loginRedirectUrl?: string | undefined;
  /** Lifetime of the session `passwords.authenticate` starts; default 60 minutes (5 … 527040). */
  sessionDurationMinutes?: number | undefined;
}

const nonEmpty = z.string().check(z.minLength(1));
const httpUrl = z.url({ protocol: /^https?$/ });

/** The options schema (`zod/mini`). */
export const stytchOptionsSchema: OptionsSchema<StytchOptions> = z.object({
  ...commonOptionsShape,
  ...jwtOptionsShape,
  projectId: nonEmpty.check(z.regex(/^project-(test|live)-[A-Za-z0-9-]+$/, "must look like project-test-… or project-live-…")),
  secret: nonEmpty,
  webhookSecret: z.optional(z.string().check(z.regex(/^(whsec_)?[A-Za-z0-9+/]+={0,2}$/, "must be the whsec_… signing secret"))),
  loginRedirectUrl: z.optional(httpUrl),
  sessionDurationMinutes: z.optional(z.coerce.number().check(z.int(), z.minimum(5), z.maximum(527040))),
});

/** Option → environment variable, as Stytch's docs name them. */
export const STYTCH_ENV = {
  /** `STYTCH_PROJECT_ID`: the `projectId` option. */
  projectId: "STYTCH_PROJECT_ID",
  /** `STYTCH_SECRET`: the `secret` option. */
  secret: "STYTCH_SECRET",
  /** `STYTCH_WEBHOOK_SECRET`: the `webhookSecret` option. */
  webhookSecret: "STYTCH_WEBHOOK_SECRET",
  /** `STYTCH_LOGIN_REDIRECT_URL`: the `loginRedirectUrl` option. */
  loginRedirectUrl: "STYTCH_LOGIN_REDIRECT_URL",
  /** `STYTCH_BASE_URL`: the `baseUrl` option. */
  baseUrl: "STYTCH_BASE_URL",
} as const;

/** The API root for a project: live projects use api.stytch.com, everything else test.stytch.com. */
export function defaultBaseUrl(projectId: string): string {
  return projectId.startsWith("project-live-") ? STYTCH_LIVE_URL : STYTCH_TEST_URL;
}

// loadProvider({ provider: "stytch", … }) is typed with these options once this package's types are loaded.
declare module "@authmux/core" {
  interface ProviderOptionsRegistry {
    /** The options of `@authmux/stytch`. */
    stytch: StytchOptions;
  }
}
