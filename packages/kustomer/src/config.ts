import { type CommonOptions, commonOptionsShape, type JwtOptions, jwtOptionsShape, type OptionsSchema } from "@authmux/core";
import * as z from "zod/mini";
import { CUSTOM_ATTRIBUTE_NAME } from "./custom-attributes.js";

/** The header Kustomer signs outbound webhooks in (vendors/kustomer.md §7; documented only). */
export const KUSTOMER_SIGNATURE_HEADER = "X-Kustomer-Webhook-Signature";

/** The org's API host: `https://{org}.api.kustomerapp.com`, which routes to the org's region by itself. */
export const kustomerOrgUrl = (orgName: string) => `https://${orgName}.api.kustomerapp.com`;

/** Options of the {@link kustomer} factory. */
export interface KustomerOptions extends CommonOptions, JwtOptions {
  /** An API key (Settings → Security → API Keys), sent as `Authorization: Bearer`. Env: `KUSTOMER_API_KEY`. */
  apiKey: string;
  /** The org name of `https://ORG.kustomerapp.com`; the API host is `ORG.api.kustomerapp.com`. Env: `KUSTOMER_ORG_NAME`. */
  orgName?: string | undefined;
  /**
   * The chat login secret (`data.attributes.secret` of `GET /v1/auth/customer/settings`). When absent it is
   * fetched once with the API key, which then needs the `org.admin` role. Env: `KUSTOMER_CHAT_SECRET`.
   */
  chatSecret?: string | undefined;
  /** The outbound webhook's `token`; enables the `webhooks` capability. Env: `KUSTOMER_WEBHOOK_TOKEN`. */
  webhookToken?: string | undefined;
  /** The signature header; default `X-Kustomer-Webhook-Signature` (medium confidence in the reference). */
  webhookSignatureHeader?: string | undefined;
  /** How the webhook token becomes the HMAC key: its UTF-8 bytes (default) or hex-decoded. */
  webhookKeyEncoding?: "utf8" | "hex" | undefined;
  /**
   * The custom attributes defined on the org's Customer klass (type-suffixed: `planStr`, `seatsNum`, `betaBool`,
   * `renewsAt`, `homepageUrl`, `notesTxt`). Metadata key `plan` then reads and writes `planStr`. Without the list,
   * metadata keys must be full attribute names. Env: `KUSTOMER_CUSTOM_ATTRIBUTES` (comma-separated).
   */
  customAttributes?: readonly string[] | undefined;
  /** Kustomer signs no timestamp: return `true` for an envelope id seen before to refuse the delivery as a replay. */
  webhookDedupe?: ((eventId: string) => boolean | Promise<boolean>) | undefined;
}

const nonEmpty = z.string().check(z.minLength(1));
const attributeName = z.string().check(z.regex(CUSTOM_ATTRIBUTE_NAME, "must be a type-suffixed custom attribute name such as planStr or seatsNum"));
const fn = <T>(what: string) => z.custom<T>((v) => typeof v === "function", { message: `must be a function ${what}` });

/** The options schema (`zod/mini`, so edge bundles stay small). */
export const kustomerOptionsSchema: OptionsSchema<KustomerOptions> = z.object({
  ...commonOptionsShape,
  ...jwtOptionsShape,
  apiKey: nonEmpty,
  orgName: z.optional(z.string().check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, "must be the org name of ORG.kustomerapp.com"))),
  // Core's HS256 engine refuses keys under 256 bits.
  chatSecret: z.optional(z.string().check(z.minLength(32, "must be the chat secret from /v1/auth/customer/settings (at least 32 characters)"))),
  webhookToken: z.optional(nonEmpty),
  webhookSignatureHeader: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]+$/, "must be an HTTP header name"))),
  webhookKeyEncoding: z.optional(z.enum(["utf8", "hex"])),
  customAttributes: z.optional(
    z.union([
      z.array(attributeName),
      // From the environment: a comma-separated list.
      z.pipe(z.string(), z.transform((v) => v.split(",").map((s) => s.trim()).filter((s) => s.length > 0))).check(z.refine((names) => names.every((n) => CUSTOM_ATTRIBUTE_NAME.test(n)), "must be type-suffixed custom attribute names such as planStr,seatsNum")),
    ]),
  ),
  webhookDedupe: z.optional(fn<KustomerOptions["webhookDedupe"]>("(eventId) => boolean")),
});

/** Option → environment variable. Kustomer ships no server SDK; the names follow its docs' terms. */
export const KUSTOMER_ENV = {
  /** `KUSTOMER_API_KEY`: the `apiKey` option. */
  apiKey: "KUSTOMER_API_KEY",
  /** `KUSTOMER_ORG_NAME`: the `orgName` option. */
  orgName: "KUSTOMER_ORG_NAME",
  /** `KUSTOMER_CHAT_SECRET`: the `chatSecret` option. */
  chatSecret: "KUSTOMER_CHAT_SECRET",
  /** `KUSTOMER_WEBHOOK_TOKEN`: the `webhookToken` option. */
  webhookToken: "KUSTOMER_WEBHOOK_TOKEN",
  /** `KUSTOMER_CUSTOM_ATTRIBUTES`: the `customAttributes` option. */
  customAttributes: "KUSTOMER_CUSTOM_ATTRIBUTES",
  /** `KUSTOMER_API_URL`: the `baseUrl` option. */
  baseUrl: "KUSTOMER_API_URL",
} as const;

// loadProvider({ provider: "kustomer", … }) is typed with these options once this package's types are loaded.
declare module "@authmux/core" {
  interface ProviderOptionsRegistry {
    /** The options of `@authmux/kustomer`. */
    kustomer: KustomerOptions;
  }
}
