import { type CommonOptions, commonOptionsShape, JWT_ALGORITHMS, type OptionsSchema, type JwtAlgorithm, type JwtOptions, jwtOptionsShape } from "@authmux/core";
import * as z from "zod/mini";

/** Kobble's admin API origin. */
export const KOBBLE_API_URL = "https://sdk.kobble.io";
/** The issuer of Kobble ID and access tokens. */
export const KOBBLE_ISSUER = "https://kobble.io";

/** Options of the {@link kobble} factory. */
export interface KobbleOptions extends CommonOptions, JwtOptions {
  /** The admin SDK secret (dashboard → project → admin SDK). Env: `KOBBLE_SDK_SECRET`. */
  secret: string;
  /** The project id; when absent it is read once from `/auth/whoami`. Env: `KOBBLE_PROJECT_ID`. */
  projectId?: string | undefined;
  /** The OAuth application (client) id: tokens must be issued to it. Env: `KOBBLE_CLIENT_ID`. */
  applicationId?: string | undefined;
  /** The webhook signing secret (hex); enables the `webhooks` capability. Env: `KOBBLE_WEBHOOK_SECRET`. */
  webhookSecret?: string | undefined;
  /**
   * Accept tokens issued to any application of the project. Off by default: without `applicationId` (or
   * `audience`) `tokens.verify` refuses to run, since a token minted for another app would otherwise pass.
   */
  acceptAnyAudience?: boolean | undefined;
  /** Accepted token algorithms; default `["ES256"]`. */
  algorithms?: JwtAlgorithm[] | undefined;
  /**
   * Kobble signs no timestamp or id into its webhooks, so a captured delivery verifies forever. Given this
   * hook, each verified delivery's id (a hash of its body) is passed in; return `true` when it was seen
   * before and the delivery is refused as a replay. Store the ids where your app keeps state.
   */
  webhookDedupe?: ((eventId: string) => boolean | Promise<boolean>) | undefined;
}

const nonEmpty = z.string().check(z.minLength(1));
const fn = <T>(what: string) => z.custom<T>((v) => typeof v === "function", { message: `must be a function ${what}` });

/** The options schema (`zod/mini`, so edge bundles stay small). */
export const kobbleOptionsSchema: OptionsSchema<KobbleOptions> = z.object({
  ...commonOptionsShape,
  ...jwtOptionsShape,
  secret: nonEmpty,
  projectId: z.optional(nonEmpty),
  applicationId: z.optional(nonEmpty),
  webhookSecret: z.optional(z.string().check(z.regex(/^(?:[0-9a-fA-F]{2})+$/, "must be the hex secret shown in the Kobble dashboard"))),
  algorithms: z.optional(z.array(z.enum(JWT_ALGORITHMS)).check(z.minLength(1))),
  acceptAnyAudience: z.optional(z.boolean()),
  webhookDedupe: z.optional(fn<KobbleOptions["webhookDedupe"]>("(eventId) => boolean")),
});

/** Option → environment variable, named the way Kobble's own SDKs and docs name them. */
export const KOBBLE_ENV = {
  /** `KOBBLE_SDK_SECRET`: the `secret` option. */
  secret: "KOBBLE_SDK_SECRET",
  /** `KOBBLE_PROJECT_ID`: the `projectId` option. */
  projectId: "KOBBLE_PROJECT_ID",
  /** `KOBBLE_CLIENT_ID`: the `applicationId` option. */
  applicationId: "KOBBLE_CLIENT_ID",
  /** `KOBBLE_WEBHOOK_SECRET`: the `webhookSecret` option. */
  webhookSecret: "KOBBLE_WEBHOOK_SECRET",
  /** `KOBBLE_API_URL`: the `baseUrl` option. */
  baseUrl: "KOBBLE_API_URL",
} as const;

// loadProvider({ provider: "kobble", … }) is typed with these options once this package's types are loaded.
declare module "@authmux/core" {
  interface ProviderOptionsRegistry {
    /** The options of `@authmux/kobble`. */
    kobble: KobbleOptions;
  }
}
