import type { PasswordAuthResult, PasswordCredentials } from "@authmux/core";
import type { ConnectyCubeContext } from "./context.js";
import { asSignInError } from "./errors.js";
import { requireCredentials } from "./input.js";
import { startUserSession } from "./user-session.js";

/** Sign-in with login or email and password: a new user session, returned with its token. */
export function passwordsMember(context: ConnectyCubeContext) {
  return {
    async authenticate(credentials: PasswordCredentials): Promise<PasswordAuthResult> {
      const user = requireCredentials(credentials);
      try {
        return await startUserSession(context, user);
      } catch (error) {
        throw asSignInError(error);
      }
    },
  };
}
