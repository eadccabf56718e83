import { AuthmuxError, isAuthmuxError, type PasswordAuthResult, type PasswordCredentials, requireEmail, requireSecretString, vendorPath } from "@authmux/core";
import { type ClerkContext, PROVIDER } from "./context.js";
import { toUser } from "./users.js";
import { wireUserList, wireVerified } from "./wire.js";

/**
 * Password checks on the backend: find the user by email (or username), then Clerk's verify_password.
 * Clerk starts no session from the backend, so the result has the user only. An unknown user and a wrong
 * password give the same `invalid_credentials`.
 */
export function passwordsMember({ http, metadataKey }: ClerkContext) {
  const wrong = (cause?: AuthmuxError) =>
    new AuthmuxError("invalid_credentials", "email or password is wrong", {
      provider: PROVIDER,
      status: cause?.status ?? 422,
      ...(cause?.requestId !== undefined ? { requestId: cause.requestId } : {}),
      cause,
    });
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
      const verify = http.request("POST", vendorPath`/users/${user.id}/verify_password`, { body: { password }, schema: wireVerified, secrets: [password] });
      const { data } = await verify.catch((error: unknown) => {
        // Clerk answers a wrong password with 422 (incorrect_password) and a user without one with 400 (password_not_set).
        if (isAuthmuxError(error) && (error.status === 422 || error.status === 400)) throw wrong(error);
        throw error;
      });
      if (!data.verified) throw wrong();
      return { user: toUser(user, metadataKey) };
    },
  };
}
