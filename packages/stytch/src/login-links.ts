import { AuthmuxError, type LoginLink, type LoginLinkOptions, optionsObject, requireId } from "@authmux/core";
import type { StytchContext } from "./context.js";
import { httpUrl } from "./input.js";
import { wireMagicLinkToken } from "./wire.js";

/**
 * Embeddable magic links: Stytch returns a single-use token and the adapter builds the URL
 * (`<redirect>?stytch_token_type=magic_links&token=…`); your page authenticates it with
 * `vendor.magicLinks.authenticate`. Stytch returns no expiry, so it is computed from the lifetime asked for.
 */
export function loginLinksMember({ http, clock }: StytchContext, redirectUrl: string) {
  return {
    async create(userId: string, given?: LoginLinkOptions): Promise<LoginLink> {
      const id = requireId(userId, "user id");
      const linkOptions = optionsObject(given, "loginLinks.create options");
      const seconds = linkOptions.expiresInSeconds ?? 3600;
      if (!Number.isSafeInteger(seconds) || seconds % 60 !== 0 || seconds < 300 || seconds > 604800) {
        throw new AuthmuxError("invalid_input", "Stytch link lifetimes are whole minutes from 5 to 10080: expiresInSeconds must be a multiple of 60 from 300 to 604800");
      }
      const url = httpUrl(linkOptions.redirectUrl ?? redirectUrl, "redirectUrl");
      const minutes = seconds / 60;
      const sentAt = clock();
      const { data } = await http.request("POST", "/v1/magic_links", { body: { user_id: id, expiration_minutes: minutes }, schema: wireMagicLinkToken });
      url.searchParams.set("stytch_token_type", "magic_links");
      url.searchParams.set("token", data.token);
      return { url: url.toString(), expiresAt: new Date(Math.floor(sentAt / 1000) * 1000 + seconds * 1000) };
    },
  };
}
