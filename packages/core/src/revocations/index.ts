export type { RevocationStore, RevocationSubject } from "./store.js";
export { memoryRevocationStore, type MemoryRevocationStoreOptions } from "./memory-store.js";
export { withRevocations, type Revocations, type WithRevocations, type WithRevocationsOptions } from "./with-revocations.js";
