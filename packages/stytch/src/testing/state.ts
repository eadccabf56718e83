import type { JsonObject } from "@authmux/core";

/** A user as the fake stores it. */
export interface FakeUser {
  user_id: string;
  status: "active" | "pending";
  created_at: string;
  name: { first_name: string; middle_name: string; last_name: string };
  emails: { email_id: string; email: string; verified: boolean }[];
  phone_numbers: { phone_id: string; phone_number: string; verified: boolean }[];
  trusted_metadata: JsonObject;
  untrusted_metadata: JsonObject;
  external_id: string | null;
  /** SHA-256 hex of the password; never in the wire user. */
  passwordHash: string | null;
  passwordId: string | null;
}

/** A session as the fake stores it. */
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
  magicLinks = new Map<string, { user_id: string; expires_at: number; used: boolean }>();
  private counter = 0;

  /** Deterministic Stytch-shaped ids: `<kind>-test-<uuid-like>`, increasing. */
  id(kind: string): string {
    this.counter += 1;
    const n = this.counter.toString(16).padStart(12, "0");
    return `${kind}-test-00000000-0000-4000-8000-${n}`;
  }

  byEmail(email: string): FakeUser | undefined {
    const wanted = email.toLowerCase();
    for (const u of this.users.values()) if (u.emails.some((e) => e.email.toLowerCase() === wanted)) return u;
    return undefined;
  }

  byPhone(phone: string): FakeUser | undefined {
    for (const u of this.users.values()) if (u.phone_numbers.some((p) => p.phone_number === phone)) return u;
    return undefined;
  }

  /** By user id or external id, as Stytch accepts either anywhere a user_id goes. */
  user(idOrExternal: string): FakeUser | undefined {
    const direct = this.users.get(idOrExternal);
    if (direct) return direct;
    for (const u of this.users.values()) if (u.external_id === idOrExternal) return u;
    return undefined;
  }
}

/** The wire form of a user (vendors/stytch.md §11.1). */
export function wireUserOf(u: FakeUser): Record<string, unknown> {
  return {
    user_id: u.user_id,
    status: u.status,
    created_at: u.created_at,
    name: { ...u.name },
    emails: u.emails.map((e) => ({ ...e })),
    phone_numbers: u.phone_numbers.map((p) => ({ ...p })),
    providers: [],
    webauthn_registrations: [],
    biometric_registrations: [],
    totps: [],
    crypto_wallets: [],
    password: u.passwordId ? { password_id: u.passwordId, requires_reset: false } : null,
    trusted_metadata: structuredClone(u.trusted_metadata),
    untrusted_metadata: structuredClone(u.untrusted_metadata),
    external_id: u.external_id,
    roles: ["stytch_user"],
    is_locked: false,
    lock_created_at: null,
    lock_expires_at: null,
  };
}

/** The wire form of a session (vendors/stytch.md §11.2). */
export function wireSessionOf(s: FakeSession): Record<string, unknown> {
  return {
    session_id: s.session_id,
    user_id: s.user_id,
    started_at: new Date(s.started_at).toISOString(),
    last_accessed_at: new Date(s.last_accessed_at).toISOString(),
    expires_at: new Date(s.expires_at).toISOString(),
    attributes: { ip_address: "", user_agent: "" },
    authentication_factors: [],
    custom_claims: {},
    roles: ["stytch_user"],
  };
}
