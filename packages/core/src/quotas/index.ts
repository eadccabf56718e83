export type { QuotaStore, QuotaLimit } from "./store.js";
export { memoryQuotaStore, validateQuotaLimits, type MemoryQuotaStoreOptions } from "./memory-store.js";
export { periodEnd } from "./period.js";
export { quotasFromStore, withQuotas, type WithQuotas } from "./capability.js";
export { QuotaExceededError } from "./quota-exceeded.js";
