import { errors, jwtVerify, SignJWT } from "jose";
import { AuthmuxError } from "../errors/authmux-error.js";
import type { VerifiedToken } from "../types/neutral.js";
import type { MockKeys } from "./mock-keys.js";

/** The largest token the mock looks at; longer ones are rejected before any decoding. */
export const MAX_TOKEN_BYTES = 8192;

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

/** Verifies a mock token: signature, `typ`, issuer, audience, `exp` (required), `nbf`, with a tolerance. */
export async function verifyMockToken(
  keys: MockKeys,
  token: string,
  o: { issuer: string; audience: string; now: number; toleranceSec: number; provider: string },
): Promise<VerifiedToken> {
  const fail = (code: "token_invalid" | "token_expired" | "token_not_yet_valid", why: string, cause?: unknown) =>
    new AuthmuxError(code, `token rejected: ${why}`, { provider: o.provider, cause });
  if (typeof token !== "string" || token.length === 0) throw fail("token_invalid", "no token given");
  if (token.length > MAX_TOKEN_BYTES) throw fail("token_invalid", `longer than ${MAX_TOKEN_BYTES} bytes`);
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: ["ES256"],
      issuer: o.issuer,
      audience: o.audience,
      typ: "JWT",
      requiredClaims: ["exp", "sub"],
      currentDate: new Date(o.now),
      clockTolerance: o.toleranceSec,
    });
    const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return {
      userId: payload.sub as string,
      sessionId: typeof payload.sid === "string" ? payload.sid : null,
      issuer: payload.iss as string,
      audience: aud,
      issuedAt: typeof payload.iat === "number" ? new Date(payload.iat * 1000) : null,
      expiresAt: new Date((payload.exp as number) * 1000),
      claims: { ...payload },
      provider: o.provider,
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw fail("token_expired", "expired (exp is in the past)", error);
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === "nbf") {
      throw fail("token_not_yet_valid", "not valid yet (nbf is in the future)", error);
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) throw fail("token_invalid", "signature does not match the mock's key", error);
    if (error instanceof errors.JWTClaimValidationFailed) throw fail("token_invalid", `claim "${error.claim}" check failed (${error.reason})`, error);
    throw fail("token_invalid", "not a well-formed ES256 JWT of this issuer", error);
  }
}
