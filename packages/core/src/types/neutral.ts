/** A free-form JSON object, as vendors store user metadata. */
export type JsonObject = { [key: string]: JsonValue };
/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A user, the same shape for every vendor. */
export interface User {
  /** The vendor's id of the user. */
  id: string;
  /** The primary email address, or `null` when the user has none. */
  email: string | null;
  /** Whether the vendor has verified `email`. */
  emailVerified: boolean;
  /** The primary phone number (E.164), or `null`. */
  phone: string | null;
  /** Whether the vendor has verified `phone`. */
  phoneVerified: boolean;
  /** The display name, or `null` when the vendor has none. */
  name: string | null;
  /** The backend-written bag (Stytch trusted metadata, Clerk public metadata, Kobble metadata, …). */
  metadata: JsonObject;
  /** When the vendor created the user. */
  createdAt: Date;
  /** When the user last changed, or `null` where the vendor does not say. */
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
  /** The vendor's id of the session. */
  id: string;
  /** The user the session belongs to. */
  userId: string;
  /** Where the session stands. */
  status: SessionStatus;
  /** When the session started. */
  createdAt: Date;
  /** When the session expires, or `null` when the vendor sets no end. */
  expiresAt: Date | null;
  /** When the session was last used, where the vendor tracks it. */
  lastActiveAt: Date | null;
  /** The provider that returned it. */
  provider: string;
  /** The vendor's own object, untouched. */
  raw: unknown;
}

/** What a verified token says, whichever vendor signed it. */
export interface VerifiedToken {
  /** The subject (`sub`): the user the token was issued to. */
  userId: string;
  /** The session the token belongs to (`sid`), or `null` when it names none. */
  sessionId: string | null;
  /** The token's issuer (`iss`). */
  issuer: string;
  /** The audiences (`aud`), always as a list (empty when the token names none). */
  audience: string[];
  /** When the token was issued (`iat`), or `null` when it does not say. */
  issuedAt: Date | null;
  /** When the token expires (`exp`): every verified token has one. */
  expiresAt: Date;
  /** Every claim of the token, vendor-specific ones included. */
  claims: Record<string, unknown>;
  /** The provider that verified it. */
  provider: string;
}

/** One usage counter of a user. */
export interface Quota {
  /** The quota's name, as the app or the vendor configured it. */
  name: string;
  /** How much of it has been used in the current period. */
  used: number;
  /** `null` = unlimited. */
  limit: number | null;
  /** `null` = unlimited. */
  remaining: number | null;
  /** When usage goes back to zero, or `null` for a quota that never resets. */
  resetsAt: Date | null;
}

/** One page of a list. */
export interface Page<T> {
  /** The items of this page, in the provider's stable order. */
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
  /** The vendor's id of the event or delivery: use it to drop duplicates. */
  id: string;
  /** The neutral event type; `unknown` for events without a neutral counterpart. */
  type: WebhookEventType;
  /** The vendor's own event name (`user.created`, `quota.reached`, …). */
  vendorType: string;
  /** When the event happened at the vendor. */
  occurredAt: Date;
  /** What the event is about, as far as the vendor's payload says: the user, the session, or only the user's id and the quota. */
  data: {
    /** The user, as the payload describes it. */
    user?: User;
    /** The session, as the payload describes it. */
    session?: Session;
    /** The user's id, where the payload names only that. */
    userId?: string;
    /** The quota, for `quota.updated`. */
    quota?: Quota;
  };
  /** The provider that verified it. */
  provider: string;
  /** The vendor's parsed payload, untouched. */
  raw: unknown;
}

/** Input of `users.create`. */
export interface CreateUserInput {
  /** The user's email address (required by every provider). */
  email: string;
  /** A display name. */
  name?: string | null;
  /** A phone number in E.164 form (`+14155550100`). */
  phone?: string | null;
  /** An initial password, where the provider has `passwords`; never logged nor echoed in errors. */
  password?: string;
  /** The initial metadata bag. */
  metadata?: JsonObject;
}

/** Input of `users.update`: only the given fields change; `null` clears a field. */
export interface UpdateUserInput {
  /** A new primary email address. */
  email?: string;
  /** A new display name, or `null` to clear it. */
  name?: string | null;
  /** A new phone number (E.164), or `null` to clear it. */
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
  /** The token's lifetime; each provider states its default and bounds. */
  expiresInSeconds?: number;
  /** Extra claims to sign into the token (registered claims such as `sub` and `exp` are the provider's). */
  claims?: Record<string, unknown>;
  /** The session to name in the token's `sid` claim. */
  sessionId?: string;
}

/** Options of `loginLinks.create`. */
export interface LoginLinkOptions {
  /** How long the link stays valid; each provider states its default and bounds. */
  expiresInSeconds?: number;
  /** Where the user lands after signing in through the link. */
  redirectUrl?: string;
}

/** A login link for a user. */
export interface LoginLink {
  /** The link to send to the user: it signs them in, once. */
  url: string;
  /** When the link stops working. */
  expiresAt: Date;
}

/** Credentials of `passwords.authenticate`: an email or a login, and the password. */
export type PasswordCredentials =
  | {
      /** The user's email address. */
      email: string;
      /** Not with `email`. */
      login?: never;
      /** The password; never logged nor echoed in errors. */
      password: string;
    }
  | {
      /** The user's login (ConnectyCube). */
      login: string;
      /** Not with `login`. */
      email?: never;
      /** The password; never logged nor echoed in errors. */
      password: string;
    };

/** What a successful password check returns. */
export interface PasswordAuthResult {
  /** The user the password belongs to. */
  user: User;
  /** The session the vendor started, where it starts one. */
  session?: Session;
  /** A token for the new session, where the vendor issues one. */
  sessionToken?: string;
}

/** What `passwords.canImport` answers: whether the provider can take a hash, and why not. */
export type PasswordImportSupport =
  | {
      /** The provider can take the hash. */
      ok: true;
    }
  | {
      /** It cannot. */
      ok: false;
      /** Why, in words. */
      reason: string;
    };

/** What `sessions.authenticate` returns. */
export interface AuthenticatedSession {
  /** The session, active at the vendor. */
  session: Session;
  /** The session's user. */
  user: User;
}

/** Headers as any framework hands them over. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/** Options of `webhooks.verify`. */
export interface WebhookVerifyOptions {
  /** The time to check the signature's timestamp against (defaults to the provider's clock). */
  now?: Date;
}
