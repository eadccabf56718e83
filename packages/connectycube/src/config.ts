import { type CommonOptions, commonOptionsShape, type OptionsSchema } from "@authmux/core";
import * as z from "zod/mini";

/** ConnectyCube's REST API root (its SDK's `endpoints.api`). */
export const CONNECTYCUBE_API_URL = "https://api.connectycube.com";

/** How long a positive `GET /session` answer is reused by default, in ms. */
export const DEFAULT_TOKEN_CACHE_MS = 5000;

/** Options of the {@link connectycube} factory. */
export interface ConnectyCubeOptions extends CommonOptions {
  /** The application id (dashboard → app → Credentials). Env: `CONNECTYCUBE_APP_ID`. */
  appId: string | number;
  /** The application's auth key. Env: `CONNECTYCUBE_AUTH_KEY`. */
  authKey: string;
  /** The legacy auth secret: when set, session creation is signed (HMAC-SHA1). Env: `CONNECTYCUBE_AUTH_SECRET`. */
  authSecret?: string | undefined;
  /** The Administration API key (Advanced plan); enables `users.delete`. Env: `CONNECTYCUBE_ADMIN_API_KEY`. */
  adminApiKey?: string | undefined;
  /**
   * How long a token that `GET /session` accepted is trusted without asking again, in ms (never past the
   * expiry ConnectyCube reports); 0 asks every time. Default 5000.
   */
  tokenCacheMs?: number | undefined;
}

const nonEmpty = z.string().check(z.minLength(1));

/** The options schema (`zod/mini`, so edge bundles stay small). */
export const connectycubeOptionsSchema: OptionsSchema<ConnectyCubeOptions, ParsedOptions> = z.object({
  ...commonOptionsShape,
  // Env variables arrive as strings; the API takes the id as a number or a numeric string alike.
  appId: z.pipe(
    z.union([z.string().check(z.regex(/^[1-9]\d{0,15}$/, "must be the numeric application id")), z.number().check(z.int(), z.positive())]),
    z.transform((v) => String(v)),
  ),
  authKey: nonEmpty,
  authSecret: z.optional(nonEmpty),
  adminApiKey: z.optional(nonEmpty),
  tokenCacheMs: z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(3_600_000))),
});

/** Option → environment variable, as ConnectyCube's samples name them. */
export const CONNECTYCUBE_ENV = {
  /** `CONNECTYCUBE_APP_ID`: the `appId` option. */
  appId: "CONNECTYCUBE_APP_ID",
  /** `CONNECTYCUBE_AUTH_KEY`: the `authKey` option. */
  authKey: "CONNECTYCUBE_AUTH_KEY",
  /** `CONNECTYCUBE_AUTH_SECRET`: the `authSecret` option. */
  authSecret: "CONNECTYCUBE_AUTH_SECRET",
  /** `CONNECTYCUBE_ADMIN_API_KEY`: the `adminApiKey` option. */
  adminApiKey: "CONNECTYCUBE_ADMIN_API_KEY",
  /** `CONNECTYCUBE_API_URL`: the `baseUrl` option. */
  baseUrl: "CONNECTYCUBE_API_URL",
} as const;

/** The options once validated: the application id is a numeric string. */
export type ParsedOptions = Omit<ConnectyCubeOptions, "appId"> & { appId: string };

// loadProvider({ provider: "connectycube", … }) is typed with these options once this package's types are loaded.
declare module "@authmux/core" {
  interface ProviderOptionsRegistry {
    /** The options of `@authmux/connectycube`. */
    connectycube: ConnectyCubeOptions;
  }
}
