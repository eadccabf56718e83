import { hexEncode, type JsonObject } from "@authmux/core";

/** The text fields of a profile, as signup and updates take them. */
export const PROFILE = ["login", "email", "full_name", "phone", "website", "external_id", "custom_data", "facebook_id", "twitter_id", "avatar"] as const;
/** The integer fields of a profile (both deprecated, both still stored and answered). */
export const INTEGER_PROFILE = ["external_user_id", "blob_id"] as const;

/** A user as the fake stores it. */
export interface FakeUser extends Record<(typeof PROFILE)[number], string | null>, Record<(typeof INTEGER_PROFILE)[number], number | null> {
  id: number;
  _id: string;
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
  /** Destroyed with `DELETE /session`: kept, so that `peekSession` can tell it ended. */
  ended: boolean;
}

/** Two hours of inactivity end a session; guests last one day at most. */
export const SESSION_TTL_MS = 2 * 3600_000;
export const GUEST_TTL_MS = 24 * 3600_000;

const BLANK = {
  ...Object.fromEntries([...PROFILE, ...INTEGER_PROFILE].map((key) => [key, null])),
  user_tags: null,
  timezone: null,
  is_guest: null,
} as Omit<FakeUser, "id" | "_id" | "created_at" | "updated_at" | "last_request_at" | "password">;

/** The whole state; `reset()` replaces it, `snapshot()`/`restore()` carry it across runs. */
export class FakeState {
  users = new Map<number, FakeUser>();
  sessions = new Map<string, FakeSession>();
  /** Emails a password-reset link was sent to. */
  resetEmails: string[] = [];
  /** `timestamp:nonce` pairs of signed session requests: ConnectyCube refuses a repeat. */
  usedNonces = new Set<string>();
  private userSeq = 51940;
  private sessionSeq = 702114582;

  /** The state as plain JSON (times are epoch ms). */
  snapshot(): JsonObject {
    const { userSeq, sessionSeq, resetEmails } = this;
    return structuredClone({ userSeq, sessionSeq, users: [...this.users.values()], sessions: [...this.sessions.values()], resetEmails, usedNonces: [...this.usedNonces] }) as unknown as JsonObject;
  }

  /** A state from {@link snapshot}'s JSON; a malformed one throws. */
  static restore(json: JsonObject): FakeState {
    const given = structuredClone(json) as unknown as { userSeq: number; sessionSeq: number; users: FakeUser[]; sessions: FakeSession[]; resetEmails: string[]; usedNonces: string[] };
    const lists = [given.users, given.sessions, given.resetEmails, given.usedNonces];
    if (!Number.isInteger(given.userSeq) || !Number.isInteger(given.sessionSeq) || !lists.every(Array.isArray)) {
      throw new TypeError("not a ConnectyCube fake snapshot: userSeq, sessionSeq, users, sessions, resetEmails and usedNonces are required");
    }
    const state = new FakeState();
    state.userSeq = given.userSeq;
    state.sessionSeq = given.sessionSeq;
    for (const user of given.users) state.users.set(user.id, user);
    for (const s of given.sessions) state.sessions.set(s.token, s);
    state.resetEmails = given.resetEmails;
    state.usedNonces = new Set(given.usedNonces);
    return state;
  }

  addUser(at: number, fields: Partial<FakeUser> & { password: string }): FakeUser {
    const id = ++this.userSeq;
    const user: FakeUser = { id, _id: hexEncode(crypto.getRandomValues(new Uint8Array(12))), ...BLANK, created_at: at, updated_at: at, last_request_at: null, ...fields };
    this.users.set(id, user);
    return user;
  }

  addSession(at: number, userId: number | null, opts: { guest?: boolean; nonce?: number | undefined } = {}): FakeSession {
    const session: FakeSession = {
      // Current user sessions carry the user id as their id (vendors/connectycube.md §3.3).
      id: userId ?? ++this.sessionSeq,
      token: newToken(),
      user_id: userId,
      nonce: opts.nonce ?? Math.floor(Math.random() * 10000),
      created_at: at,
      updated_at: at,
      expires_at: at + SESSION_TTL_MS,
      guest: opts.guest ?? false,
      ended: false,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The user with this login, or this email (assumed case-insensitive, as email lookups are at the vendors this project fakes). */
  holder(key: "email" | "login", value: string): FakeUser | undefined {
    const same = (held: string | null) => (key === "email" ? held?.toLowerCase() === value.toLowerCase() : held === value);
    return [...this.users.values()].find((u) => same(u[key]));
  }
}

// ConnectyCube's error bodies: `errors` as an array, or as a map of field → messages, `base` for no field in particular (vendors/connectycube.md §7).
export const errors = (status: number, errors: string[] | Record<string, string[]>) => Response.json({ errors }, { status });
export const invalid = (field: string, message: string) => errors(422, { [field]: [message] });

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A current-format token: 36 upper-case hex characters. */
export function newToken(): string {
  return hexEncode(crypto.getRandomValues(new Uint8Array(18))).toUpperCase();
}

/** A wire date to the second: `2023-09-15T15:43:31Z`. */
const seconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** `CB-Token-ExpirationDate`'s form: `2023-09-15 15:43:31 UTC`. */
export const expiryHeader = (ms: number) => seconds(ms).replace("T", " ").replace("Z", " UTC");

/** `custom_data` as a JSON object, as ConnectyCube's SDKs read it; anything else is `{}`. */
export function customDataObject(customData: string | null): JsonObject {
  try {
    const parsed: unknown = JSON.parse(customData ?? "");
    return isObject(parsed) ? (parsed as JsonObject) : {};
  } catch {
    return {};
  }
}

/** The wire form of a user (vendors/connectycube.md §6.1): every stored field, dates in seconds, no password. */
export function wireUserOf(u: FakeUser): Record<string, unknown> {
  const { password: _password, created_at, updated_at, last_request_at, ...fields } = u;
  const times = { created_at: seconds(created_at), updated_at: seconds(updated_at), last_request_at: last_request_at === null ? null : seconds(last_request_at) };
  return { ...fields, ...times };
}

/** The wire form of a session (§3.3, §6.2): user sessions embed their user. */
export function wireSessionOf(s: FakeSession, applicationId: number, user: FakeUser | undefined): Record<string, unknown> {
  const { id, token, nonce, user_id, created_at, updated_at } = s;
  const times = { ts: Math.floor(created_at / 1000), created_at: new Date(created_at).toISOString(), updated_at: new Date(updated_at).toISOString() };
  return { id, application_id: applicationId, token, nonce, user_id, ...times, ...(user ? { user: wireUserOf(user) } : {}) };
}
