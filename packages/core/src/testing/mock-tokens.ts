import { SignJWT } from "jose";
import { verifiedTokenFromClaims } from "../jwt/verified-token.js";
import type { VerifiedToken } from "../types/neutral.js";
import type { MockKeys } from "./mock-keys.js";

/** What kind of token a test wants. */
export type TokenKind = "valid" | "expired" | "not_yet_valid" | "foreign";

export interface SignOptions {
  subject: string;
  sessionId: string | null;
  now: number;
  expiresInSeconds: number;
  kind: TokenKind;
  claims?: Record<string, unknown>;
}

/** Signs an ES256 JWT as the mock's issuer. */
export async function signMockToken(keys: MockKeys, issuer: string, audience: string, o: SignOptions): Promise<string> {
  const now = Math.floor(o.now / 1000);
  let iat = now;
  let exp = now + o.expiresInSeconds;
  let nbf: number | undefined;
  if (o.kind === "expired") {
    iat = now - 2 * o.expiresInSeconds - 60;
    exp = now - o.expiresInSeconds - 60;
  }
  if (o.kind === "not_yet_valid") nbf = now + 3600;
  const jwt = new SignJWT({ ...o.claims, ...(o.sessionId ? { sid: o.sessionId } : {}) })
    .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: keys.publicJwk.kid ?? "mock" })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(o.subject)
    .setIssuedAt(iat)
    .setExpirationTime(exp);
  if (nbf !== undefined) jwt.setNotBefore(nbf);
  return jwt.sign(o.kind === "foreign" ? keys.foreignPrivateKey : keys.privateKey);
}

/** Maps the engine's verified claims to the neutral {@link VerifiedToken}; the mock's session id is `sid`. */
export function toVerifiedToken(claims: Readonly<Record<string, unknown>>, provider: string): VerifiedToken {
  return verifiedTokenFromClaims(claims, provider, { sessionId: typeof claims.sid === "string" ? claims.sid : null });
}
