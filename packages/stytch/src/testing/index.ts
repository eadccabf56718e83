export { createStytchFake, type RecordedRequest, type StytchFake, type StytchFakeControls, type StytchFakeOptions } from "./fake.js";
