import { AuthmuxError, type Quota, requireId } from "@authmux/core";
import type { KobbleContext } from "./context.js";
import { type WireQuota, wireAck, wireQuotaList } from "./wire.js";

/** The neutral view of a Kobble quota. */
export function toQuota(wire: WireQuota): Quota {
  const unlimited = wire.limit === null;
  return {
    name: wire.name,
    used: wire.usage,
    limit: wire.limit,
    remaining: unlimited ? null : (wire.remaining ?? Math.max(0, (wire.limit as number) - wire.usage)),
    resetsAt: wire.expiresAt ? new Date(wire.expiresAt) : null,
  };
}

const quotaName = (name: unknown): string => {
  if (typeof name !== "string" || name.length === 0) throw new AuthmuxError("invalid_input", "a quota name must be a non-empty string");
  return name;
};
const amount = (by: unknown): number => {
  if (!Number.isSafeInteger(by) || (by as number) < 1) throw new AuthmuxError("invalid_input", "a quota change must be a whole number ≥ 1");
  return by as number;
};

/**
 * The quotas of the user's active Kobble product. `get` and `hasRemaining` are computed from the list as
 * Kobble's SDK does, except that a quota without a limit counts as unlimited (Kobble's SDK says exhausted).
 */
export function quotasMember({ http }: KobbleContext) {
  const list = async (userId: string): Promise<Quota[]> =>
    (await http.request("GET", "/users/listQuotas", { query: { userId }, schema: wireQuotaList })).data.quotas.map(toQuota);

  async function after(userId: string, name: string): Promise<Quota> {
    const quota = (await list(userId)).find((q) => q.name === name);
    if (!quota) throw new AuthmuxError("not_found", `the user's Kobble product has no quota named "${name}"`, { provider: "kobble" });
    return quota;
  }

  async function incrementBy(userId: string, name: string, incrementBy: number): Promise<Quota> {
    await http.request("POST", "/quotas/incrementUsage", { body: { userId, quotaName: name, incrementBy }, schema: wireAck });
    return after(userId, name);
  }

  return {
    list: async (userId: string) => list(requireId(userId, "user id")),
    async get(userId: string, name: string) {
      const wanted = quotaName(name);
      return (await list(requireId(userId, "user id"))).find((q) => q.name === wanted) ?? null;
    },
    async hasRemaining(userId: string, name: string | readonly string[]) {
      const names = (typeof name === "string" ? [name] : Array.isArray(name) ? [...name] : [undefined]).map(quotaName);
      if (names.length === 0) throw new AuthmuxError("invalid_input", "hasRemaining needs at least one quota name");
      const quotas = await list(requireId(userId, "user id"));
      return names.every((n) => {
        const q = quotas.find((x) => x.name === n);
        return q !== undefined && (q.remaining === null || q.remaining > 0);
      });
    },
    increment: async (userId: string, name: string, by = 1) => incrementBy(requireId(userId, "user id"), quotaName(name), amount(by)),
    // Kobble has no decrement: its SDK sends a negative increment, and so do we.
    decrement: async (userId: string, name: string, by = 1) => incrementBy(requireId(userId, "user id"), quotaName(name), -amount(by)),
    async set(userId: string, name: string, used: number) {
      const id = requireId(userId, "user id");
      const n = quotaName(name);
      if (!Number.isSafeInteger(used) || used < 0) throw new AuthmuxError("invalid_input", "quota usage must be a whole number ≥ 0");
      await http.request("POST", "/quotas/setUsage", { body: { userId: id, quotaName: n, usage: used }, schema: wireAck });
      return after(id, n);
    },
  };
}
