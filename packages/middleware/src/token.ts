import type { HeadersLike } from "@authmux/core";
import { getHeader } from "@authmux/core";

/** The cookie each vendor's frontend SDK keeps its session token in (where it has one). */
export const DEFAULT_COOKIE_NAMES: Readonly<Record<string, string>> = {
  clerk: "__session",
  stytch: "stytch_session_jwt",
  kobble: "kobble_access_token",
  mock: "authmux_session",
};

/** Where to look for the token. */
export interface TokenSourceOptions {
  /** The cookie to read when there is no `Authorization: Bearer` header; default per vendor (`__session` for Clerk, …). */
  cookieName?: string;
}

/** The bearer token of a request: `Authorization: Bearer …` first, then the vendor's session cookie. */
export function extractToken(headers: HeadersLike, providerName: string, options: TokenSourceOptions = {}): string | null {
  const authorization = getHeader(headers, "authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? (match[1] as string) : null;
  }
  const cookieName = options.cookieName ?? DEFAULT_COOKIE_NAMES[providerName];
  const cookie = cookieName ? getHeader(headers, "cookie") : null;
  if (!cookie || !cookieName) return null;
  for (const part of cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === cookieName) {
      const value = part.slice(eq + 1).trim();
      try {
        return value ? decodeURIComponent(value) : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}
