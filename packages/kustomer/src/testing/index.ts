export { createKustomerFake, type KustomerFake, type KustomerFakeAdapterOptions, type KustomerFakeControls, type KustomerFakeOptions, type KustomerFakeSettings } from "./fake.js";
export type { RecordedRequest } from "@authmux/core/testing";
