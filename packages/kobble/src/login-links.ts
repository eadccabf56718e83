import { AuthmuxError, type LoginLink, type LoginLinkOptions, optionsObject, requireId } from "@authmux/core";
import type { KobbleContext } from "./context.js";
import { wireLoginLink } from "./wire.js";

/** Magic links into the Kobble customer portal; Kobble decides their lifetime and where they land. */
export function loginLinksMember({ http }: KobbleContext) {
  return {
    async create(userId: string, given?: LoginLinkOptions): Promise<LoginLink> {
      const id = requireId(userId, "user id");
      const options = optionsObject(given, "loginLinks.create options");
      if (options.expiresInSeconds !== undefined) {
        throw new AuthmuxError("invalid_input", "Kobble sets the lifetime of login links itself; leave expiresInSeconds out");
      }
      if (options.redirectUrl !== undefined) {
        throw new AuthmuxError("invalid_input", "Kobble login links always open the customer portal; leave redirectUrl out");
      }
      const { data } = await http.request("POST", "/users/mintLoginLink", { body: { userId: id }, schema: wireLoginLink });
      return { url: data.url, expiresAt: new Date(data.expiresAt) };
    },
  };
}
