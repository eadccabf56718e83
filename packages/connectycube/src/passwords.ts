import { AuthmuxError, type PasswordAuthResult, type PasswordCredentials, requireEmail, requireSecretString } from "@authmux/core";
import { type ConnectyCubeContext, PROVIDER, SESSION_TTL_MS } from "./context.js";
import { asSignInError } from "./errors.js";
import { createSession, type SessionUser } from "./session-create.js";
import { sessionIdOf } from "./session-id.js";
import { parseExpiryHeader } from "./token-check.js";
import { toSession } from "./sessions.js";
import { toUser, userOfSession } from "./users.js";

/** `{ login | email, password }` as ConnectyCube's `user` field; invalid_input before any request. */
export function requireCredentials(credentials: PasswordCredentials): SessionUser {
  if (typeof credentials !== "object" || credentials === null) throw new AuthmuxError("invalid_input", "credentials must be { login | email, password }");
  const password = requireSecretString(credentials.password, "password", 256);
  if (credentials.email !== undefined && credentials.login !== undefined) throw new AuthmuxError("invalid_input", "pass either login or email, not both");
  if (credentials.email !== undefined) return { email: requireEmail(credentials.email), password };
  // ConnectyCube logins are 3 to 70 characters.
  if (typeof credentials.login !== "string" || credentials.login.trim().length < 3 || credentials.login.length > 70) {
    throw new AuthmuxError("invalid_input", "credentials need an email, or a login of 3 to 70 characters");
  }
  return { login: credentials.login, password };
}

/**
 * Starts a user (or guest) session with `POST /session` and returns it the neutral way, with its token.
 * The token is remembered so that `sessions.revoke(session.id)` can destroy the session.
 */
export async function startUserSession({ http, app, options, tokens, clock }: ConnectyCubeContext, user: SessionUser): Promise<Required<PasswordAuthResult>> {
  const response = await createSession(http, options, user);
  const { session } = response.data;
  const wireUser = await userOfSession(app, session);
  if (!wireUser) throw new AuthmuxError("provider_unavailable", "ConnectyCube created a user session without its user, which its API promises", { provider: PROVIDER, cause: session });
  const now = clock();
  const sessionId = await sessionIdOf(session.token);
  tokens.remember(sessionId, session.token);
  const expiresAt = parseExpiryHeader(response.headers.get("cb-token-expirationdate")) ?? new Date(now + SESSION_TTL_MS);
  return { user: toUser(wireUser), session: toSession(session, sessionId, expiresAt, now), sessionToken: session.token };
}

/** Sign-in with login or email and password: a new user session, returned with its token. */
export function passwordsMember(context: ConnectyCubeContext) {
  return {
    async authenticate(credentials: PasswordCredentials): Promise<PasswordAuthResult> {
      const user = requireCredentials(credentials);
      try {
        return await startUserSession(context, user);
      } catch (error) {
        throw asSignInError(error);
      }
    },
  };
}
