import { AuthmuxError, optionalText, type PasswordCredentials, requireEmail, requireId, requireSecretString } from "@authmux/core";
import { PROVIDER } from "./constants.js";

/** What `POST /session` may carry besides the application credentials. */
export type SessionUser = { login: string; password: string } | { email: string; password: string } | { guest: "1"; full_name: string };

/** ConnectyCube user ids are integers. */
const USER_ID = /^[1-9]\d{0,18}$/;

/** Characters a token can carry in a header (ConnectyCube's are hex). */
export const TOKEN = /^[\x21-\x7e]{1,1024}$/;

/** ConnectyCube's names (`full_name`): at most this many characters. */
export const MAX_NAME = 200;

/** A ConnectyCube user id from a neutral one, or null when it cannot name a ConnectyCube user. */
export function userIdOf(id: string): string | null {
  const checked = requireId(id, "user id");
  return USER_ID.test(checked) ? checked : null;
}

/** A user token as given by a caller: `token_invalid` before any request when it cannot be one. */
export function requireToken(token: unknown): string {
  if (typeof token !== "string" || !TOKEN.test(token)) {
    throw new AuthmuxError("token_invalid", "no ConnectyCube session token given, or one with characters no token has", { provider: PROVIDER });
  }
  return token;
}

/** A required display text (a guest's name): a string of 1 to `max` characters that is not only whitespace. */
export function requireText(value: unknown, what: string, max: number): string {
  const text = optionalText(value, what, max);
  if (text == null) throw new AuthmuxError("invalid_input", `${what} must be a non-empty string of at most ${max} characters`);
  return text;
}

/** A ConnectyCube login: 3 to 70 characters (vendors/connectycube.md §5.1). */
export function requireLogin(value: unknown, what = "login"): string {
  if (typeof value !== "string" || value.trim().length < 3 || value.length > 70) throw new AuthmuxError("invalid_input", `${what} must be a ConnectyCube login of 3 to 70 characters`);
  return value;
}

/** `{ login | email, password }` as ConnectyCube's `user` field; invalid_input before any request. */
export function requireCredentials(credentials: PasswordCredentials): SessionUser {
  if (typeof credentials !== "object" || credentials === null) throw new AuthmuxError("invalid_input", "credentials must be { login | email, password }");
  const password = requireSecretString(credentials.password, "password", 256);
  if (credentials.email !== undefined && credentials.login !== undefined) throw new AuthmuxError("invalid_input", "pass either login or email, not both");
  if (credentials.email !== undefined) return { email: requireEmail(credentials.email), password };
  if (credentials.login === undefined) throw new AuthmuxError("invalid_input", "credentials need an email, or a login of 3 to 70 characters");
  return { login: requireLogin(credentials.login), password };
}

/** The caller's secrets a session request carries: the password, when there is one. */
export const passwordOf = (user: SessionUser | undefined): string[] => (user && "password" in user ? [user.password] : []);
