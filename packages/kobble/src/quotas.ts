import { AuthmuxError, type Quota, QuotaExceededError, requireId } from "@authmux/core";
import { PROVIDER } from "./context.js";
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
const requireAmount = (by: unknown): number => {
  if (!Number.isSafeInteger(by) || (by as number) < 1) throw new AuthmuxError("invalid_input", "a quota change must be a whole number ≥ 1");
  return by as number;
};

/**
 * The quotas of the user's active Kobble product. `get` and `hasRemaining` are computed from the list as
 * Kobble's SDK does, except that a quota without a limit counts as unlimited (Kobble's SDK says exhausted).
 */
export function quotasMember({ http, clock }: KobbleContext) {
  const list = async (userId: string): Promise<Quota[]> =>
    (await http.request("GET", "/users/listQuotas", { query: { userId }, schema: wireQuotaList })).data.quotas.map(toQuota);

  async function find(userId: string, name: string): Promise<Quota> {
    const quota = (await list(userId)).find((q) => q.name === name);
    if (!quota) throw new AuthmuxError("not_found", `the user's Kobble product has no quota named "${name}"`, { provider: "kobble" });
    return quota;
  }

  async function incrementBy(userId: string, name: string, incrementBy: number): Promise<Quota> {
    await http.request("POST", "/quotas/incrementUsage", { body: { userId, quotaName: name, incrementBy }, schema: wireAck });
    return find(userId, name);
  }


  // Within one process, consumes of one user's quota run one after another, so they are exact here; across
  // instances only the bound of consumeOnce holds.
  const queues = new Map<string, Promise<unknown>>();
  function serialized<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(run, run);
    const tail = next.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return next;
  }

  // Contenders that overshoot together all give back; a few tries after a random, growing pause spread them
  // out so that most of the allowance is still used (the give-back itself keeps the bound).
  const TRIES = 4;
  async function consumeOnce(id: string, n: string, by: number): Promise<Quota> {
    const refuse = (quota: Quota) => new QuotaExceededError(quota, by, { provider: PROVIDER, now: clock() });
    for (let attempt = 1; ; attempt++) {
      const before = await find(id, n);
      if (before.remaining !== null && before.remaining < by) throw refuse(before);
      const after = await incrementBy(id, n, by);
      if (after.limit === null || after.used <= after.limit) return after;
      await incrementBy(id, n, -by);
      if (attempt === TRIES) throw refuse({ ...after, used: Math.max(0, after.used - by), remaining: Math.max(0, after.limit - after.used + by) });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
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
    /**
     * Kobble has no conditional increment, so consume is the best its API allows: read, add, read back, and give
     * the amount back when the read-back shows the limit passed. Never more than the limit is granted (each
     * grant is decided on a read that includes every amount still counted). Within one process, consumes of
     * one user's quota are queued, so they are exact; across instances, contenders that overshoot together give
     * back and try again (up to 4 times, after a random pause), so an attempt may still be refused while some
     * allowance remains. A give-back that fails (network) leaves the amount counted.
     */
    async consume(userId: string, name: string, amount = 1): Promise<Quota> {
      const id = requireId(userId, "user id");
      const n = quotaName(name);
      const by = requireAmount(amount);
      return serialized(`${id}\u0000${n}`, () => consumeOnce(id, n, by));
    },
    increment: async (userId: string, name: string, by = 1) => incrementBy(requireId(userId, "user id"), quotaName(name), requireAmount(by)),
    // Kobble has no decrement: its SDK sends a negative increment, and so do we.
    decrement: async (userId: string, name: string, by = 1) => incrementBy(requireId(userId, "user id"), quotaName(name), -requireAmount(by)),
    async set(userId: string, name: string, used: number) {
      const id = requireId(userId, "user id");
      const n = quotaName(name);
      if (!Number.isSafeInteger(used) || used < 0) throw new AuthmuxError("invalid_input", "quota usage must be a whole number ≥ 0");
      await http.request("POST", "/quotas/setUsage", { body: { userId: id, quotaName: n, usage: used }, schema: wireAck });
      return find(id, n);
    },
  };
}
