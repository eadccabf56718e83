import {
  AuthmuxError,
  type AuthenticatedSession,
  type HttpRequest,
  optionsObject,
  type PasswordAuthResult,
  type PasswordCredentials,
  requireEmail,
  requireSecretString,
  type User,
  vendorPath,
} from "@authmux/core";
import { PROVIDER } from "./constants.js";
import type { ConnectyCubeContext } from "./context.js";
import { MAX_NAME, passwordOf, requireCredentials, requireLogin, requireText, requireToken } from "./input.js";
import { authenticated, toUser } from "./mapping.js";
import { startUserSession } from "./user-session.js";
import { wireUserEnvelope, wireUserSearch } from "./wire.js";

type Scalar = string | number;
/** Fields the v2 search takes with a primary operator (equality, `in`, `start_with`); `user_tags` also with `nin`. */
export type SearchField = "id" | "login" | "email" | "full_name" | "phone" | "external_id" | "facebook_id" | "twitter_id" | "user_tags";
/** Fields the v2 search only compares (`gt`, `lt`, `gte`, `lte`). */
export type SearchDateField = "last_request_at" | "created_at" | "updated_at";

/** A `GET /users/v2` query: at least one {@link SearchField} with a primary operator is required. */
export type UserSearchFilters = {
  [F in SearchField]?:
    | Scalar
    | {
        /** Any of these values. */
        in?: readonly Scalar[];
        /** Values starting with this text. */
        start_with?: string;
        /** None of these values (`user_tags` only). */
        nin?: readonly Scalar[];
      };
} & {
  [F in SearchDateField]?: {
    /** After this time. */
    gt?: Date | Scalar;
    /** Before this time. */
    lt?: Date | Scalar;
    /** At or after this time. */
    gte?: Date | Scalar;
    /** At or before this time. */
    lte?: Date | Scalar;
  };
};

/** Paging and order of the v2 search. */
export interface UserSearchOptions {
  /** 1 to 100; default 100 (`start_with` makes ConnectyCube return 5 at most). */
  limit?: number;
  /** How many matches to skip. */
  offset?: number;
  /** The field to sort by, ascending. */
  sortAsc?: SearchField | SearchDateField;
  /** The field to sort by, descending. */
  sortDesc?: SearchField | SearchDateField;
}

/** Profile fields a user may change on their own account (`PUT /users/{id}`); a new `password` needs `old_password`. */
export interface OwnProfilePatch {
  /** A new login. */
  login?: string;
  /** A new email address. */
  email?: string;
  /** A new full name. */
  full_name?: string;
  /** A new phone number. */
  phone?: string;
  /** A website URL. */
  website?: string;
  /** Your own id for the user. */
  external_id?: string;
  /** Free-form text ConnectyCube stores with the user. */
  custom_data?: string;
  /** The user's tags. */
  tag_list?: string[];
  /** The user's time zone, as ConnectyCube takes it. */
  timezone?: number;
  /** An avatar URL or file id. */
  avatar?: string;
  /** A new password (needs `old_password`). */
  password?: string;
  /** The current password, when setting a new one. */
  old_password?: string;
}

/** Calls made with a user's own session token. */
export interface ConnectyCubeUserSession {
  /** The session and user behind the token (`GET /session`, cached like `sessions.authenticate`). */
  session(): Promise<AuthenticatedSession>;
  /** Updates the user's own profile. */
  update(patch: OwnProfilePatch): Promise<User>;
  /** Deletes the user's own account (`DELETE /users/{id}`). */
  delete(): Promise<void>;
  /** Any call with the user's token as `CB-Token`. */
  request: HttpRequest;
}

/** ConnectyCube operations with no neutral counterpart. */
export interface ConnectyCubeVendor {
  /** A guest user and its session (valid one day; ConnectyCube deletes the guest afterwards). */
  guestSession(input: { fullName: string }): Promise<Required<PasswordAuthResult>>;
  /** Upgrades an application session token to a user session (`POST /login`); the token stays the same. */
  login(token: string, credentials: PasswordCredentials): Promise<User>;
  /** Downgrades a user session token to an application session (`DELETE /login`). */
  logout(token: string): Promise<void>;
  /** Emails the user a link to ConnectyCube's password-reset page. */
  resetPassword(email: string): Promise<void>;
  /** The v2 user search with its operators. */
  search(filters: UserSearchFilters, options?: UserSearchOptions): Promise<{
    /** The matching users of this page. */
    items: User[];
    /** How many match in all. */
    total: number;
    /** The page size used. */
    limit: number;
    /** How many were skipped. */
    skip: number;
  }>;
  /** Calls that need the user's own session: profile update, self-delete, anything else. */
  asUser(token: string): ConnectyCubeUserSession;
  /** An authenticated (application session), retried, error-mapped call to any ConnectyCube endpoint. */
  request: HttpRequest;
}

