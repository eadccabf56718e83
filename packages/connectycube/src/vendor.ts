import {
  AuthmuxError,
  type AuthenticatedSession,
  type HttpRequest,
  type PasswordAuthResult,
  type PasswordCredentials,
  requireEmail,
  type User,
} from "@authmux/core";
import type { ConnectyCubeContext } from "./context.js";
import { requireCredentials, requireToken } from "./input.js";
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
  [F in SearchField]?: Scalar | { in?: readonly Scalar[]; start_with?: string; nin?: readonly Scalar[] };
} & {
  [F in SearchDateField]?: { gt?: Date | Scalar; lt?: Date | Scalar; gte?: Date | Scalar; lte?: Date | Scalar };
};

/** Paging and order of the v2 search. */
export interface UserSearchOptions {
  /** 1 to 100; default 100 (`start_with` makes ConnectyCube return 5 at most). */
  limit?: number;
  offset?: number;
  sortAsc?: SearchField | SearchDateField;
  sortDesc?: SearchField | SearchDateField;
}

/** Profile fields a user may change on their own account (`PUT /users/{id}`); a new `password` needs `old_password`. */
export interface OwnProfilePatch {
  login?: string;
  email?: string;
  full_name?: string;
  phone?: string;
  website?: string;
  external_id?: string;
  custom_data?: string;
  tag_list?: string[];
  timezone?: number;
  avatar?: string;
  password?: string;
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
  search(filters: UserSearchFilters, options?: UserSearchOptions): Promise<{ items: User[]; total: number; limit: number; skip: number }>;
  /** Calls that need the user's own session: profile update, self-delete, anything else. */
  asUser(token: string): ConnectyCubeUserSession;
  /** An authenticated (application session), retried, error-mapped call to any ConnectyCube endpoint. */
  request: HttpRequest;
}

const PRIMARY = ["in", "start_with"];

/** The v2 search as query parameters (`id[in][]=1&id[in][]=2`, `updated_at[gt]=…`), checked against its rules. */
export function searchQuery(filters: UserSearchFilters, options: UserSearchOptions = {}): Record<string, Scalar | Scalar[]> {
  if (typeof filters !== "object" || filters === null) throw new AuthmuxError("invalid_input", "search filters must be an object");
  const query: Record<string, Scalar | Scalar[]> = {};
  let primary = false;
  const value = (v: unknown): Scalar => (v instanceof Date ? v.toISOString() : (v as Scalar));
  for (const [field, filter] of Object.entries(filters as Record<string, unknown>)) {
    if (filter === undefined) continue;
    if (typeof filter !== "object" || filter === null) {
      query[field] = value(filter);
      primary ||= field !== "last_request_at" && field !== "created_at" && field !== "updated_at";
      continue;
    }
    for (const [op, arg] of Object.entries(filter as Record<string, unknown>)) {
      if (op === "start_with" && (typeof arg !== "string" || arg.length < 4)) throw new AuthmuxError("invalid_input", "start_with needs at least 4 characters");
      if (Array.isArray(arg)) query[`${field}[${op}][]`] = arg.map(value);
      else query[`${field}[${op}]`] = value(arg);
      primary ||= PRIMARY.includes(op);
    }
  }
  // ConnectyCube refuses a query without a stand-alone field under a primary operator: there is no "list all".
  if (!primary) throw new AuthmuxError("invalid_input", "the v2 search needs a field such as id, login or email with an exact value, in or start_with");
  const limit = options.limit ?? 100;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100) throw new AuthmuxError("invalid_input", "limit must be a whole number from 1 to 100");
  query.limit = limit;
  if (options.offset !== undefined) query.offset = options.offset;
  if (options.sortAsc !== undefined) query.sort_asc = options.sortAsc;
  if (options.sortDesc !== undefined) query.sort_desc = options.sortDesc;
  return query;
}

export function connectycubeVendor(context: ConnectyCubeContext): ConnectyCubeVendor {
  const { http, app, tokens } = context;
  const withToken = (token: string): HttpRequest =>
    ((method: "GET", path: string, options: Parameters<HttpRequest>[2] = {}) => http.request(method, path, { ...options, headers: { ...options.headers, "CB-Token": token } })) as HttpRequest;

  return {
    guestSession({ fullName }) {
      if (typeof fullName !== "string" || fullName.trim() === "") throw new AuthmuxError("invalid_input", "a guest needs a fullName");
      return startUserSession(context, { guest: "1", full_name: fullName });
    },
    async login(token, credentials) {
      const user = requireCredentials(credentials);
      // POST /login takes the credentials at the top level, not wrapped in `user`.
      return toUser((await withToken(requireToken(token))("POST", "/login", { body: user, schema: wireUserEnvelope })).data.user);
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
      const own = async () => (await tokens.check(token)).session.user_id as number;
      return {
        session: async () => authenticated(await tokens.check(token)),
        async update(patch) {
          if (typeof patch !== "object" || patch === null) throw new AuthmuxError("invalid_input", "update needs a patch object");
          if (patch.password !== undefined && patch.old_password === undefined) throw new AuthmuxError("invalid_input", "a new password needs old_password");
          return toUser((await request("PUT", `/users/${await own()}`, { body: { user: patch }, schema: wireUserEnvelope })).data.user);
        },
        async delete() {
          await request("DELETE", `/users/${await own()}`);
          tokens.forget(token);
        },
        request,
      };
    },
    request: app,
  };
}
