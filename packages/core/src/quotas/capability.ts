import type { CapabilityMembers } from "../capabilities/members.js";
import type { AnyProvider, CapabilitiesOf, MembersOf } from "../capabilities/provider.js";
import { AuthmuxError } from "../errors/authmux-error.js";
import type { QuotaStore } from "./store.js";
import { requireId } from "../validation/input.js";

type QuotasMember = CapabilityMembers["quotas"]["quotas"];

/** Builds the `quotas` member over a {@link QuotaStore}, with the argument checks every provider shares. */
export function quotasFromStore(store: QuotaStore): QuotasMember {
  return {
    // Every method is async so that argument errors arrive as rejections, like vendor errors.
    list: async (userId) => store.list(requireId(userId, "user id")),
    get: async (userId, name) => store.get(requireId(userId, "user id"), requireName(name)),
    async hasRemaining(userId, name) {
      if (typeof name !== "string" && !Array.isArray(name)) throw new AuthmuxError("invalid_input", "hasRemaining needs a quota name or a list of names");
      const names = typeof name === "string" ? [requireName(name)] : [...name].map(requireName);
      if (names.length === 0) throw new AuthmuxError("invalid_input", "hasRemaining needs at least one quota name");
      const quotas = await store.list(requireId(userId, "user id"));
      return names.every((n) => {
        const q = quotas.find((x) => x.name === n);
        return q !== undefined && (q.remaining === null || q.remaining > 0);
      });
    },
    consume: async (userId, name, amount = 1) => store.consume(requireId(userId, "user id"), requireName(name), requireAmount(amount)),
    increment: async (userId, name, by = 1) => store.add(requireId(userId, "user id"), requireName(name), requireAmount(by)),
    decrement: async (userId, name, by = 1) => store.add(requireId(userId, "user id"), requireName(name), -requireAmount(by)),
    async set(userId, name, used) {
      if (!Number.isSafeInteger(used) || used < 0) throw new AuthmuxError("invalid_input", "quota usage must be a whole number ≥ 0");
      return store.set(requireId(userId, "user id"), requireName(name), used);
    },
  };
}

/** A provider with `quotas` added to its capabilities and members. */
export type WithQuotas<P extends AnyProvider> = Omit<P, "capabilities" | "quotas"> & {
  /** The provider's capabilities, with `quotas`. */
  readonly capabilities: readonly (CapabilitiesOf<P> | "quotas")[];
} & MembersOf<"quotas">;

/**
 * Adds the `quotas` capability to any provider, backed by `store`; an app that counts usage on one vendor
 * keeps working on another. A provider with quotas of its own gets them replaced by the store's.
 *
 * @example
 * const auth = withQuotas(await loadProvider(), memoryQuotaStore({ limits: { exports: { limit: 10, period: "day" } } }));
 * await auth.quotas.consume(userId, "exports"); // or quota_exceeded, nothing counted
 */
export function withQuotas<P extends AnyProvider>(
  provider: P,
  store: QuotaStore,
): WithQuotas<P> {
  const own: readonly (CapabilitiesOf<P> | "quotas")[] = provider.capabilities as readonly CapabilitiesOf<P>[];
  const capabilities = own.includes("quotas") ? own : Object.freeze([...own, "quotas" as const]);
  return Object.freeze({ ...provider, capabilities, quotas: Object.freeze(quotasFromStore(store)) });
}

function requireName(name: string): string {
  if (typeof name !== "string" || name.length === 0) throw new AuthmuxError("invalid_input", "a quota name must be a non-empty string");
  return name;
}

function requireAmount(by: number): number {
  if (!Number.isSafeInteger(by) || by < 1) throw new AuthmuxError("invalid_input", "a quota change must be a whole number ≥ 1");
  return by;
}
