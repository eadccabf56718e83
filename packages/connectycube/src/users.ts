import {
  AuthmuxError,
  type HttpRequest,
  base64Encode,
  type CreateUserInput,
  type JsonObject,
  requireEmail,
  requireId,
  requireJsonObject,
  requirePhone,
  requireSecretString,
  type User,
} from "@authmux/core";
import { type ConnectyCubeContext, PROVIDER } from "./context.js";
import { type WireSession, type WireUser, wireAdminAck, wireUserEnvelope, wireUserSearch } from "./wire.js";

/** ConnectyCube user ids are integers. */
const USER_ID = /^[1-9]\d{0,18}$/;

/** `custom_data` is a free-form string: an object when it holds JSON of one, else empty (vendors/connectycube.md §5.3). */
export function parseCustomData(customData: string | null | undefined): JsonObject {
  if (!customData) return {};
  try {
    const parsed: unknown = JSON.parse(customData);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : {};
  } catch {
    return {};
  }
}

/** The neutral view of a ConnectyCube user: `metadata` is `custom_data` parsed; nothing is verified. */
export function toUser(wire: WireUser): User {
  return {
    id: String(wire.id),
    email: wire.email || null,
    // ConnectyCube tracks no verification of emails or phone numbers.
    emailVerified: false,
    // Guests carry "" as their phone.
    phone: wire.phone || null,
    phoneVerified: false,
    name: wire.full_name || null,
    metadata: parseCustomData(wire.custom_data),
    createdAt: new Date(wire.created_at),
    updatedAt: wire.updated_at ? new Date(wire.updated_at) : null,
    provider: PROVIDER,
    raw: wire,
  };
}

/** The user of a user session: embedded in current answers, looked up by id in older ones. */
export async function userOfSession(app: HttpRequest, session: WireSession): Promise<WireUser | undefined> {
  return session.user ?? (await app("GET", "/users/v2", { query: { id: String(session.user_id) }, schema: wireUserSearch })).data.items[0];
}

/** A ConnectyCube user id from a neutral one, or null when it cannot name a ConnectyCube user. */
export function userIdOf(id: string): string | null {
  const checked = requireId(id, "user id");
  return USER_ID.test(checked) ? checked : null;
}

/** A password nobody knows, for users created without one (ConnectyCube requires a password). */
function unknowablePassword(): string {
  return base64Encode(crypto.getRandomValues(new Uint8Array(24)));
}

/** The `users` member: lookups through the v2 search, signup with the auth key, deletes with the admin key. */
export function usersMember({ http, app, options }: ConnectyCubeContext) {
  const search = async (query: Record<string, string>) => (await app("GET", "/users/v2", { query, schema: wireUserSearch })).data.items;

  return {
    async get(id: string): Promise<User | null> {
      const userId = userIdOf(id);
      // A non-numeric id names no ConnectyCube user: no need to ask.
      if (userId === null) return null;
      const found = (await search({ id: userId })).find((u) => String(u.id) === userId);
      return found ? toUser(found) : null;
    },

    async getByEmail(email: string): Promise<User | null> {
      const address = requireEmail(email);
      const found = (await search({ email: address })).find((u) => u.email?.toLowerCase() === address.toLowerCase());
      return found ? toUser(found) : null;
    },

    async create(input: CreateUserInput): Promise<User> {
      if (typeof input !== "object" || input === null) throw new AuthmuxError("invalid_input", "users.create needs { email }");
      const user: Record<string, unknown> = { email: requireEmail(input.email) };
      // Signup requires a password; without one the user gets a random one and signs in after a reset.
      user.password = input.password === undefined ? unknowablePassword() : requireSecretString(input.password, "password", 256);
      if (input.name != null) {
        if (typeof input.name !== "string" || input.name.trim() === "" || input.name.length > 200) throw new AuthmuxError("invalid_input", "name must be a non-empty string of at most 200 characters");
        user.full_name = input.name;
      }
      if (input.phone != null) user.phone = requirePhone(input.phone);
      if (input.metadata !== undefined) user.custom_data = JSON.stringify(requireJsonObject(input.metadata));
      // Signup with the auth key needs no session (vendors/connectycube.md §5.1).
      const { data } = await http.request("POST", "/users", { body: { user }, headers: { "CB-AuthKey": options.authKey }, schema: wireUserEnvelope });
      return toUser(data.user);
    },

    async delete(id: string): Promise<void> {
      const userId = userIdOf(id);
      if (userId === null) throw new AuthmuxError("not_found", "no ConnectyCube user has this id: ConnectyCube user ids are numbers", { provider: PROVIDER });
      await http.request("DELETE", `/admin/user/${userId}`, { headers: { "CB-Administration-API-Key": options.adminApiKey ?? "" }, schema: wireAdminAck });
    },
  };
}
