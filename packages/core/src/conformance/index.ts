export { runConformance, type ConformanceOptions, type ConformanceTestId } from "./run.js";
export type { ConformanceControls, ConformanceFixtures, ConformanceSetup } from "./harness.js";
export { T0, type TestContext } from "./context.js";
export type { Fault } from "../testing/faults.js";
