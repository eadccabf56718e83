import { AuthmuxError, type PasswordAuthResult } from "@authmux/core";
import { PROVIDER, SESSION_TTL_MS } from "./constants.js";
import type { ConnectyCubeContext } from "./context.js";
import type { SessionUser } from "./input.js";
import { parseExpiryHeader, toSession, toUser } from "./mapping.js";
import { createSession } from "./session-create.js";
import { sessionIdOf } from "./session-id.js";
import { userOfSession } from "./token-check.js";

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
