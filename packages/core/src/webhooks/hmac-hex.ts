import { AuthmuxError } from "../errors/authmux-error.js";
import type { HeadersLike } from "../types/neutral.js";
import { hexDecode, hexEncode } from "../util/encoding.js";
import { getHeader } from "./headers.js";
import { type RawBody, readRawBody } from "./raw-body.js";

/** Options of {@link verifyHmacHexWebhook}. */
export interface HmacHexWebhookOptions {
  /** The header holding the lowercase hex HMAC-SHA256 of the body (`Kobble-Signature`, `X-Kustomer-Webhook-Signature`). */
  header: string;
  /** The signing secret. */
  secret: string;
  /** How the secret becomes key bytes: `hex`-decoded (Kobble) or its `utf8` bytes (Kustomer). */
  keyEncoding: "hex" | "utf8";
  /** The provider name errors carry; default `"authmux"`. */
  provider?: string;
}

async function importKey(secret: string, encoding: "hex" | "utf8", provider: string, usage: KeyUsage): Promise<CryptoKey> {
  const bytes = encoding === "hex" ? hexDecode(secret.trim()) : new TextEncoder().encode(secret);
  // A hex secret with a stray character must not silently become a shorter key.
  if (!bytes) throw new AuthmuxError("invalid_input", "the webhook secret is not hex", { provider });
  if (bytes.length === 0) throw new AuthmuxError("invalid_input", "the webhook secret is empty", { provider });
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

/**
 * Verifies a body signed as a bare hex HMAC-SHA256 in one header. Such schemes sign no timestamp or id:
 * a captured delivery stays valid, so deduplicate on the event id (see the adapters' `dedupe` hook).
 * Returns the raw body as text once the signature matches (constant-time, through Web Crypto's verify).
 */
export async function verifyHmacHexWebhook(rawBody: RawBody, headers: HeadersLike, options: HmacHexWebhookOptions): Promise<string> {
  const provider = options.provider ?? "authmux";
  const body = await readRawBody(rawBody, provider);
  const value = getHeader(headers, options.header);
  if (!value) throw new AuthmuxError("webhook_invalid", `webhook rejected: missing ${options.header} header`, { provider });
  const signature = hexDecode(value.trim());
  if (!signature || signature.length !== 32) {
    throw new AuthmuxError("webhook_invalid", `webhook rejected: ${options.header} is not a hex SHA-256 HMAC`, { provider });
  }
  const key = await importKey(options.secret, options.keyEncoding, provider, "verify");
  if (!(await crypto.subtle.verify("HMAC", key, signature, body))) {
    throw new AuthmuxError("webhook_invalid", "webhook rejected: no signature matches the body", { provider });
  }
  return new TextDecoder().decode(body);
}

/** The lowercase hex HMAC-SHA256 of `body`; fakes use it to sign as the vendor does. */
export async function signHmacHex(body: string | Uint8Array, secret: string, keyEncoding: "hex" | "utf8"): Promise<string> {
  const key = await importKey(secret, keyEncoding, "authmux", "sign");
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body);
  return hexEncode(new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes)));
}
