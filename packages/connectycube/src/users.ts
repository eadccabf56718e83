import { AuthmuxError, base64Encode, checkCreateUserInput, type CreateUserInput, requireEmail, type User, vendorPath } from "@authmux/core";
import { PROVIDER } from "./constants.js";
import type { ConnectyCubeContext } from "./context.js";
import { MAX_NAME, userIdOf } from "./input.js";
import { toUser } from "./mapping.js";
import { wireAdminAck, wireUserEnvelope, wireUserSearch } from "./wire.js";

/** A password nobody knows, for users created without one (ConnectyCube requires a password). */
function unknowablePassword(): string {
  return base64Encode(crypto.getRandomValues(new Uint8Array(24)));
}

/** The `users` member: lookups through the v2 search, signup with the auth key. */
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

    async create(given: CreateUserInput): Promise<User> {
      const input = checkCreateUserInput(given, { nameMaxLength: MAX_NAME });
      // Signup requires a password; without one the user gets a random one and signs in after a reset.
      const password = input.password ?? unknowablePassword();
      const user: Record<string, unknown> = { email: input.email, password };
      if (input.name != null) user.full_name = input.name;
      if (input.phone != null) user.phone = input.phone;
      if (input.metadata !== undefined) user.custom_data = JSON.stringify(input.metadata);
      // Signup with the auth key needs no session (vendors/connectycube.md §5.1).
      const { data } = await http.request("POST", "/users", { body: { user }, headers: { "CB-AuthKey": options.authKey }, schema: wireUserEnvelope, secrets: [password] });
      return toUser(data.user);
    },
  };
}

/** `users.delete`: the Administration API, with the key that enables it. */
export function usersDeleteMember({ http }: ConnectyCubeContext, adminApiKey: string) {
  return {
    async delete(id: string): Promise<void> {
      const userId = userIdOf(id);
      if (userId === null) throw new AuthmuxError("not_found", "no ConnectyCube user has this id: ConnectyCube user ids are numbers", { provider: PROVIDER });
      await http.request("DELETE", vendorPath`/admin/user/${userId}`, { headers: { "CB-Administration-API-Key": adminApiKey }, schema: wireAdminAck });
    },
  };
}
