import { AuthmuxError } from "@authmux/core";

// Checks of caller input that only Stytch's calls need; the shared ones come from core.

/** An http(s) URL (a redirect the adapter builds on or passes to Stytch). */
export function httpUrl(value: unknown, what: string): URL {
  const fail = () => new AuthmuxError("invalid_input", `${what} must be an http(s) URL`);
  if (typeof value !== "string") throw fail();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail();
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw fail();
  return url;
}

/** An optional lifetime in whole minutes within Stytch's bounds for that field; `undefined` leaves Stytch's default. */
export function optionalMinutes(value: unknown, what: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new AuthmuxError("invalid_input", `${what} must be a whole number of minutes from ${min} to ${max}`);
  }
  return value;
}

/** Stytch's bounds on a session's lifetime in minutes (five minutes to a year). */
export const SESSION_MINUTES = [5, 527040] as const;

/** An optional http(s) URL Stytch is given as is (a redirect registered in its dashboard). */
export function optionalHttpUrl(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new AuthmuxError("invalid_input", `${what} must be an http(s) URL`);
  httpUrl(value, what);
  return value;
}
