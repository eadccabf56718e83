import type { JsonObject } from "@authmux/core";
import type { StoredPassword } from "./hashers.js";

/** The two identifier kinds the fake keeps; the Backend API creates them verified (or reserved) by the admin. */
export type Kind = "email_address" | "phone_number";
export interface Identifier {
  id: string;
  value: string;
  /** Created reserved (`identification_status: "reserved"`): unverified, yet held for this user. */
  reserved: boolean;
  created_at: number;
}

/** A user as the fake keeps it: plain JSON, so a snapshot is a copy. */
export interface FakeUser {
  id: string;
  external_id: string | null;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  locale: string | null;
  /** The first of each kind is the primary one. */
  identifiers: Record<Kind, Identifier[]>;
  public_metadata: JsonObject;
  private_metadata: JsonObject;
  unsafe_metadata: JsonObject;
  password: StoredPassword | null;
  password_last_updated_at: number | null;
  banned: boolean;
  locked: boolean;
  delete_self_enabled: boolean;
  create_organization_enabled: boolean;
  create_organizations_limit: number | null;
  bypass_client_trust: boolean;
  legal_accepted_at: number | null;
  last_sign_in_at: number | null;
  last_active_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface FakeSession {
  id: string;
  user_id: string;
  client_id: string;
  status: string;
  created_at: number;
  updated_at: number;
  last_active_at: number;
  expire_at: number;
}

/** A sign-in token minted, by its ticket: the Frontend API accepts it once, before it expires. */
export interface FakeTicket {
  id: string;
  userId: string;
  expiresAt: number;
  status: "pending" | "accepted" | "revoked";
  created_at: number;
  updated_at: number;
}

const normal = (kind: Kind, value: string) => (kind === "email_address" ? value.toLowerCase() : value);
/** Whether the user holds this email address or phone number (emails compare case-insensitively). */
export const holds = (user: FakeUser, kind: Kind, value: string) => user.identifiers[kind].some((i) => normal(kind, i.value) === normal(kind, value));

/** The filters `GET /users` and `GET /users/count` share, applied as Clerk documents them. */
export function matchesUserQuery(user: FakeUser, query: URLSearchParams): boolean {
  const all = (key: string) => query.getAll(key);
  const text = (key: string) => query.get(key)?.toLowerCase();
  const contains = (values: (string | null)[], part: string | undefined) => part === undefined || values.some((v) => v?.toLowerCase().includes(part));
  const emails = user.identifiers.email_address.map((i) => i.value);
  const phones = user.identifiers.phone_number.map((i) => i.value);
  const time = (key: string) => (query.has(key) ? Number(query.get(key)) : undefined);
  const before = (value: number | null, key: string) => time(key) === undefined || (value !== null && value < time(key)!);
  const after = (value: number | null, key: string) => time(key) === undefined || (value !== null && value > time(key)!);
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  const banned = query.get("banned");
  return (
    (all("email_address").length === 0 || all("email_address").some((e) => holds(user, "email_address", e))) &&
    (all("phone_number").length === 0 || all("phone_number").some((p) => holds(user, "phone_number", p))) &&
    (all("username").length === 0 || (user.username !== null && all("username").includes(user.username))) &&
    signed(all("user_id"), user.id) &&
    signed(all("external_id"), user.external_id) &&
    // The fake holds no web3 wallets, organizations or external accounts: no user has one.
    all("web3_wallet").length === 0 &&
    signed(all("organization_id"), null) &&
    !query.has("provider") &&
    contains([...emails, ...phones, user.username, user.id, user.first_name, user.last_name], text("query")) &&
    contains(emails, text("email_address_query")) &&
    contains(phones, text("phone_number_query")) &&
    contains([user.username], text("username_query")) &&
    contains([name, user.first_name, user.last_name], text("name_query")) &&
    (banned === null || String(user.banned) === banned) &&
    before(user.created_at, "created_at_before") && after(user.created_at, "created_at_after") &&
    before(user.last_active_at, "last_active_at_before") && after(user.last_active_at, "last_active_at_after") && after(user.last_active_at, "last_active_at_since") &&
    before(user.last_sign_in_at, "last_sign_in_at_before") && after(user.last_sign_in_at, "last_sign_in_at_after")
  );
}

/**
 * Clerk's `+`/`-` id lists (`user_id`, `external_id`, `organization_id`): a value with `-` excludes, the others
 * (with `+` or none) include; with any include, only those. A `+` sent unencoded arrives as a space.
 */
function signed(values: string[], own: string | null): boolean {
  if (values.length === 0) return true;
  const excluded = values.filter((v) => v.startsWith("-")).map((v) => v.slice(1));
  const included = values.filter((v) => !v.startsWith("-")).map((v) => v.replace(/^[+ ]/, ""));
  if (own !== null && excluded.includes(own)) return false;
  return included.length === 0 || (own !== null && included.includes(own));
}

/** What `order_by` sorts on (Clerk: `+`/`-` prefix, `+` implied; the first `order_by` wins). */
export const ORDER_FIELDS = ["created_at", "updated_at", "email_address", "web3wallet", "first_name", "last_name", "phone_number", "username", "last_active_at", "last_sign_in_at"] as const;
type OrderField = (typeof ORDER_FIELDS)[number];
const SORT_KEY: Record<OrderField, (u: FakeUser) => string | number | null> = {
  created_at: (u) => u.created_at,
  updated_at: (u) => u.updated_at,
  email_address: (u) => u.identifiers.email_address[0]?.value.toLowerCase() ?? null,
  web3wallet: () => null,
  first_name: (u) => u.first_name?.toLowerCase() ?? null,
  last_name: (u) => u.last_name?.toLowerCase() ?? null,
  phone_number: (u) => u.identifiers.phone_number[0]?.value ?? null,
  username: (u) => u.username?.toLowerCase() ?? null,
  last_active_at: (u) => u.last_active_at,
  last_sign_in_at: (u) => u.last_sign_in_at,
};

/** Sorts users by an `order_by` value; names case-insensitively, nulls as the largest (last ascending, first descending), ties by creation. */
export function orderUsers(users: FakeUser[], orderBy: string): FakeUser[] {
  const direction = orderBy.startsWith("-") ? -1 : 1;
  const key = SORT_KEY[orderBy.replace(/^[+ -]/, "") as OrderField];
  const compare = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  return users.sort((a, b) => (compare(key(a), key(b)) || compare(a.created_at, b.created_at) || compare(a.id, b.id)) * direction);
}

/** Clerk's metadata PATCH: a deep merge where null deletes a key at any level. */
export function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === null) delete out[key];
    else if (isJsonObject(value) && isJsonObject(current)) out[key] = deepMerge(current, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
