export { createKobbleFake, type KobbleFake, type KobbleFakeControls, type KobbleFakeOptions, } from "./fake.js";
export type { RecordedRequest } from "@authmux/core/testing";
