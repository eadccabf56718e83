import type { CapabilityMembers } from "./members.js";
import type { Capability } from "./names.js";

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The members that the capabilities `C` bring, merged per namespace (`users`, `tokens`, …). */
export type MembersOf<C extends Capability> = [C] extends [never]
  ? {}
  : { [NS in keyof UnionToIntersection<CapabilityMembers[C]>]: Simplify<UnionToIntersection<CapabilityMembers[C]>[NS]> };

/** An authenticated, retried, error-mapped call to the vendor's own API. */
export interface VendorRequestOptions {
  /** Query parameters; `undefined` and `null` are left out, arrays repeat the key. */
  query?: Record<string, string | number | boolean | undefined | null | readonly (string | number)[]>;
  /** The JSON body. */
  body?: unknown;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** What every provider has, whatever it declares. */
export interface ProviderBase<Name extends string = string, C extends Capability = Capability, Vendor = unknown> {
  /** The provider's name, as `loadProvider` knows it (`"clerk"`, `"mock"`, …). */
  readonly name: Name;
  /** The capabilities this provider declares, at runtime. */
  readonly capabilities: readonly C[];
  /** Vendor-only operations with no neutral counterpart. */
  readonly vendor: Vendor;
}

/**
 * A provider: its base plus exactly the members of the capabilities `C`.
 *
 * @example
 * function needsUsers(auth: Provider<string, "users.read" | "tokens.verify">) {}
 */
export type Provider<Name extends string = string, C extends Capability = never, Vendor = unknown> = ProviderBase<
  Name,
  C,
  Vendor
> &
  MembersOf<C>;

/** Any provider, whatever it declares. */
export type AnyProvider = ProviderBase<string, Capability, unknown>;

/**
 * Any provider that has at least the capabilities `C`: the type for a parameter. (`Provider<string, C>`
 * is what a provider with exactly `C` is; one with more capabilities is still a `ProviderWith<C>`.)
 *
 * @example
 * function protect(auth: ProviderWith<"tokens.verify">) {}
 */
export type ProviderWith<C extends Capability> = AnyProvider & MembersOf<C>;

/** The capabilities a provider type declares. */
export type CapabilitiesOf<P> = P extends ProviderBase<string, infer C, unknown> ? C : never;

/**
 * True when the provider declares `capability`; narrows its type to include the capability's members.
 *
 * @example
 * if (supports(auth, "loginLinks")) await auth.loginLinks.create(user.id)
 */
export function supports<P extends AnyProvider, C extends Capability>(provider: P, capability: C): provider is P & Provider<P["name"], C> {
  return (provider.capabilities as readonly Capability[]).includes(capability);
}
