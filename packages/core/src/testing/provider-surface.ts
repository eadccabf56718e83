import type { ProviderBase } from "../capabilities/provider.js";

/**
 * A provider type's capability namespaces and the members each holds, as one type: `{ users: "get" | "list" | …;
 * tokens: "verify" }`. For type tests that pin an adapter's whole surface at once, so a member added or lost
 * anywhere fails them (`expectTypeOf<ProviderSurface<typeof auth>>().toEqualTypeOf<{ … }>()`).
 */
export type ProviderSurface<P> = { [K in Exclude<keyof P, keyof ProviderBase>]: keyof P[K] };
