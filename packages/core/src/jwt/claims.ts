import { AuthmuxError } from "../errors/authmux-error.js";

/** What the claims must satisfy. */
export interface ClaimRules {
  issuers: readonly string[];
  audiences: readonly string[] | null;
  toleranceSec: number;
  /** Tokens older than this (by `iat`) are expired; `iat` is then required. */
  maxAgeSec: number | undefined;
  requiredClaims: readonly string[];
  provider: string;
}

const reject = (code: "token_invalid" | "token_expired" | "token_not_yet_valid", why: string, provider: string) =>
  new AuthmuxError(code, `token rejected: ${why}`, { provider });

const isNumericDate = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Checks `exp` (required), `nbf`, `iat`, `iss`, `aud` and required claims at `nowSec`; returns `exp`. */
export function checkClaims(claims: Record<string, unknown>, rules: ClaimRules, nowSec: number): number {
  const { toleranceSec: tol, provider } = rules;
  const exp = claims.exp;
  if (exp === undefined) throw reject("token_invalid", "it has no exp claim (every accepted token must expire)", provider);
  if (!isNumericDate(exp)) throw reject("token_invalid", "its exp claim is not a number", provider);
  if (nowSec > exp + tol) throw reject("token_expired", `it expired at ${new Date(exp * 1000).toISOString()}`, provider);

  const nbf = claims.nbf;
  if (nbf !== undefined) {
    if (!isNumericDate(nbf)) throw reject("token_invalid", "its nbf claim is not a number", provider);
    if (nbf > nowSec + tol) throw reject("token_not_yet_valid", `it is not valid before ${new Date(nbf * 1000).toISOString()}`, provider);
  }
  const iat = claims.iat;
  if (iat !== undefined) {
    if (!isNumericDate(iat)) throw reject("token_invalid", "its iat claim is not a number", provider);
    if (iat > nowSec + tol) throw reject("token_not_yet_valid", "it was issued in the future (check clocks)", provider);
  }
  if (rules.maxAgeSec !== undefined) {
    if (iat === undefined) throw reject("token_invalid", "it has no iat claim, which this issuer requires", provider);
    if (nowSec - (iat as number) > rules.maxAgeSec + tol) throw reject("token_expired", `it was issued more than ${rules.maxAgeSec} s ago`, provider);
  }

  if (typeof claims.iss !== "string" || !rules.issuers.includes(claims.iss)) {
    // The issuer comes from an unverified token: quote and truncate it so it cannot forge log lines.
    throw reject("token_invalid", typeof claims.iss === "string" ? `unexpected issuer ${JSON.stringify(claims.iss.slice(0, 100))}` : "it has no iss claim", provider);
  }
  if (rules.audiences !== null) {
    const aud = claims.aud;
    const list = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud : [];
    if (!list.some((a) => typeof a === "string" && rules.audiences!.includes(a))) {
      throw reject("token_invalid", "its audience (aud) is not one this verifier accepts", provider);
    }
  }
  for (const name of rules.requiredClaims) {
    if (claims[name] === undefined) throw reject("token_invalid", `it has no ${name} claim`, provider);
  }
  return exp;
}
