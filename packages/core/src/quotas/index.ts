export type { QuotaStore, QuotaLimit } from "./store.js";
export { memoryQuotaStore, type MemoryQuotaStoreOptions } from "./memory-store.js";
export { quotasFromStore, withQuotas, type WithQuotas } from "./capability.js";
export { QuotaExceededError } from "./quota-exceeded.js";
