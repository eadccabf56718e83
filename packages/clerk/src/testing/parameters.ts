import { CLERK_HASHERS } from "./hashers.js";
import { ORDER_FIELDS } from "./model.js";
import type { FakeParams } from "@authmux/core/testing";
import { DATE_TIME, everyOneOf, FLAG, intFrom, listOf, METADATA, NOT_EMULATED, NULLABLE_INT, NULLABLE_TEXT, one, oneOf, onlyFalse, PAGE, QUERY_FLAG, QUERY_MS, TEXT } from "./params.js";

// The parameters of each route the fake serves, as Clerk's spec (2026-05-12) documents them: each is checked, then
// applied or answered 501 (NOT_EMULATED, onlyFalse). Anything else sent is Clerk's 422 form_param_unknown.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{7,14}$/;
export const TAKEN = { email_address: "That email address is taken. Please try another.", phone_number: "That phone number is taken.", username: "That username is taken. Please try another.", external_id: "That external ID is taken." };
const SESSION_STATUSES = ["abandoned", "active", "ended", "expired", "removed", "replaced", "revoked", "pending"] as const;

/** `GET /users` and `GET /users/count` filters; the list ones take up to 100 values (`ARRAY_FILTERS`). */
export const USER_FILTERS: FakeParams = {
  ...Object.fromEntries(["email_address", "phone_number", "external_id", "username", "web3_wallet", "user_id", "organization_id", "provider_user_id"].map((k) => [k, TEXT])),
  ...Object.fromEntries(["query", "email_address_query", "phone_number_query", "username_query", "name_query", "provider"].map((k) => [k, TEXT])),
  ...Object.fromEntries(["last_active_at_before", "last_active_at_after", "last_active_at_since", "created_at_before", "created_at_after", "last_sign_in_at_before", "last_sign_in_at_after"].map((k) => [k, QUERY_MS])),
  banned: QUERY_FLAG,
};
export const ARRAY_FILTERS = ["email_address", "phone_number", "external_id", "username", "web3_wallet", "user_id", "organization_id", "provider_user_id"];
export const USER_LIST = { ...USER_FILTERS, ...PAGE, starting_after: TEXT, order_by: one(new RegExp(`^[+ -]?(${ORDER_FIELDS.join("|")})$`), `one of ${ORDER_FIELDS.join(", ")}, with + or -`) };
const PASSWORD_FIELDS = { password: NULLABLE_TEXT, password_digest: NULLABLE_TEXT, password_hasher: oneOf(CLERK_HASHERS), skip_password_checks: FLAG };
// What Clerk keeps on a user and the fake applies as given.
const USER_SETTINGS = {
  external_id: NULLABLE_TEXT, first_name: NULLABLE_TEXT, last_name: NULLABLE_TEXT, locale: NULLABLE_TEXT, username: NULLABLE_TEXT,
  delete_self_enabled: FLAG, create_organization_enabled: FLAG, create_organizations_limit: NULLABLE_INT, bypass_client_trust: FLAG,
  legal_accepted_at: DATE_TIME, created_at: DATE_TIME,
  // The fake's instance requires no legal acceptance: there is no check to skip.
  skip_legal_checks: FLAG,
  // No TOTP or backup codes in the fake.
  totp_secret: NOT_EMULATED, backup_codes: NOT_EMULATED,
};
const IDENTIFICATION_STATUS = everyOneOf(["verified", "reserved"]);
export const CREATE_USER = {
  ...USER_SETTINGS, ...PASSWORD_FIELDS,
  email_address: listOf(EMAIL, "valid email addresses"), email_address_identification_status: IDENTIFICATION_STATUS,
  phone_number: listOf(E164, "E.164 numbers"), phone_number_identification_status: IDENTIFICATION_STATUS,
  web3_wallet: NOT_EMULATED,
  skip_password_requirement: FLAG, skip_user_requirement: FLAG,
  public_metadata: METADATA, private_metadata: METADATA, unsafe_metadata: METADATA,
  banned: FLAG, locked: FLAG,
};
export const UPDATE_USER = {
  ...USER_SETTINGS, ...PASSWORD_FIELDS,
  primary_email_address_id: TEXT, primary_phone_number_id: TEXT,
  // The fake sends no email and holds no wallets or uploaded images.
  notify_primary_email_address_changed: onlyFalse(FLAG), primary_web3_wallet_id: NOT_EMULATED, profile_image_id: NOT_EMULATED,
  sign_out_of_other_sessions: FLAG,
};
export const METADATA_BODY = { public_metadata: METADATA, private_metadata: METADATA, unsafe_metadata: METADATA };
const STATUS_OF_IDENTIFIER = oneOf(["verified", "reserved"]);
// The fake sends no email: a notification asked for is not emulated.
export const REPLACE_EMAIL = { email_address: one(EMAIL, "a valid email address"), identification_status: STATUS_OF_IDENTIFIER, notify_primary_email_address_changed: onlyFalse(FLAG) };
export const REPLACE_PHONE = { phone_number: one(E164, "an E.164 number"), identification_status: STATUS_OF_IDENTIFIER };
export const VERIFY_PASSWORD = { password: TEXT };
export const SIGN_IN_TOKEN = { user_id: TEXT, expires_in_seconds: intFrom(1, Infinity), org_id: NOT_EMULATED };
export const SESSION_LIST = { user_id: TEXT, client_id: TEXT, status: oneOf(SESSION_STATUSES), paginated: QUERY_FLAG, ...PAGE };
// The fake holds no organizations to make active.
export const CREATE_SESSION = { user_id: TEXT, active_organization_id: NOT_EMULATED };
export const SESSION_TOKEN = { expires_in_seconds: intFrom(30, 315360000, true) };
export const ORGANIZATION_LIST = {
  ...PAGE, query: TEXT, user_id: TEXT, organization_id: TEXT, order_by: one(/^[+ -]?(name|created_at|members_count)$/, "name, created_at or members_count, with + or -"),
  include_members_count: QUERY_FLAG, include_missing_member_with_elevated_permissions: QUERY_FLAG,
};
export const MIN_PASSWORD = 8;

