import { AuthmuxError, type HttpRequest, optionsObject, requireEmail, requireId, type ResponseSchema, type Session, type User, vendorPath } from "@authmux/core";
import type { ClerkContext } from "./context.js";
import { toSession } from "./sessions.js";
import { toUser } from "./users.js";
import { type WireEmail, type WireOrganization, type WirePhone, wireCount, wireEmail, wireOrganizationList, wirePhone, wireSession, wireUser } from "./wire.js";

/** Clerk operations with no neutral counterpart: thin typed calls; `request` reaches the rest. */
export interface ClerkVendor {
  /** How many users match (Clerk's list has no total). */
  userCount(filters?: { query?: string; emailAddress?: string[] }): Promise<number>;
  /** Bans a user (Clerk revokes all their sessions). */
  ban(userId: string): Promise<User>;
  /** Lifts a ban. */
  unban(userId: string): Promise<User>;
  /** Locks a user out of signing in. */
  lock(userId: string): Promise<User>;
  /** Lifts a lock. */
  unlock(userId: string): Promise<User>;
  /** An email address as Clerk's `GET /email_addresses/{id}` answers it. */
  getEmailAddress(emailAddressId: string): Promise<WireEmail>;
  /** A phone number as Clerk's `GET /phone_numbers/{id}` answers it. */
  getPhoneNumber(phoneNumberId: string): Promise<WirePhone>;
  /** One page of the instance's organizations. */
  listOrganizations(options?: { limit?: number; offset?: number; query?: string }): Promise<{
    /** The organizations of this page. */
    data: WireOrganization[];
    /** How many match in all. */
    totalCount: number;
  }>;
  /** One session, whatever its status. */
  getSession(sessionId: string): Promise<Session>;
  /** An authenticated, retried, error-mapped call to any Backend API endpoint. */
  request: HttpRequest;
}

export function clerkVendor({ http, metadataKey }: ClerkContext): ClerkVendor {
  const userAction = (action: "ban" | "unban" | "lock" | "unlock") => async (userId: string) =>
    toUser((await http.request("POST", vendorPath`/users/${requireId(userId, "user id")}/${action}`, { schema: wireUser })).data, metadataKey);
  const byId =
    <S extends ResponseSchema>(kind: "email_addresses" | "phone_numbers", schema: S) =>
    async (id: string) =>
      (await http.request("GET", vendorPath`/${kind}/${requireId(id, "id")}`, { schema })).data;
  return {
    async userCount(given) {
      const filters = optionsObject(given, "userCount filters");
      const text = textFilter(filters.query, "userCount query");
      const emails = filters.emailAddress === undefined ? [] : emailList(filters.emailAddress);
      const query = { ...(text ? { query: text } : {}), ...(emails.length > 0 ? { email_address: emails } : {}) };
      return (await http.request("GET", "/users/count", { query, schema: wireCount })).data.total_count;
    },
    ban: userAction("ban"),
    unban: userAction("unban"),
    lock: userAction("lock"),
    unlock: userAction("unlock"),
    getEmailAddress: byId("email_addresses", wireEmail),
    getPhoneNumber: byId("phone_numbers", wirePhone),
    async listOrganizations(given) {
      const options = optionsObject(given, "listOrganizations options");
      const limit = options.limit ?? 10;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 500) throw new AuthmuxError("invalid_input", "limit must be a whole number from 1 to 500");
      const offset = options.offset ?? 0;
      if (!Number.isSafeInteger(offset) || offset < 0) throw new AuthmuxError("invalid_input", "offset must be a whole number from 0");
      const text = textFilter(options.query, "listOrganizations query");
      const query = { limit, ...(offset > 0 ? { offset } : {}), ...(text ? { query: text } : {}) };
      const { data } = await http.request("GET", "/organizations", { query, schema: wireOrganizationList });
      return { data: data.data, totalCount: data.total_count };
    },
    async getSession(sessionId) {
      return toSession((await http.request("GET", vendorPath`/sessions/${requireId(sessionId, "session id")}`, { schema: wireSession })).data);
    },
    request: http.request,
  };
}

/** A search text: a string of at most 1024 characters; empty means no filter. */
function textFilter(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length > 1024) throw new AuthmuxError("invalid_input", `${what} must be a string of at most 1024 characters`);
  return value || undefined;
}

/** Clerk's `email_address` filter: at most 100 addresses. */
function emailList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 100) throw new AuthmuxError("invalid_input", "userCount emailAddress must be a list of at most 100 email addresses");
  return value.map((email: unknown) => requireEmail(email, "userCount emailAddress"));
}
