import type { FakeSession, FakeTicket, FakeUser, Identifier, Kind } from "./model.js";

// The fake's records as Clerk's Backend API shows them (spec schemas User, EmailAddress, PhoneNumber, Session, SignInToken).

// The User fields the fake does not model (it holds no wallets, passkeys, external accounts, MFA or images).
const USER_DEFAULTS = {
  image_url: "https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9",
  has_image: false,
  primary_web3_wallet_id: null,
  two_factor_enabled: false, totp_enabled: false, backup_code_enabled: false, mfa_enabled_at: null, mfa_disabled_at: null,
  web3_wallets: [], passkeys: [], external_accounts: [], saml_accounts: [], enterprise_accounts: [],
  deprovisioned: false, lockout_expires_in_seconds: null, verification_attempts_remaining: 100,
};

/** An email address or phone number: reserved ones unverified, the others verified by the admin who made them. */
export const identifierJson = (kind: Kind, i: Identifier) => ({
  id: i.id, object: kind, [kind]: i.value, reserved: i.reserved, linked_to: [], created_at: i.created_at, updated_at: i.created_at,
  verification: i.reserved ? null : { object: "verification_admin", status: "verified", strategy: "admin", attempts: null, expire_at: null },
  ...(kind === "phone_number" ? { reserved_for_second_factor: false, default_second_factor: false, backup_codes: null } : { matches_sso_connection: false }),
});

/** A user as `GET /users/{id}` answers it. */
export const userJson = (u: FakeUser) => ({
  ...USER_DEFAULTS,
  id: u.id, object: "user", external_id: u.external_id, username: u.username, first_name: u.first_name, last_name: u.last_name, locale: u.locale,
  password_enabled: u.password !== null, password_last_updated_at: u.password_last_updated_at,
  primary_email_address_id: u.identifiers.email_address[0]?.id ?? null, primary_phone_number_id: u.identifiers.phone_number[0]?.id ?? null,
  email_addresses: u.identifiers.email_address.map((e) => identifierJson("email_address", e)),
  phone_numbers: u.identifiers.phone_number.map((p) => identifierJson("phone_number", p)),
  public_metadata: structuredClone(u.public_metadata), private_metadata: structuredClone(u.private_metadata), unsafe_metadata: structuredClone(u.unsafe_metadata),
  banned: u.banned, locked: u.locked, delete_self_enabled: u.delete_self_enabled, create_organization_enabled: u.create_organization_enabled,
  create_organizations_limit: u.create_organizations_limit, bypass_client_trust: u.bypass_client_trust, legal_accepted_at: u.legal_accepted_at,
  last_sign_in_at: u.last_sign_in_at, last_active_at: u.last_active_at, created_at: u.created_at, updated_at: u.updated_at,
});

/** A session; `status` is the one it has now (an active session past its expiry is expired). */
export const sessionAnswerJson = (s: FakeSession, status: string) => ({ object: "session", ...s, status, actor: null, tasks: null, last_active_organization_id: null, abandon_at: s.expire_at + 30 * 86400_000 });
export const ticketJson = (t: FakeTicket) => ({ object: "sign_in_token", id: t.id, status: t.status, user_id: t.userId, created_at: t.created_at, updated_at: t.updated_at });
