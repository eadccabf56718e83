export { createKustomerFake, type KustomerFake, type KustomerFakeControls, type KustomerFakeOptions, type RecordedRequest } from "./fake.js";
