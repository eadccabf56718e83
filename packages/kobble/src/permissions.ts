import { AuthmuxError, requireId } from "@authmux/core";
import type { KobbleContext } from "./context.js";
import { wirePermissionList } from "./wire.js";

/** The permissions of the user's active Kobble product. */
export function permissionsMember({ http }: KobbleContext) {
  const list = async (userId: string) =>
    (await http.request("GET", "/users/listPermissions", { query: { userId }, schema: wirePermissionList })).data.permissions.map((p) => p.name);
  return {
    list: async (userId: string) => list(requireId(userId, "user id")),
    async has(userId: string, permission: string | readonly string[]) {
      const wanted = typeof permission === "string" ? [permission] : Array.isArray(permission) ? [...permission] : [];
      if (wanted.length === 0 || wanted.some((p) => typeof p !== "string" || p.length === 0)) {
        throw new AuthmuxError("invalid_input", "permissions.has needs one or more non-empty permission names");
      }
      const held = new Set(await list(requireId(userId, "user id")));
      return wanted.every((p) => held.has(p));
    },
  };
}
