export { createKobbleFake, type KobbleFake, type KobbleFakeControls, type KobbleFakeOptions, type RecordedRequest } from "./fake.js";
