import { AuthmuxError, type LoginLink, type LoginLinkOptions, optionsObject, requireId } from "@authmux/core";
import type { ClerkContext } from "./context.js";
import { wireSignInToken } from "./wire.js";

/** Clerk sign-in tokens: a single-use ticket URL on the Frontend API that signs the user in. */
export function loginLinksMember({ http, issuer }: ClerkContext) {
  return {
    async create(userId: string, linkOptions?: LoginLinkOptions): Promise<LoginLink> {
      const id = requireId(userId, "user id");
      const options = optionsObject(linkOptions, "loginLinks.create options");
      const seconds = options.expiresInSeconds ?? 3600;
      if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > 2592000) {
        throw new AuthmuxError("invalid_input", "expiresInSeconds must be a whole number from 1 to 2592000 (30 days)");
      }
      if (options.redirectUrl !== undefined) {
        throw new AuthmuxError("invalid_input", "Clerk sign-in tokens redirect where the instance is configured to; leave redirectUrl out");
      }
      const { data } = await http.request("POST", "/sign_in_tokens", { body: { user_id: id, expires_in_seconds: seconds }, schema: wireSignInToken });
      // Clerk's url may be null; the ticket is accepted at the Frontend API either way.
      return { url: data.url ?? ticketUrl(issuer, data.token), expiresAt: new Date(data.created_at + seconds * 1000) };
    },
  };
}

/** The Frontend API's ticket page for a sign-in token (`/v1/tickets/accept?ticket=…`). */
function ticketUrl(issuer: string | string[], token: string): string {
  const url = new URL("/v1/tickets/accept", Array.isArray(issuer) ? issuer[0] : issuer);
  url.searchParams.set("ticket", token);
  return url.href;
}
