import { AuthmuxError } from "../errors/authmux-error.js";
import type { ListOptions, Page, User } from "../types/neutral.js";
import { CAPABILITY_METHODS, type CapabilityMembers } from "./members.js";
import { CAPABILITIES, type Capability } from "./names.js";
import type { Provider } from "./provider.js";
import type { Implementation } from "../adapter/implementation.js";
import { attributed } from "../observability/hooks.js";

type AnyFn = (...args: never[]) => unknown;

/**
 * Builds a provider object holding exactly the members of `capabilities`, taken from `implementation`
 * (`users.iterate` is derived from `users.list`). Adapters reach it through `defineAdapter`, whose types
 * make a missing member a compile error; this is the run-time backstop.
 * A declared capability whose method is missing is a programming error and throws at once; members of
 * undeclared capabilities are left out, so they are absent at runtime as they are in the type.
 */
export function assembleProvider<const Name extends string, const C extends Capability, Vendor>(spec: {
  name: Name;
  capabilities: readonly C[];
  vendor: Vendor;
  implementation: Implementation;
  /** Wrap each member so the vendor calls it makes name its capability to observability hooks. */
  attributeCalls?: boolean;
}): Provider<Name, C, Vendor> {
  const declared = CAPABILITIES.filter((c): c is C => (spec.capabilities as readonly string[]).includes(c));
  const namespaces: Record<string, Record<string, AnyFn>> = {};
  const impl = spec.implementation as Record<string, Record<string, AnyFn> | undefined>;

  for (const capability of declared) {
    const methods = CAPABILITY_METHODS[capability] as Record<string, readonly string[]>;
    for (const [ns, names] of Object.entries(methods)) {
      const target = (namespaces[ns] ??= {});
      for (const method of names) {
        if (capability === "users.list" && method === "iterate") {
          const list = impl.users?.list as CapabilityMembers["users.list"]["users"]["list"] | undefined;
          if (list) target.iterate = iterateFromList(spec.attributeCalls ? attributed("users.list", "users.iterate", list) : list);
          continue;
        }
        const fn = impl[ns]?.[method];
        if (typeof fn !== "function") {
          throw new AuthmuxError("not_supported", `${spec.name} declares "${capability}" but has no ${ns}.${method}`, {
            provider: spec.name,
          });
        }
        target[method] = spec.attributeCalls ? attributed(capability, `${ns}.${method}`, fn) : fn;
      }
    }
  }

  const provider: Record<string, unknown> = {
    name: spec.name,
    capabilities: Object.freeze([...declared]),
    vendor: spec.vendor,
  };
  for (const [ns, members] of Object.entries(namespaces)) provider[ns] = Object.freeze(members);
  return Object.freeze(provider) as Provider<Name, C, Vendor>;
}

/** Turns a paged `list` into an async iterator over every item of every page. */
export function iterateFromList<T = User>(
  list: (options?: ListOptions) => Promise<Page<T>>,
): (options?: Omit<ListOptions, "cursor">) => AsyncIterable<T> {
  return (options = {}) => ({
    async *[Symbol.asyncIterator]() {
      let cursor: string | null = null;
      const seen = new Set<string>();
      do {
        const page: Page<T> = await list({ ...options, cursor });
        yield* page.items;
        cursor = page.nextCursor;
        // A vendor that hands back a cursor it already gave would loop forever.
        if (cursor !== null) {
          if (seen.has(cursor)) throw new AuthmuxError("provider_error", "the provider returned the same page cursor twice");
          seen.add(cursor);
        }
      } while (cursor !== null);
    },
  });
}
