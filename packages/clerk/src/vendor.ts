import { AuthmuxError, type HttpRequest, requireId, type ResponseSchema, type Session, type User } from "@authmux/core";
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
  unban(userId: string): Promise<User>;
  lock(userId: string): Promise<User>;
  unlock(userId: string): Promise<User>;
  getEmailAddress(emailAddressId: string): Promise<WireEmail>;
  getPhoneNumber(phoneNumberId: string): Promise<WirePhone>;
  listOrganizations(options?: { limit?: number; offset?: number; query?: string }): Promise<{ data: WireOrganization[]; totalCount: number }>;
  /** One session, whatever its status. */
  getSession(sessionId: string): Promise<Session>;
  request: HttpRequest;
}

export function clerkVendor({ http, metadataKey }: ClerkContext): ClerkVendor {
  const userAction = (action: string) => async (userId: string) =>
    toUser((await http.request("POST", `/users/${encodeURIComponent(requireId(userId, "user id"))}/${action}`, { schema: wireUser })).data, metadataKey);
  const byId =
    <S extends ResponseSchema>(kind: string, schema: S) =>
    async (id: string) =>
      (await http.request("GET", `/${kind}/${encodeURIComponent(requireId(id, "id"))}`, { schema })).data;
  return {
    async userCount(filters = {}) {
      const query = { ...(filters.query ? { query: filters.query } : {}), ...(filters.emailAddress ? { email_address: filters.emailAddress } : {}) };
      return (await http.request("GET", "/users/count", { query, schema: wireCount })).data.total_count;
    },
    ban: userAction("ban"),
    unban: userAction("unban"),
    lock: userAction("lock"),
    unlock: userAction("unlock"),
    getEmailAddress: byId("email_addresses", wireEmail),
    getPhoneNumber: byId("phone_numbers", wirePhone),
    async listOrganizations(options = {}) {
      const limit = options.limit ?? 10;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 500) throw new AuthmuxError("invalid_input", "limit must be a whole number from 1 to 500");
      const query = { limit, ...(options.offset ? { offset: options.offset } : {}), ...(options.query ? { query: options.query } : {}) };
      const { data } = await http.request("GET", "/organizations", { query, schema: wireOrganizationList });
      return { data: data.data, totalCount: data.total_count };
    },
    async getSession(sessionId) {
      return toSession((await http.request("GET", `/sessions/${encodeURIComponent(requireId(sessionId, "session id"))}`, { schema: wireSession })).data);
    },
    request: http.request,
  };
}
