import { AuthmuxError, type CommonOptions, commonOptionsShape, type JwtOptions, jwtOptionsShape, type OptionsSchema } from "@authmux/core";
import * as z from "zod/mini";

/** Clerk's Backend API root. */
export const CLERK_API_URL = "https://api.clerk.com/v1";
/** The behavioural API version sent on every call (vendors/clerk.md §1). */
export const CLERK_API_VERSION = "2026-05-12";

/** Options of the {@link clerk} factory. */
export interface ClerkOptions extends CommonOptions, JwtOptions {
  /** `sk_test_…` / `sk_live_…`. Env: `CLERK_SECRET_KEY`. */
  secretKey: string;
  /** `pk_test_…` / `pk_live_…`: gives the Frontend API host, i.e. the token issuer. Env: `CLERK_PUBLISHABLE_KEY`. */
  publishableKey?: string | undefined;
  /** The instance's JWT public key (PEM): verification without any network. Env: `CLERK_JWT_KEY`. */
  jwtKey?: string | undefined;
  /** Origins allowed in the token's `azp` claim (your frontends). Env: `CLERK_AUTHORIZED_PARTIES`, comma-separated. */
  authorizedParties?: string[] | undefined;
  /** Which Clerk metadata is the neutral `metadata`: `public` (default; frontend-readable, backend-written) or `private`. */
  metadataField?: "public" | "private" | undefined;
  /** The Svix signing secret (`whsec_…`); enables `webhooks`. Env: `CLERK_WEBHOOK_SIGNING_SECRET`. */
  webhookSecret?: string | undefined;
  /** The `Clerk-API-Version` header; default 2026-05-12. */
  apiVersion?: string | undefined;
  /**
   * The Backend API's origin as Clerk's SDKs take it (`https://api.clerk.com`, no `/v1`), e.g. an emulator's
   * `http://127.0.0.1:4010`. `baseUrl` (the full root, `/v1` included) wins when both are given. Env: `CLERK_API_URL`.
   */
  apiUrl?: string | undefined;
}

const nonEmpty = z.string().check(z.minLength(1));

/** The options schema (`zod/mini`). */
export const clerkOptionsSchema: OptionsSchema<ClerkOptions> = z.object({
  ...commonOptionsShape,
  ...jwtOptionsShape,
  secretKey: nonEmpty.check(z.regex(/^sk_(test|live)_\S+$/, "must be the sk_test_… or sk_live_… secret key")),
  publishableKey: z.optional(z.string().check(z.regex(/^pk_(test|live)_[A-Za-z0-9+/=_-]+$/, "must be the pk_test_… or pk_live_… publishable key"))),
  jwtKey: z.optional(z.string().check(z.includes("-----BEGIN PUBLIC KEY-----", { message: "must be the PEM public key (-----BEGIN PUBLIC KEY-----)" }))),
  authorizedParties: z.optional(
    z.pipe(
      z.union([z.string(), z.array(z.string())]),
      z.transform((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v)),
    ),
  ),
  metadataField: z.optional(z.enum(["public", "private"])),
  webhookSecret: z.optional(z.string().check(z.regex(/^(whsec_)?[A-Za-z0-9+/]+={0,2}$/, "must be the whsec_… signing secret"))),
  apiVersion: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-05-12"))),
  apiUrl: z.optional(z.string().check(z.regex(/^https?:\/\/[^/?#\s]+\/?$/, "must be an origin such as https://api.clerk.com (no path)"))),
});

/** Option → environment variable, as Clerk's SDKs name them. */
export const CLERK_ENV = {
  /** `CLERK_SECRET_KEY`: the `secretKey` option. */
  secretKey: "CLERK_SECRET_KEY",
  /** `CLERK_PUBLISHABLE_KEY`: the `publishableKey` option. */
  publishableKey: "CLERK_PUBLISHABLE_KEY",
  /** `CLERK_JWT_KEY`: the `jwtKey` option. */
  jwtKey: "CLERK_JWT_KEY",
  /** `CLERK_AUTHORIZED_PARTIES`: the `authorizedParties` option. */
  authorizedParties: "CLERK_AUTHORIZED_PARTIES",
  /** `CLERK_WEBHOOK_SIGNING_SECRET`: the `webhookSecret` option. */
  webhookSecret: "CLERK_WEBHOOK_SIGNING_SECRET",
  /** `CLERK_API_URL`: the `apiUrl` option. */
  apiUrl: "CLERK_API_URL",
} as const;

/** `https://<frontend API host>` from a publishable key (`pk_…_` + base64 of `<host>$`). */
export function issuerFromPublishableKey(key: string): string {
  const encoded = key.replace(/^pk_(test|live)_/, "");
  let decoded: string;
  try {
    decoded = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    throw new AuthmuxError("invalid_input", "invalid clerk options: the publishable key does not decode to a Frontend API host", { provider: "clerk" });
  }
  const host = decoded.endsWith("$") ? decoded.slice(0, -1) : "";
  if (!/^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?$/i.test(host)) {
    throw new AuthmuxError("invalid_input", "invalid clerk options: the publishable key does not decode to a Frontend API host", { provider: "clerk" });
  }
  return `https://${host}`;
}

// loadProvider({ provider: "clerk", … }) is typed with these options once this package's types are loaded.
declare module "@authmux/core" {
  interface ProviderOptionsRegistry {
    /** The options of `@authmux/clerk`. */
    clerk: ClerkOptions;
  }
}