const STAND_ALONE: readonly string[] = ["id", "login", "email", "full_name", "phone", "external_id", "facebook_id", "twitter_id", "user_tags"] satisfies SearchField[];
const DATES: readonly string[] = ["last_request_at", "created_at", "updated_at"] satisfies SearchDateField[];
/** Operators by field class: stand-alone fields take the primary ones and `nin`, date fields only compare. */
const OPERATORS = { standAlone: ["in", "start_with", "nin"], dates: ["gt", "lt", "gte", "lte"] } as const;

const refuse = (message: string) => new AuthmuxError("invalid_input", message, { provider: PROVIDER });

/** A search value: a non-empty string, a finite number, or (date fields) a valid Date. */
function searchValue(v: unknown, what: string, dates: boolean): Scalar {
  if (dates && v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString();
  if ((typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v !== "" && v.length <= 1024)) return v;
  throw refuse(`${what} must be a non-empty string of at most 1024 characters, a finite number${dates ? " or a date" : ""}`);
}

/** The v2 search as query parameters (`id[in][]=1&id[in][]=2`, `updated_at[gt]=…`), checked against its rules. */
export function searchQuery(filters: UserSearchFilters, options?: UserSearchOptions): Record<string, Scalar | Scalar[]> {
  const given = optionsObject(filters, "search filters");
  const query: Record<string, Scalar | Scalar[]> = {};
  let primary = false;
  for (const [field, filter] of Object.entries(given as Record<string, unknown>)) {
    if (filter === undefined) continue;
    const dates = DATES.includes(field);
    if (!dates && !STAND_ALONE.includes(field)) throw refuse("search filters name a field the v2 search does not have");
    // A bare value is equality, a primary operator: stand-alone fields only.
    if (!dates && (typeof filter !== "object" || filter === null)) {
      query[field] = searchValue(filter, field, false);
      primary = true;
      continue;
    }
    const operators = optionsObject(filter as object, `the ${field} filter`) as Record<string, unknown>;
    const allowed: readonly string[] = dates ? OPERATORS.dates : OPERATORS.standAlone;
    if (Object.keys(operators).length === 0) throw refuse(`the ${field} filter names no operator`);
    for (const [op, arg] of Object.entries(operators)) {
      if (!allowed.includes(op)) throw refuse(`${field} takes only ${allowed.join(", ")} in the v2 search`);
      if (op === "start_with" && (typeof arg !== "string" || arg.length < 4 || arg.length > 1024)) throw refuse("start_with needs at least 4 characters");
      if (op === "in" || op === "nin") {
        if (!Array.isArray(arg) || arg.length === 0 || arg.length > 100) throw refuse(`${field}[${op}] must be a list of 1 to 100 values`);
        query[`${field}[${op}][]`] = arg.map((v) => searchValue(v, `${field}[${op}]`, false));
      } else {
        query[`${field}[${op}]`] = searchValue(arg, `${field}[${op}]`, dates);
      }
      primary ||= op === "in" || op === "start_with";
    }
  }
  // ConnectyCube refuses a query without a stand-alone field under a primary operator: there is no "list all".
  if (!primary) throw refuse("the v2 search needs a field such as id, login or email with an exact value, in or start_with");
  const { limit = 100, offset, sortAsc, sortDesc } = optionsObject(options, "search options");
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100) throw refuse("limit must be a whole number from 1 to 100");
  query.limit = limit;
  if (offset !== undefined && (!Number.isSafeInteger(offset) || offset < 0)) throw refuse("offset must be a whole number from 0");
  if (offset !== undefined) query.offset = offset;
  if (sortAsc !== undefined && sortDesc !== undefined) throw refuse("sort by sortAsc or sortDesc, not both");
  const sort = sortAsc ?? sortDesc;
  if (sort !== undefined && !STAND_ALONE.includes(sort) && !DATES.includes(sort)) throw refuse("sortAsc/sortDesc must name a field of the v2 search");
  if (sortAsc !== undefined) query.sort_asc = sortAsc;
  if (sortDesc !== undefined) query.sort_desc = sortDesc;
  return query;
}

