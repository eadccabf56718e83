import { type JWTPayload, SignJWT } from "jose";
import type { FakeSigningKeys } from "./signing-keys.js";
import type { TokenKind } from "./mock-tokens.js";

/** What a fake vendor puts in a token it mints. */
export interface FakeJwtOptions {
  /** The fake vendor's signing keys. */
  keys: FakeSigningKeys;
  /** The signature algorithm the vendor uses. */
  alg: "RS256" | "ES256";
  /** What a test asks for: `valid`, `expired` (both times an hour or more past), `not_yet_valid` (nbf an hour ahead), `foreign` (signed with a key never published). */
  kind?: TokenKind | undefined;
  /** Epoch seconds of issue; default now. */
  iat: number;
  /** Lifetime in seconds. */
  ttlSec: number;
  /** The `iss` claim. */
  issuer: string;
  /** The `sub` claim. */
  subject: string;
  /** The `aud` claim, when the vendor sets one. */
  audience?: string | string[] | undefined;
  /** The vendor's own claims. */
  claims?: JWTPayload | undefined;
  /** Protected header fields besides `alg` and `kid` (`typ` defaults to `JWT`). */
  header?: Record<string, unknown> | undefined;
}

/**
 * A JWT as a fake vendor mints it, for each {@link TokenKind} a test asks for: the vendor's own claims and
 * header, its key id, and the token's times placed so it verifies, has expired, is not valid yet, or is
 * signed by a key the vendor never published.
 */
export function mintFakeJwt(o: FakeJwtOptions): Promise<string> {
  const kind = o.kind ?? "valid";
  const iat = kind === "expired" ? o.iat - o.ttlSec - 3600 : o.iat;
  const jwt = new SignJWT({ ...o.claims })
    .setProtectedHeader({ alg: o.alg, kid: o.keys.kid, typ: "JWT", ...o.header })
    .setIssuer(o.issuer)
    .setSubject(o.subject)
    .setIssuedAt(iat)
    .setExpirationTime(iat + o.ttlSec);
  if (o.audience !== undefined) jwt.setAudience(o.audience);
  if (kind === "not_yet_valid") jwt.setNotBefore(iat + 3600);
  return jwt.sign(kind === "foreign" ? o.keys.foreignKey : o.keys.privateKey);
}
