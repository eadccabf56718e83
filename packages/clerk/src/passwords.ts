import { AuthmuxError, type PasswordAuthResult, type PasswordCredentials, requireEmail, requireSecretString } from "@authmux/core";
import type { ClerkContext } from "./context.js";
import { toUser } from "./users.js";
import { wireUserList, wireVerified } from "./wire.js";

/**
 * Password checks on the backend: find the user by email (or username), then Clerk's verify_password.
 * Clerk starts no session from the backend, so the result has the user only. An unknown user and a wrong
 * password give the same `invalid_credentials`.
 */
export function passwordsMember({ http, metadataKey }: ClerkContext) {
  const wrong = () => new AuthmuxError("invalid_credentials", "email or password is wrong", { provider: "clerk", status: 422 });
  return {
    async authenticate(credentials: PasswordCredentials): Promise<PasswordAuthResult> {
      if (typeof credentials !== "object" || credentials === null) throw new AuthmuxError("invalid_input", "passwords.authenticate needs { email, password }");
      const password = requireSecretString(credentials.password, "password", 256);
      const query =
        credentials.email !== undefined
          ? { email_address: requireEmail(credentials.email), limit: 1 }
          : { username: requireSecretString(credentials.login, "login", 256), limit: 1 };
      const [user] = (await http.request("GET", "/users", { query, schema: wireUserList })).data;
      if (!user) throw wrong();
      const { data } = await http.request("POST", `/users/${encodeURIComponent(user.id)}/verify_password`, { body: { password }, schema: wireVerified });
      if (!data.verified) throw wrong();
      return { user: toUser(user, metadataKey) };
    },
  };
}
