import { AuthmuxError, optionsObject, requireEmail, requireJsonObject } from "@authmux/core";

/** Kustomer refuses a chat token whose `iat` is more than 15 minutes off. */
export const CHAT_TOKEN_WINDOW_SEC = 900;

/** Whom a chat token names: the customer's `externalId` or its `email` (Kustomer prefers the email when both are set). */
export type ChatIdentity =
  | {
      /** The app's own id of the customer. */
      externalId: string;
      /** Not with `externalId`. */
      email?: never;
    }
  | {
      /** The customer's email address. */
      email: string;
      /** Not with `email`. */
      externalId?: never;
    };

/** Options of a chat token beyond the seed's fields. */
export interface ChatTokenOptions {
  /** Seconds until `exp`, at most (and by default) Kustomer's 15-minute window. */
  expiresInSeconds?: number;
  /** Extra claims; the identity and time claims cannot be overridden. */
  claims?: Record<string, unknown>;
}

const RESERVED = new Set(["externalId", "email", "iat", "exp", "iss", "aud", "nbf"]);
const encoder = new TextEncoder();

/**
 * Signs a chat login JWT as the seed specifies: HS256, `typ: JWT`, the identity claim and `iat` in seconds, keyed
 * with the secret's UTF-8 bytes. It also carries `exp` (= the end of Kustomer's `iat` window) and `iss` (and `aud`
 * when configured), which Kustomer ignores but core's verification engine requires.
 */
export async function signChatToken(
  secret: string,
  identity: ChatIdentity,
  context: { nowMs: number; issuer: string; audience: string | undefined },
  options?: ChatTokenOptions,
): Promise<string> {
  const claim = chatIdentityClaim(identity);
  const { ttl, extra } = checkChatTokenOptions(options);
  const iat = Math.floor(context.nowMs / 1000);
  const payload: Record<string, unknown> = { ...extra, ...claim, iat, exp: iat + ttl, iss: context.issuer };
  if (context.audience !== undefined) payload.aud = context.audience;
  // jose is loaded on the first token signed, not when the adapter is imported.
  const { SignJWT } = await import("./jose-sign.js");
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(encoder.encode(secret));
}

/** Checks the options of a chat token before any request; returns its lifetime and extra claims (plain JSON). */
export function checkChatTokenOptions(given: ChatTokenOptions | undefined): { ttl: number; extra: Record<string, unknown> } {
  const options = optionsObject(given, "chat token options");
  const ttl = options.expiresInSeconds ?? CHAT_TOKEN_WINDOW_SEC;
  if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl > CHAT_TOKEN_WINDOW_SEC) {
    throw new AuthmuxError("invalid_input", `expiresInSeconds must be a whole number from 1 to ${CHAT_TOKEN_WINDOW_SEC} (Kustomer accepts a chat token for 15 minutes after iat)`);
  }
  const extra = requireJsonObject(options.claims ?? {}, "claims");
  const clash = Object.keys(extra).find((k) => RESERVED.has(k));
  if (clash !== undefined) throw new AuthmuxError("invalid_input", `claim "${clash}" is set by the adapter and cannot be overridden`);
  return { ttl, extra };
}

/** The one identity claim to sign, validated before any request. */
export function chatIdentityClaim(identity: ChatIdentity): { externalId: string } | { email: string } {
  if (typeof identity !== "object" || identity === null) throw new AuthmuxError("invalid_input", "a chat token needs { externalId } or { email }");
  const { email, externalId } = identity as { email?: unknown; externalId?: unknown };
  if ((email === undefined) === (externalId === undefined)) {
    // Kustomer would silently use the email: name exactly one so the token says what it means.
    throw new AuthmuxError("invalid_input", "a chat token names exactly one of externalId or email");
  }
  if (email !== undefined) return { email: requireEmail(email) };
  return { externalId: requireExternalId(externalId) };
}

/** An externalId (the app's own user id, as Kustomer stores it): a non-empty string of at most 256 characters. */
export function requireExternalId(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 256) throw new AuthmuxError("invalid_input", "externalId must be a non-empty string of at most 256 characters");
  return value;
}
