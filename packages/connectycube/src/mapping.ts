import type { AuthenticatedSession, JsonObject, Session, User, VerifiedToken } from "@authmux/core";
import { PROVIDER } from "./constants.js";
import type { WireSession, WireUser } from "./wire.js";

/** What `GET /session` said about a user's token. */
export interface CheckedToken {
  /** The neutral session id derived from the token. */
  sessionId: string;
  session: WireSession;
  user: WireUser;
  /** From `CB-Token-ExpirationDate`, else two hours from the check (the check itself extends the token). */
  expiresAt: Date;
  checkedAt: number;
}

/** `2023-09-15 15:43:31 UTC` → Date, or null when absent or not in that form. */
export function parseExpiryHeader(value: string | null): Date | null {
  const match = value === null ? null : /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(value.trim());
  const date = match ? new Date(`${match[1]}T${match[2]}Z`) : null;
  // A well-shaped but impossible date (month 13) is as good as no header: never hand out an Invalid Date.
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** `custom_data` is a free-form string: an object when it holds JSON of one, else empty (vendors/connectycube.md §5.3). */
export function parseCustomData(customData: string | null | undefined): JsonObject {
  if (!customData) return {};
  try {
    const parsed: unknown = JSON.parse(customData);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : {};
  } catch {
    return {};
  }
}

/** The neutral view of a ConnectyCube user: `metadata` is `custom_data` parsed; nothing is verified. */
export function toUser(wire: WireUser): User {
  return {
    id: String(wire.id),
    email: wire.email || null,
    // ConnectyCube tracks no verification of emails or phone numbers.
    emailVerified: false,
    // Guests carry "" as their phone.
    phone: wire.phone || null,
    phoneVerified: false,
    name: wire.full_name || null,
    metadata: parseCustomData(wire.custom_data),
    createdAt: new Date(wire.created_at),
    updatedAt: wire.updated_at ? new Date(wire.updated_at) : null,
    provider: PROVIDER,
    raw: wire,
  };
}

/** The neutral view of a live ConnectyCube user session. */
export function toSession(wire: WireSession, sessionId: string, expiresAt: Date, lastActiveAt: number): Session {
  return {
    id: sessionId,
    userId: String(wire.user_id),
    status: "active",
    createdAt: new Date(wire.created_at),
    expiresAt,
    // Every request with the token is activity; the one that returned this session was the last.
    lastActiveAt: new Date(lastActiveAt),
    provider: PROVIDER,
    raw: { ...wire, token: undefined },
  };
}

/** `{ session, user }` from a checked token. */
export function authenticated(checked: CheckedToken): AuthenticatedSession {
  return { session: toSession(checked.session, checked.sessionId, checked.expiresAt, checked.checkedAt), user: toUser(checked.user) };
}

/** The API root is the issuer and the application id the audience; `claims` are the session's fields without the token. */
export function toVerifiedToken(checked: CheckedToken, issuer: string): VerifiedToken {
  const { token: _token, user: _user, ...claims } = checked.session;
  return {
    userId: String(checked.session.user_id),
    sessionId: checked.sessionId,
    issuer,
    audience: [String(checked.session.application_id)],
    issuedAt: new Date(checked.session.created_at),
    expiresAt: checked.expiresAt,
    claims,
    provider: PROVIDER,
  };
}
