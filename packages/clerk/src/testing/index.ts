export { type ClerkFake, type ClerkFakeControls, type ClerkFakeOptions, createClerkFake } from "./fake.js";
export type { RecordedRequest } from "@authmux/core/testing";
