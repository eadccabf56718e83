export { createStytchFake, type StytchFake, type StytchFakeAdapterOptions, type StytchFakeControls, type StytchFakeOptions } from "./fake.js";
export type { RecordedRequest } from "@authmux/core/testing";
