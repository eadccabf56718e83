export { createKustomerFake, type KustomerFake, type KustomerFakeControls, type KustomerFakeOptions } from "./fake.js";
export type { RecordedRequest } from "@authmux/core/testing";
