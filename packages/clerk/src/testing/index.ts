export { type ClerkFake, type ClerkFakeAdapterOptions, type ClerkFakeControls, type ClerkFakeOptions, type ClerkFakeSettings, createClerkFake } from "./fake.js";
export { CLERK_HASHERS, type ClerkHasher, type StoredPassword } from "./hashers.js";
export type { RecordedRequest } from "@authmux/core/testing";
