export { type ClerkFake, type ClerkFakeControls, type ClerkFakeOptions, createClerkFake, type RecordedRequest } from "./fake.js";
