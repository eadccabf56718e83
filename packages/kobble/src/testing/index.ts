export { createKobbleFake, type KobbleFake, type KobbleFakeAdapterOptions, type KobbleFakeControls, type KobbleFakeOptions, type KobbleFakeSettings } from "./fake.js";
export type { FakeQuotaDefinition } from "./state.js";
export type { RecordedRequest } from "@authmux/core/testing";
