export { redisQuotaStore, type RedisQuotaStoreOptions } from "./quota-store.js";
export { redisRevocationStore, type RedisRevocationStoreOptions } from "./revocation-store.js";
export type { RedisClientLike, RedisSubscriberLike } from "./client.js";
