export { createJwtVerifier, type JwtVerifier, type JwtVerifierOptions, type StaticKey, type VerifiedJwt } from "./verifier.js";
export { JWT_ALGORITHMS, type JwtAlgorithm } from "./algorithms.js";
export { decodeBase64Url, encodeBase64Url } from "./base64url.js";
export { type VerifiedTokenMemo, verifiedTokenFromClaims, verifiedTokenMemo } from "./verified-token.js";
