import type { Capability } from "../capabilities/names.js";
import type { MembersOf } from "../capabilities/provider.js";

/** Members core derives and an adapter does not build: `users.iterate`, from `users.list`. */
interface Derived {
  users: "iterate";
}

/**
 * The members an adapter builds for the capabilities `C`, grouped by namespace: the provider's members of `C`
 * without those core derives. A capability whose member is missing does not type-check.
 */
export type ImplementationOf<C extends Capability> = {
  [NS in keyof MembersOf<C>]: NS extends keyof Derived ? Omit<MembersOf<C>[NS], Derived[NS]> : MembersOf<C>[NS];
};

/** Members of any capabilities, as the kit handles them at run time: namespace → member name → function. */
export type Implementation = { readonly [namespace: string]: Readonly<Record<string, unknown>> };
