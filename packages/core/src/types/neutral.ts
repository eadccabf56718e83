/** A free-form JSON object, as vendors store user metadata. */
export type JsonObject = { [key: string]: JsonValue };
/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A user, the same shape for every vendor. */
export interface User {
  id: string;
  email: string | null;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
  name: string | null;
  /** The backend-written bag (Stytch trusted metadata, Clerk public metadata, Kobble metadata, …). */
  metadata: JsonObject;
  createdAt: Date;
  updatedAt: Date | null;
  /** The provider that returned it. */
  provider: string;
  /** The vendor's own object, untouched. */
  raw: unknown;
}

/** Where a session stands. */
export type SessionStatus = "active" | "revoked" | "expired" | "ended";

/** A user session at the vendor. */
export interface Session {
  id: string;
  userId: string;
  status: SessionStatus;
  createdAt: Date;
  expiresAt: Date | null;
  lastActiveAt: Date | null;
  provider: string;
  raw: unknown;
}

/** What a verified token says, whichever vendor signed it. */
export interface VerifiedToken {
  userId: string;
  sessionId: string | null;
  issuer: string;
  audience: string[];
  issuedAt: Date | null;
  expiresAt: Date;
  /** Every claim of the token, vendor-specific ones included. */
  claims: Record<string, unknown>;
  provider: string;
}

/** One usage counter of a user. */
export interface Quota {
  name: string;
  used: number;
  /** `null` = unlimited. */
  limit: number | null;
  /** `null` = unlimited. */
  remaining: number | null;
  resetsAt: Date | null;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  /** Opaque; pass it back as `cursor` for the next page. `null` at the end. */
  nextCursor: string | null;
}

/** Neutral webhook event types; anything else arrives as `unknown` with `raw` kept. */
export type WebhookEventType =
  | "user.created"
  | "user.updated"
  | "user.deleted"
  | "session.created"
  | "session.ended"
  | "quota.updated"
  | "unknown";

/** A verified webhook delivery. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  /** The vendor's own event name (`user.created`, `quota.reached`, …). */
  vendorType: string;
  occurredAt: Date;
  data: { user?: User; session?: Session; userId?: string; quota?: Quota };
  provider: string;
  raw: unknown;
}

/** Input of `users.create`. */
export interface CreateUserInput {
  email: string;
  name?: string | null;
  phone?: string | null;
  password?: string;
  metadata?: JsonObject;
}

/** Input of `users.update`: only the given fields change; `null` clears a field. */
export interface UpdateUserInput {
  email?: string;
  name?: string | null;
  phone?: string | null;
}

/** Options of `users.list`. */
export interface ListOptions {
  /** Page size; each provider states its maximum (the mock allows 1–100, default 20). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | null;
}

/** Options of `tokens.issue`. */
export interface IssueTokenOptions {
  expiresInSeconds?: number;
  claims?: Record<string, unknown>;
  sessionId?: string;
}

/** Options of `loginLinks.create`. */
export interface LoginLinkOptions {
  expiresInSeconds?: number;
  redirectUrl?: string;
}

/** A login link for a user. */
export interface LoginLink {
  url: string;
  expiresAt: Date;
}

/** Credentials of `passwords.authenticate`: an email or a login, and the password. */
export type PasswordCredentials =
  | { email: string; login?: never; password: string }
  | { login: string; email?: never; password: string };

/** What a successful password check returns. */
export interface PasswordAuthResult {
  user: User;
  session?: Session;
  /** A token for the new session, where the vendor issues one. */
  sessionToken?: string;
}

/** What `passwords.canImport` answers: whether the provider can take a hash, and why not. */
export type PasswordImportSupport = { ok: true } | { ok: false; reason: string };

/** What `sessions.authenticate` returns. */
export interface AuthenticatedSession {
  session: Session;
  user: User;
}

/** Headers as any framework hands them over. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/** Options of `webhooks.verify`. */
export interface WebhookVerifyOptions {
  /** The time to check the signature's timestamp against (defaults to the provider's clock). */
  now?: Date;
}
