export { createStytchFake, type StytchFake, type StytchFakeAdapterOptions, type StytchFakeControls, type StytchFakeOptions, type StytchFakeSettings } from "./fake.js";
export type { RecordedRequest } from "@authmux/core/testing";
