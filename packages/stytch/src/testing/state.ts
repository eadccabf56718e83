import type { JsonObject, JsonValue } from "@authmux/core";
import type { StoredHash } from "./hashes.js";

/** A name as Stytch stores it. */
export type FakeName = { first_name: string; middle_name: string; last_name: string };

/** The `attributes` Stytch records on a session (`{ ip_address, user_agent }`). */
export type FakeAttributes = {
  /** The client's IP address. */
  ip_address: string;
  /** The client's user agent. */
  user_agent: string;
};

/** A user as the fake stores it: Stytch's fields, and a password it never shows. */
export interface FakeUser {
  user_id: string;
  status: "active" | "pending";
  created_at: string;
  name: FakeName;
  emails: { email_id: string; email: string; verified: boolean }[];
  phone_numbers: { phone_id: string; phone_number: string; verified: boolean }[];
  trusted_metadata: JsonObject;
  untrusted_metadata: JsonObject;
  external_id: string | null;
  /** The password and how it is checked; never in the wire user. */
  password: { password_id: string; hash: StoredHash } | null;
}

/** A session as the fake stores it (times in epoch ms). */
export interface FakeSession {
  session_id: string;
  user_id: string;
  session_token: string;
  started_at: number;
  last_accessed_at: number;
  expires_at: number;
  revoked: boolean;
  attributes: FakeAttributes;
  custom_claims: JsonObject;
  /** Stytch's `authentication_factors`, as the calls that signed the user in recorded them. */
  authentication_factors: JsonObject[];
}

/** A magic link minted by `POST /v1/magic_links`. */
export interface FakeMagicLink {
  user_id: string;
  expires_at: number;
  used: boolean;
}

/** The whole state; `reset()` replaces it, `snapshot()`/`restore()` carry it across processes. */
export class FakeState {
  users = new Map<string, FakeUser>();
  sessions = new Map<string, FakeSession>();
  /** Magic links minted, by their token. */
  magicLinks = new Map<string, FakeMagicLink>();
  private counter = 0;

  /** Deterministic Stytch-shaped ids: `<kind>-test-<uuid-like>`, increasing. */
  id(kind: string): string {
    this.counter += 1;
    return `${kind}-test-00000000-0000-4000-8000-${this.counter.toString(16).padStart(12, "0")}`;
  }

  byEmail(email: string): FakeUser | undefined {
    return this.find((u) => u.emails.some((e) => e.email.toLowerCase() === email.toLowerCase()));
  }

  byPhone(phone: string): FakeUser | undefined {
    return this.find((u) => u.phone_numbers.some((p) => p.phone_number === phone));
  }

  /** By user id or external id, as Stytch accepts either anywhere a user_id goes. */
  user(idOrExternal: string): FakeUser | undefined {
    return this.users.get(idOrExternal) ?? this.find((u) => u.external_id === idOrExternal);
  }

  sessionByToken(token: string): FakeSession | undefined {
    return [...this.sessions.values()].find((s) => s.session_token === token);
  }

  /** Everything, as plain JSON (entries in insertion order, so a restored state lists users as the original did). */
  toJSON(): JsonObject {
    const plain = (value: unknown) => structuredClone(value) as JsonValue;
    return {
      version: 1,
      counter: this.counter,
      users: [...this.users.values()].map(plain),
      sessions: [...this.sessions.values()].map(plain),
      magicLinks: [...this.magicLinks].map(([token, link]) => ({ token, ...link })),
    };
  }

  /** A state rebuilt from {@link FakeState.toJSON}'s output; throws on anything else. */
  static fromJSON(json: JsonObject): FakeState {
    if (json.version !== 1 || typeof json.counter !== "number" || !Array.isArray(json.users) || !Array.isArray(json.sessions) || !Array.isArray(json.magicLinks)) {
      throw new TypeError("not a Stytch fake snapshot (version 1)");
    }
    const state = new FakeState();
    state.counter = json.counter;
    // The snapshot is the fake's own output; each record keeps the shape it was written with.
    for (const user of structuredClone(json.users) as unknown as FakeUser[]) state.users.set(user.user_id, user);
    for (const session of structuredClone(json.sessions) as unknown as FakeSession[]) state.sessions.set(session.session_id, session);
    for (const { token, ...link } of structuredClone(json.magicLinks) as unknown as (FakeMagicLink & { token: string })[]) state.magicLinks.set(token, link);
    return state;
  }

  private find(test: (user: FakeUser) => boolean): FakeUser | undefined {
    return [...this.users.values()].find(test);
  }
}

/** The wire form of a user (vendors/stytch.md §11.1): what the fake stores, the factors it does not keep, never the password hash. */
export function wireUserOf(u: FakeUser): Record<string, unknown> {
  const { password, ...stored } = u;
  const registrations = { providers: [], webauthn_registrations: [], biometric_registrations: [], totps: [], crypto_wallets: [] };
  const lock = { is_locked: false, lock_created_at: null, lock_expires_at: null };
  return { ...structuredClone(stored), ...registrations, password: password ? { password_id: password.password_id, requires_reset: false } : null, roles: ["stytch_user"], ...lock };
}

/** The wire form of a session (vendors/stytch.md §11.2). */
export function wireSessionOf(s: FakeSession) {
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    /** The session's id. */
    session_id: s.session_id,
    /** Its user. */
    user_id: s.user_id,
    /** When it started (ISO 8601). */
    started_at: at(s.started_at),
    /** When it was last used (ISO 8601). */
    last_accessed_at: at(s.last_accessed_at),
    /** When it expires (ISO 8601). */
    expires_at: at(s.expires_at),
    /** The IP address and user agent it was started from. */
    attributes: { ...s.attributes },
    /** How the user signed in. */
    authentication_factors: structuredClone(s.authentication_factors),
    /** The custom claims its JWTs carry. */
    custom_claims: structuredClone(s.custom_claims),
    /** Its RBAC roles. */
    roles: ["stytch_user"],
  };
}