/** `value` when `ok`, else invalid_input with `message`. */
function checked(ok: boolean, value: unknown, message: string): unknown {
  if (!ok) throw refuse(message);
  return value;
}

const isTagList = (v: unknown) => Array.isArray(v) && v.length <= 5 && v.every((t) => typeof t === "string" && t.trim() !== "" && t.length <= 256 && !t.includes(","));

/** How `PUT /users/{id}` takes each field of an own-profile patch (vendors/connectycube.md §5.1; at most 5 tags). */
const PATCH_FIELDS = {
  login: (v) => requireLogin(v),
  email: (v) => requireEmail(v),
  full_name: (v, key) => requireText(v, key, MAX_NAME),
  phone: (v, key) => requireText(v, key, 256),
  website: (v, key) => requireText(v, key, 2048),
  external_id: (v, key) => requireText(v, key, 256),
  avatar: (v, key) => requireText(v, key, 2048),
  custom_data: (v) => checked(typeof v === "string", v, "custom_data must be a string"),
  tag_list: (v) => checked(isTagList(v), v, "tag_list must be a list of at most 5 tags without commas"),
  timezone: (v) => checked(Number.isSafeInteger(v) && Math.abs(v as number) <= 840, v, "timezone must be a whole number of minutes from -840 to 840"),
  password: (v, key) => requireSecretString(v, key, 256),
  old_password: (v, key) => requireSecretString(v, key, 256),
} satisfies Record<keyof OwnProfilePatch, (value: unknown, key: string) => unknown>;

/** An own-profile patch, checked field by field: invalid_input before any request; passwords are never echoed. */
export function profilePatch(patch: OwnProfilePatch): { user: Record<string, unknown>; secrets: string[] } {
  const given = Object.entries(optionsObject(patch, "the profile patch")).filter(([, value]) => value !== undefined);
  if (given.length === 0) throw refuse("the profile patch changes nothing");
  const user: Record<string, unknown> = {};
  for (const [key, value] of given) {
    if (!Object.hasOwn(PATCH_FIELDS, key)) throw refuse(`the profile patch may change only ${Object.keys(PATCH_FIELDS).join(", ")}`);
    user[key] = PATCH_FIELDS[key as keyof OwnProfilePatch](value, key);
  }
  // ConnectyCube changes a password only with the current one (vendors/connectycube.md §5.1).
  if ((user.password === undefined) !== (user.old_password === undefined)) throw refuse("a new password needs old_password, and old_password a new password");
  return { user, secrets: [user.password, user.old_password].filter((s): s is string => typeof s === "string") };
}

export function connectycubeVendor(context: ConnectyCubeContext): ConnectyCubeVendor {
  const { http, app, tokens } = context;
  const withToken = (token: string): HttpRequest =>
    ((method: "GET", path: string, options: Parameters<HttpRequest>[2] = {}) => http.request(method, path, { ...options, headers: { ...options.headers, "CB-Token": token } })) as HttpRequest;

  return {
    async guestSession(input) {
      const fullName = requireText(optionsObject(input, "guestSession input").fullName, "fullName", MAX_NAME);
      return startUserSession(context, { guest: "1", full_name: fullName });
    },
    async login(token, credentials) {
      const user = requireCredentials(credentials);
      // POST /login takes the credentials at the top level, not wrapped in `user`.
      const { data } = await withToken(requireToken(token))("POST", "/login", { body: user, schema: wireUserEnvelope, secrets: passwordOf(user) });
      return toUser(data.user);
    },
    async logout(token) {
      await withToken(requireToken(token))("DELETE", "/login");
      tokens.forget(token);
    },
    async resetPassword(email) {
      await app("POST", "/users/password/reset", { body: { email: requireEmail(email) } });
    },
    async search(filters, options) {
      const { data } = await app("GET", "/users/v2", { query: searchQuery(filters, options), schema: wireUserSearch });
      return { items: data.items.map(toUser), total: data.total_entries, limit: data.limit, skip: data.skip };
    },
    asUser(token) {
      const request = withToken(requireToken(token));
      const own = async () => (await tokens.check(token)).session.user_id;
      return {
        session: async () => authenticated(await tokens.check(token)),
        async update(patch) {
          const { user, secrets } = profilePatch(patch);
          return toUser((await request("PUT", vendorPath`/users/${await own()}`, { body: { user }, schema: wireUserEnvelope, secrets })).data.user);
        },
        async delete() {
          await request("DELETE", vendorPath`/users/${await own()}`);
          tokens.forget(token);
        },
        request,
      };
    },
    request: app,
  };
}
