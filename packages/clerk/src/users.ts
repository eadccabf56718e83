import { AuthmuxError, checkCreateUserInput, checkUserPatch, type CreateUserInput, type JsonObject, type ListOptions, mergeMetadata, nullIfNotFound, type Page, requireEmail, requireId, requireJsonObject, requireListOptions, type UpdateUserInput, type User, vendorPath } from "@authmux/core";
import { type ClerkContext, PROVIDER } from "./context.js";
import { type WireUser, wireDeleted, wireUser, wireUserList } from "./wire.js";

/** Clerk lists at most 500 users a page. */
export const MAX_PAGE_SIZE = 500;

/** The neutral view of a Clerk user; `metadataKey` picks public or private metadata. */
export function toUser(wire: WireUser, metadataKey: "public_metadata" | "private_metadata"): User {
  const email = wire.email_addresses.find((e) => e.id === wire.primary_email_address_id) ?? null;
  const phone = wire.phone_numbers.find((p) => p.id === wire.primary_phone_number_id) ?? null;
  const name = [wire.first_name, wire.last_name].filter((p) => p).join(" ") || wire.username || null;
  return {
    id: wire.id,
    email: email?.email_address ?? null,
    emailVerified: email?.verification?.status === "verified",
    phone: phone?.phone_number ?? null,
    phoneVerified: phone?.verification?.status === "verified",
    name,
    metadata: (wire[metadataKey] ?? {}) as JsonObject,
    createdAt: new Date(wire.created_at),
    updatedAt: wire.updated_at ? new Date(wire.updated_at) : null,
    provider: PROVIDER,
    raw: wire,
  };
}

/** A neutral full name as Clerk's first and last name: the first word, then the rest; `null` clears both. */
function splitName(value: string | null): { first_name: string | null; last_name: string | null } {
  const words = (value ?? "").trim().split(/\s+/).filter(Boolean);
  return { first_name: words[0] ?? null, last_name: words.length > 1 ? words.slice(1).join(" ") : null };
}

const isPlainValue = (v: unknown) => v === null || typeof v !== "object";

/** The users member over Clerk's Backend API. */
export function usersMember({ http, metadataKey }: ClerkContext) {
  const view = (w: WireUser) => toUser(w, metadataKey);
  const get = async (id: string) => view((await http.request("GET", vendorPath`/users/${id}`, { schema: wireUser })).data);

  return {
    get: (id: string) => nullIfNotFound(get(requireId(id, "user id"))),

    async getByEmail(email: string): Promise<User | null> {
      const { data } = await http.request("GET", "/users", { query: { email_address: requireEmail(email), limit: 1 }, schema: wireUserList });
      return data[0] ? view(data[0]) : null;
    },

    async list(options?: ListOptions): Promise<Page<User>> {
      const { limit, cursor } = requireListOptions(options, MAX_PAGE_SIZE, 20);
      if (cursor !== null && !/^\d{1,9}$/.test(cursor)) throw new AuthmuxError("invalid_input", "cursor must be the nextCursor of a previous Clerk page");
      const offset = cursor === null ? 0 : Number(cursor);
      // Oldest first: users created while paging land on later pages instead of shifting earlier ones.
      const query = { limit, order_by: "+created_at", ...(offset > 0 ? { offset } : {}) };
      const { data } = await http.request("GET", "/users", { query, schema: wireUserList });
      return { items: data.map(view), nextCursor: data.length === limit ? String(offset + limit) : null };
    },

    async create(given: CreateUserInput): Promise<User> {
      const input = checkCreateUserInput(given);
      const body: Record<string, unknown> = { email_address: [input.email] };
      if (input.name != null) Object.assign(body, splitName(input.name));
      if (input.phone != null) body.phone_number = [input.phone];
      if (input.metadata !== undefined) body[metadataKey] = input.metadata;
      const { password } = input;
      if (password !== undefined) body.password = password;
      else body.skip_password_requirement = true;
      // Redacted from any error this call throws, whatever Clerk's answer holds.
      const secrets = password === undefined ? [] : [password];
      return view((await http.request("POST", "/users", { body, schema: wireUser, secrets })).data);
    },

    async update(id: string, given: UpdateUserInput): Promise<User> {
      const userId = requireId(id, "user id");
      const patch = checkUserPatch(given);
      if (patch.phone === null) throw new AuthmuxError("invalid_input", "Clerk removes phone numbers by id: use vendor.request('DELETE', '/phone_numbers/{id}')");
      const { email, phone } = patch;
      const names = patch.name === undefined ? undefined : splitName(patch.name);
      let user: User | undefined;
      if (names) user = view((await http.request("PATCH", vendorPath`/users/${userId}`, { body: names, schema: wireUser })).data);
      // Clerk replaces the primary email or phone through their own endpoints; they answer the identifier.
      if (email !== undefined) await http.request("PUT", vendorPath`/users/${userId}/email_address`, { body: { email_address: email } });
      if (phone !== undefined) await http.request("PUT", vendorPath`/users/${userId}/phone_number`, { body: { phone_number: phone } });
      return email !== undefined || phone !== undefined || !user ? get(userId) : user;
    },

    async delete(id: string): Promise<void> {
      await http.request("DELETE", vendorPath`/users/${requireId(id, "user id")}`, { schema: wireDeleted });
    },

    async replaceMetadata(id: string, data: JsonObject): Promise<User> {
      const userId = requireId(id, "user id");
      const body = { [metadataKey]: requireJsonObject(data) };
      return view((await http.request("PUT", vendorPath`/users/${userId}/metadata`, { body, schema: wireUser })).data);
    },

    async patchMetadata(id: string, partial: JsonObject): Promise<User> {
      const userId = requireId(id, "user id");
      const patch = requireJsonObject(partial);
      if (Object.values(patch).every(isPlainValue)) {
        // With no nested objects, Clerk's deep merge (null deletes) is exactly the neutral top-level merge.
        return view((await http.request("PATCH", vendorPath`/users/${userId}/metadata`, { body: { [metadataKey]: patch }, schema: wireUser })).data);
      }
      // Clerk would merge nested objects key by key, where the neutral patch replaces them: compute the
      // result here and replace the field. Two requests; not atomic against a concurrent write.
      const current = await get(userId);
      const body = { [metadataKey]: mergeMetadata(current.metadata, patch) };
      return view((await http.request("PUT", vendorPath`/users/${userId}/metadata`, { body, schema: wireUser })).data);
    },
  };
}
