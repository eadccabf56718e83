import { AuthmuxError, checkCreateUserInput, type CreateUserInput, type JsonObject, type ListOptions, mergeMetadata, nullIfNotFound, type Page, requireEmail, requireId, requireJsonObject, requireListOptions, type User } from "@authmux/core";
import { type KobbleContext, PROVIDER } from "./context.js";
import { type WireUser, wireAck, wireMetadataResult, wireUser, wireUserPage } from "./wire.js";

/** Kobble answers at most 100 users a page. */
export const MAX_PAGE_SIZE = 100;

/** The neutral view of a Kobble user. Kobble has one verification flag, for whichever identifier the user has. */
export function toUser(wire: WireUser): User {
  const email = wire.email ?? null;
  const phone = wire.phoneNumber ?? null;
  const verified = wire.isVerified === true;
  return {
    id: wire.id,
    email,
    emailVerified: email !== null && verified,
    phone,
    phoneVerified: phone !== null && email === null && verified,
    name: wire.name ?? null,
    metadata: (wire.metadata ?? {}) as JsonObject,
    createdAt: new Date(wire.createdAt),
    updatedAt: wire.updatedAt ? new Date(wire.updatedAt) : null,
    provider: PROVIDER,
    raw: wire,
  };
}

/** The users member: read, list, create and the two metadata writes Kobble has. */
export function usersMember({ http }: KobbleContext) {
  const findById = async (userId: string) =>
    toUser((await http.request("GET", "/users/findById", { query: { userId, includeMetadata: true }, schema: wireUser })).data);

  function cursorToPage(cursor: string | null): number {
    if (cursor === null) return 1;
    if (!/^[1-9]\d{0,8}$/.test(cursor)) throw new AuthmuxError("invalid_input", "cursor must be the nextCursor of a previous Kobble page");
    return Number(cursor);
  }

  return {
    get: (id: string) => nullIfNotFound(findById(requireId(id, "user id"))),

    async getByEmail(email: string): Promise<User | null> {
      const query = { email: requireEmail(email), includeMetadata: true };
      return nullIfNotFound(http.request("GET", "/users/findByEmail", { query, schema: wireUser }).then((r) => toUser(r.data)));
    },

    async list(options?: ListOptions): Promise<Page<User>> {
      const { limit, cursor } = requireListOptions(options, MAX_PAGE_SIZE, 50);
      const page = cursorToPage(cursor);
      const { data } = await http.request("GET", "/users/list", { query: { page, limit, includeMetadata: true }, schema: wireUserPage });
      return { items: data.data.map(toUser), nextCursor: data.hasNext ? String(page + 1) : null };
    },

    async create(given: CreateUserInput): Promise<User> {
      const input = checkCreateUserInput(given, { noPassword: "Kobble users sign in through the Kobble portal; it takes no password at creation" });
      const body: Record<string, unknown> = { email: input.email };
      if (input.name != null) body.name = input.name;
      if (input.phone != null) body.phoneNumber = input.phone;
      if (input.metadata !== undefined) body.metadata = input.metadata;
      return toUser((await http.request("POST", "/users/create", { body, schema: wireUser })).data);
    },

    async replaceMetadata(id: string, data: JsonObject): Promise<User> {
      const userId = requireId(id, "user id");
      const metadata = requireJsonObject(data);
      await http.request("POST", "/users/updateMetadata", { body: { userId, metadata }, schema: wireAck });
      return findById(userId);
    },

    async patchMetadata(id: string, partial: JsonObject): Promise<User> {
      const userId = requireId(id, "user id");
      const patch = requireJsonObject(partial);
      if (!Object.values(patch).includes(null)) {
        // Kobble's own patch is an atomic top-level merge: the neutral semantics exactly, when nothing is removed.
        const { data } = await http.request("POST", "/users/patchMetadata", { body: { userId, metadata: patch }, schema: wireMetadataResult });
        const user = await findById(userId);
        return { ...user, metadata: (data.metadata ?? user.metadata) as JsonObject };
      }
      // Kobble stores null as a value, so removing keys means writing the whole object: read, merge, replace.
      // Not atomic: a concurrent write between the two calls is overwritten.
      const current = await findById(userId);
      const metadata = mergeMetadata(current.metadata, patch);
      await http.request("POST", "/users/updateMetadata", { body: { userId, metadata }, schema: wireAck });
      return { ...current, metadata };
    },
  };
}
