import { hexEncode } from "@authmux/core";

/** A user as the fake stores it. */
export interface FakeUser {
  id: number;
  _id: string;
  login: string | null;
  email: string | null;
  full_name: string | null;
  phone: string | null;
  website: string | null;
  external_id: string | null;
  custom_data: string | null;
  user_tags: string | null;
  timezone: number | null;
  is_guest: boolean | null;
  created_at: number;
  updated_at: number;
  last_request_at: number | null;
  /** Never in the wire user. */
  password: string;
}

/** A session as the fake stores it: `user_id` null for an application session. */
export interface FakeSession {
  id: number;
  token: string;
  user_id: number | null;
  nonce: number;
  created_at: number;
  updated_at: number;
  /** Epoch ms; every request with the token moves it to two hours later (guests: capped at one day). */
  expires_at: number;
  guest: boolean;
}

/** Two hours of inactivity end a session; guests last one day at most. */
export const SESSION_TTL_MS = 2 * 3600_000;
export const GUEST_TTL_MS = 24 * 3600_000;

/** The whole state; `reset()` replaces it. */
export class FakeState {
  users = new Map<number, FakeUser>();
  sessions = new Map<string, FakeSession>();
  /** Emails a password-reset link was sent to. */
  resetEmails: string[] = [];
  /** `timestamp:nonce` pairs of signed session requests: ConnectyCube refuses a repeat. */
  usedNonces = new Set<string>();
  private userSeq = 51940;
  private sessionSeq = 702114582;

  nextUserId(): number {
    return ++this.userSeq;
  }

  nextSessionId(): number {
    return ++this.sessionSeq;
  }

  byEmail(email: string): FakeUser | undefined {
    // Assumed case-insensitive, as email lookups are at the vendors this project fakes.
    const wanted = email.toLowerCase();
    for (const u of this.users.values()) if (u.email?.toLowerCase() === wanted) return u;
    return undefined;
  }

  byLogin(login: string): FakeUser | undefined {
    for (const u of this.users.values()) if (u.login === login) return u;
    return undefined;
  }
}

/** A current-format token: 36 upper-case hex characters. */
export function newToken(): string {
  return hexEncode(crypto.getRandomValues(new Uint8Array(18))).toUpperCase();
}

const seconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** `CB-Token-ExpirationDate`'s form: `2023-09-15 15:43:31 UTC`. */
export function expiryHeader(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** The wire form of a user (vendors/connectycube.md §6.1). */
export function wireUserOf(u: FakeUser): Record<string, unknown> {
  return {
    _id: u._id,
    id: u.id,
    full_name: u.full_name,
    email: u.email,
    login: u.login,
    phone: u.phone,
    website: u.website,
    created_at: seconds(u.created_at),
    updated_at: seconds(u.updated_at),
    last_request_at: u.last_request_at === null ? null : seconds(u.last_request_at),
    external_user_id: null,
    external_id: u.external_id,
    facebook_id: null,
    twitter_id: null,
    blob_id: null,
    custom_data: u.custom_data,
    avatar: null,
    user_tags: u.user_tags,
    timezone: u.timezone,
    is_guest: u.is_guest,
  };
}

/** The wire form of a session (§3.3, §6.2): user sessions embed their user. */
export function wireSessionOf(s: FakeSession, applicationId: number, user: FakeUser | undefined): Record<string, unknown> {
  return {
    id: s.id,
    application_id: applicationId,
    token: s.token,
    nonce: s.nonce,
    ts: Math.floor(s.created_at / 1000),
    user_id: s.user_id,
    created_at: new Date(s.created_at).toISOString(),
    updated_at: new Date(s.updated_at).toISOString(),
    ...(user ? { user: wireUserOf(user) } : {}),
  };
}
