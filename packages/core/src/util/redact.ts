/** What replaces a secret in any text authmux writes. */
export const REDACTED = "[redacted]";

// Shapes that are credentials whoever wrote them: compact JWS/JWE, and bearer
// credentials after an auth scheme. Vendor error bodies sometimes echo the
// request's own token or key back; these patterns keep them out of messages.
const JWT_SHAPE = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g;
// Case-sensitive on purpose: "token rejected" or "basic check" in prose is not a credential.
const AUTH_SCHEME = /\b(Bearer|bearer|BEARER|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/g;
const KEY_PREFIXES = /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}/g;

/**
 * Returns `text` with every known secret and every credential-shaped substring replaced by `[redacted]`.
 * Secrets shorter than 4 characters are ignored: replacing them would shred ordinary words.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (typeof secret === "string" && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(JWT_SHAPE, REDACTED)
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(KEY_PREFIXES, REDACTED);
}

/**
 * A copy of `value` (a vendor's parsed error body, say) with {@link redact} applied to every string in it, keys
 * included; objects deeper than 32 levels are cut. Used for `AuthmuxError.cause`, which keeps the vendor's body
 * but never what it echoes of our secrets or the caller's.
 */
export function redactDeep(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= 32) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[redact(key, secrets)] = redactDeep(item, secrets, depth + 1);
  return out;
}
