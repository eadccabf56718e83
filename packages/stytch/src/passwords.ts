import { AuthmuxError, type PasswordAuthResult, type PasswordCredentials, requireEmail, requireSecretString } from "@authmux/core";
import type { StytchContext } from "./context.js";
import { toSession } from "./sessions.js";
import { toUser } from "./users.js";
import { wireAuthResult } from "./wire.js";

/** Email + password sign-in; starts a Stytch session of `sessionDurationMinutes` (default 60). */
export function passwordsMember({ http, options, clock }: StytchContext) {
  return {
    async authenticate(credentials: PasswordCredentials): Promise<PasswordAuthResult> {
      if (typeof credentials !== "object" || credentials === null) throw new AuthmuxError("invalid_input", "passwords.authenticate needs { email, password }");
      if (credentials.login !== undefined && credentials.email === undefined) {
        throw new AuthmuxError("invalid_input", "Stytch signs in with an email address: pass { email, password }");
      }
      const email = requireEmail(credentials.email);
      const password = requireSecretString(credentials.password, "password", 256);
      const body = { email, password, session_duration_minutes: options.sessionDurationMinutes ?? 60 };
      const { data } = await http.request("POST", "/v1/passwords/authenticate", { body, schema: wireAuthResult, secrets: [password] });
      return {
        user: toUser(data.user),
        ...(data.session ? { session: toSession(data.session, clock()) } : {}),
        ...(data.session_token ? { sessionToken: data.session_token } : {}),
      };
    },
  };
}
