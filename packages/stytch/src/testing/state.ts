import type { JsonObject } from "@authmux/core";

/** A name as Stytch stores it. */
export type FakeName = { first_name: string; middle_name: string; last_name: string };

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
  /** SHA-256 hex of the password; never in the wire user. */
  passwordHash: string | null;
  passwordId: string | null;
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
}

/** The whole state; `reset()` replaces it. */
export class FakeState {
  users = new Map<string, FakeUser>();
  sessions = new Map<string, FakeSession>();
  /** Magic links minted, by their token. */
  magicLinks = new Map<string, { user_id: string; expires_at: number; used: boolean }>();
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

  private find(test: (user: FakeUser) => boolean): FakeUser | undefined {
    return [...this.users.values()].find(test);
  }
}

/** The wire form of a user (vendors/stytch.md §11.1): what the fake stores, the factors it does not keep, never the password hash. */
export function wireUserOf(u: FakeUser): Record<string, unknown> {
  const { passwordHash: _hash, passwordId, ...stored } = u;
  const password = passwordId ? { password_id: passwordId, requires_reset: false } : null;
  const registrations = { providers: [], webauthn_registrations: [], biometric_registrations: [], totps: [], crypto_wallets: [] };
  const lock = { is_locked: false, lock_created_at: null, lock_expires_at: null };
  return { ...structuredClone(stored), ...registrations, password, roles: ["stytch_user"], ...lock };
}

/** The wire form of a session (vendors/stytch.md §11.2). */
export function wireSessionOf(s: FakeSession) {
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    session_id: s.session_id,
    user_id: s.user_id,
    started_at: at(s.started_at),
    last_accessed_at: at(s.last_accessed_at),
    expires_at: at(s.expires_at),
    attributes: { ip_address: "", user_agent: "" },
    authentication_factors: [],
    custom_claims: {},
    roles: ["stytch_user"],
  };
}
