export { runConformance, type ConformanceOptions, type ConformanceSkips, type ConformanceTestId } from "./run.js";
export type { ConformanceControls, ConformanceFixtures, ConformanceSetup, StoredSession, StoredUser } from "./harness.js";
export { T0, type TestContext } from "./context.js";
export type { Fault } from "../testing/faults.js";
export { runQuotaStoreConformance, type QuotaStoreConformanceOptions } from "./quota-store.js";
export { runRevocationStoreConformance, type RevocationStoreConformanceOptions } from "./revocation-store.js";
