import { AuthmuxError } from "../errors/authmux-error.js";
import type { HeadersLike } from "../types/neutral.js";
import { base64Decode, base64Encode, toBytes } from "../util/encoding.js";
import { getHeader } from "./headers.js";
import { type RawBody, readRawBody } from "./raw-body.js";

/** Options of {@link verifyStandardWebhook}. */
export interface StandardWebhookOptions {
  /** The signing secret, `whsec_<base64>` (or bare base64). */
  secret: string;
  /** Seconds a delivery's timestamp may differ from `now`; default 300. */
  toleranceSec?: number;
  /** Defaults to the current time. */
  now?: Date;
  /** Provider name for errors. */
  provider?: string;
}

/** The id, timestamp and body of a verified delivery. */
export interface VerifiedDelivery {
  /** The delivery's message id (`svix-id` / `webhook-id`). */
  id: string;
  /** When the sender signed it (`svix-timestamp` / `webhook-timestamp`). */
  timestamp: Date;
  /** The raw body, as signed, decoded as UTF-8. */
  body: string;
}

// Svix-branded senders (Clerk, Stytch) send svix-*; when both families are present svix-* wins, as in Svix's own library.
const PREFIXES = ["svix", "webhook"] as const;

async function hmacKey(secret: string, provider: string): Promise<CryptoKey> {
  const raw = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64Decode(raw);
  } catch {
    throw new AuthmuxError("invalid_input", "the webhook secret is not whsec_<base64>", { provider });
  }
  if (bytes.length === 0) throw new AuthmuxError("invalid_input", "the webhook secret is empty", { provider });
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/**
 * Verifies a Standard Webhooks (Svix) delivery: `webhook-id`/`webhook-timestamp`/`webhook-signature`
 * headers (or their `svix-` twins), HMAC-SHA256 over `id.timestamp.body`, any of several `v1,` signatures
 * (key rotation), timestamp within the tolerance. Signatures are compared by Web Crypto's verify, in constant time.
 */
export async function verifyStandardWebhook(
  rawBody: RawBody,
  headers: HeadersLike,
  options: StandardWebhookOptions,
): Promise<VerifiedDelivery> {
  const provider = options.provider ?? "authmux";
  const fail = (why: string) => new AuthmuxError("webhook_invalid", `webhook rejected: ${why}`, { provider });
  const bytes = await readRawBody(rawBody, provider);
  const prefix = PREFIXES.find((p) => getHeader(headers, `${p}-id`) !== null);
  if (!prefix) throw fail("missing webhook-id header");
  const id = getHeader(headers, `${prefix}-id`) ?? "";
  const ts = getHeader(headers, `${prefix}-timestamp`);
  const signatures = getHeader(headers, `${prefix}-signature`);
  if (!ts) throw fail(`missing ${prefix}-timestamp header`);
  if (!signatures) throw fail(`missing ${prefix}-signature header`);
  if (!/^\d{1,15}$/.test(ts)) throw fail("the timestamp header is not a number of seconds");

  const seconds = Number(ts);
  const now = checkedNow(options.now, provider) / 1000;
  const tolerance = options.toleranceSec ?? 300;
  if (seconds < now - tolerance) throw fail("the timestamp is too old (replayed or delayed delivery)");
  if (seconds > now + tolerance) throw fail("the timestamp is in the future");

  const prefixBytes = toBytes(`${id}.${ts}.`);
  const signed = new Uint8Array(prefixBytes.length + bytes.length);
  signed.set(prefixBytes);
  signed.set(bytes, prefixBytes.length);
  const body = new TextDecoder().decode(bytes);
  const key = await hmacKey(options.secret, provider);
  for (const entry of signatures.split(" ")) {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) continue;
    let sig: Uint8Array<ArrayBuffer>;
    try {
      sig = base64Decode(value);
    } catch {
      continue;
    }
    if (await crypto.subtle.verify("HMAC", key, sig, signed)) return { id, timestamp: new Date(seconds * 1000), body };
  }
  throw fail("no signature matches the body");
}

/** Signs a delivery the Standard Webhooks way; fakes and tests use it to send what a vendor would. */
export async function signStandardWebhook(
  body: string,
  options: { secret: string; id: string; timestamp: Date; headerPrefix?: "webhook" | "svix" },
): Promise<Record<string, string>> {
  const ts = Math.floor(options.timestamp.getTime() / 1000).toString();
  const key = await hmacKey(options.secret, "authmux");
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, toBytes(`${options.id}.${ts}.${body}`)));
  // Svix (Clerk, Stytch) sends the same three headers under its own prefix.
  const prefix = options.headerPrefix ?? "webhook";
  return { [`${prefix}-id`]: options.id, [`${prefix}-timestamp`]: ts, [`${prefix}-signature`]: `v1,${base64Encode(sig)}` };
}

/** The verification time: `now` when given (it must be a valid Date), else the current time. */
export function checkedNow(now: unknown, provider: string): number {
  if (now === undefined) return Date.now();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new AuthmuxError("invalid_input", "webhooks.verify: options.now must be a valid Date", { provider });
  return now.getTime();
}
