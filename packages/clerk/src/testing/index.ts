export { type ClerkFake, type ClerkFakeAdapterOptions, type ClerkFakeControls, type ClerkFakeOptions, type ClerkFakeSettings, createClerkFake } from "./fake.js";
export type { RecordedRequest } from "@authmux/core/testing";
