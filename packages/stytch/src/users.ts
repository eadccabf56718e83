import { AuthmuxError, checkCreateUserInput, checkUserPatch, type CreateUserInput, type JsonObject, type ListOptions, nullIfNotFound, type Page, requireEmail, requireId, requireJsonObject, requireListOptions, type UpdateUserInput, type User, vendorPath } from "@authmux/core";
import { type StytchContext, PROVIDER } from "./context.js";
import { type WireUser, wireAck, wireSearch, wireUserEnvelope, wireUserGet } from "./wire.js";

/** Stytch's search pages hold at most 1000 users. */
export const MAX_PAGE_SIZE = 1000;
/** Stytch's limits on each metadata object (vendors/stytch.md §4.3). */
export const METADATA_MAX_KEYS = 20;
export const METADATA_MAX_BYTES = 4096;

/** The neutral view of a Stytch user: `metadata` is `trusted_metadata`, the backend-written bag. */
export function toUser(wire: WireUser): User {
  const email = wire.emails[0];
  const phone = wire.phone_numbers[0];
  const name = [wire.name?.first_name, wire.name?.middle_name, wire.name?.last_name].filter((p) => p).join(" ");
  return {
    id: wire.user_id,
    email: email?.email ?? null,
    emailVerified: email?.verified ?? false,
    phone: phone?.phone_number ?? null,
    phoneVerified: phone?.verified ?? false,
    name: name === "" ? null : name,
    metadata: (wire.trusted_metadata ?? {}) as JsonObject,
    createdAt: new Date(wire.created_at ?? 0),
    // Stytch does not report when a user last changed.
    updatedAt: null,
    provider: PROVIDER,
    raw: wire,
  };
}

/** A neutral full name as Stytch's `{ first_name, last_name }`: the first word, then the rest. */
export function toStytchName(name: string | null): { first_name: string; middle_name: string; last_name: string } {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  return { first_name: words[0] ?? "", middle_name: "", last_name: words.slice(1).join(" ") };
}

/** A metadata object as Stytch takes it: plain JSON of at most 20 top-level keys and 4 KB, checked before it is sent. */
export function requireStytchMetadata(value: unknown, what = "metadata"): JsonObject {
  const metadata = requireJsonObject(value, what, { maxBytes: METADATA_MAX_BYTES });
  const keys = Object.keys(metadata).length;
  if (keys > METADATA_MAX_KEYS) throw new AuthmuxError("invalid_input", `Stytch ${what} holds at most ${METADATA_MAX_KEYS} top-level keys (got ${keys})`);
  return metadata;
}

const path = (id: string) => vendorPath`/v1/users/${id}`;

/** The users member over Stytch's consumer user API. */
export function usersMember({ http }: StytchContext) {
  const get = async (id: string) => toUser((await http.request("GET", path(id), { schema: wireUserGet })).data);

  async function search(body: Record<string, unknown>) {
    // A read, although a POST: safe to retry.
    return (await http.request("POST", "/v1/users/search", { body, schema: wireSearch, idempotent: true })).data;
  }

  return {
    get: (id: string): Promise<User | null> => nullIfNotFound(get(requireId(id, "user id"))),

    async getByEmail(email: string): Promise<User | null> {
      const address = requireEmail(email);
      const data = await search({ limit: 1, query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: [address] }] } });
      const found = data.results[0];
      return found ? toUser(found) : null;
    },

    async list(options?: ListOptions): Promise<Page<User>> {
      const { limit, cursor } = requireListOptions(options, MAX_PAGE_SIZE, 100);
      const data = await search({ limit, ...(cursor !== null ? { cursor } : {}) });
      return { items: data.results.map(toUser), nextCursor: data.results_metadata.next_cursor || null };
    },

    async create(given: CreateUserInput): Promise<User> {
      const input = checkCreateUserInput(given, { metadata: requireStytchMetadata });
      const body: Record<string, unknown> = { email: input.email };
      if (input.name != null) body.name = toStytchName(input.name);
      if (input.metadata !== undefined) body.trusted_metadata = input.metadata;
      const { password } = input;
      if (password !== undefined) {
        // A user with a password is created by Stytch's password endpoint; it takes no phone number.
        if (input.phone != null) throw new AuthmuxError("invalid_input", "Stytch creates password users from an email alone; add the phone number afterwards");
        body.password = password;
        return toUser((await http.request("POST", "/v1/passwords", { body, schema: wireUserEnvelope, secrets: [password] })).data.user);
      }
      if (input.phone != null) body.phone_number = input.phone;
      return toUser((await http.request("POST", "/v1/users", { body, schema: wireUserEnvelope })).data.user);
    },

    async update(id: string, given: UpdateUserInput): Promise<User> {
      const userId = requireId(id, "user id");
      const { name, email, phone } = checkUserPatch(given);
      if (phone === null) throw new AuthmuxError("invalid_input", "Stytch removes phone numbers by id: use vendor.request('DELETE', '/v1/users/phone_numbers/{phone_id}')");
      if (email !== undefined && phone !== undefined) {
        throw new AuthmuxError("invalid_input", "Stytch exchanges one primary factor at a time: change the email or the phone, not both");
      }
      let user: User | undefined;
      if (name !== undefined) {
        user = toUser((await http.request("PUT", path(userId), { body: { name: toStytchName(name) }, schema: wireUserEnvelope })).data.user);
      }
      // Stytch has no direct email/phone edit; it swaps the sole factor of a user who has exactly one.
      if (email !== undefined || phone !== undefined) {
        const body = email !== undefined ? { email_address: email } : { phone_number: phone };
        user = toUser((await http.request("PUT", vendorPath`/v1/users/${userId}/exchange_primary_factor`, { body, schema: wireUserEnvelope })).data.user);
      }
      return user ?? get(userId);
    },

    async delete(id: string): Promise<void> {
      await http.request("DELETE", path(requireId(id, "user id")), { body: {}, schema: wireAck });
    },

    async replaceMetadata(id: string, data: JsonObject): Promise<User> {
      const userId = requireId(id, "user id");
      const next = requireStytchMetadata(data);
      // Stytch merges at the top level, so keys that are gone must be sent as null. Reading first makes
      // this two requests and not atomic against a concurrent write.
      const current = await get(userId);
      const body: JsonObject = { ...next };
      for (const key of Object.keys(current.metadata)) if (!(key in next)) body[key] = null;
      return toUser((await http.request("PUT", path(userId), { body: { trusted_metadata: body }, schema: wireUserEnvelope })).data.user);
    },

    async patchMetadata(id: string, partial: JsonObject): Promise<User> {
      const userId = requireId(id, "user id");
      const patch = requireStytchMetadata(partial);
      // Stytch's own semantics are the neutral ones: top-level merge, null deletes.
      return toUser((await http.request("PUT", path(userId), { body: { trusted_metadata: patch }, schema: wireUserEnvelope })).data.user);
    },
  };
}
