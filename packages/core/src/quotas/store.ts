import type { Quota } from "../types/neutral.js";
import type { QuotaExceededError } from "./quota-exceeded.js";

/**
 * Where usage counters live when a provider's quotas come from authmux rather than the vendor.
 * Implement it over Redis, a database or a KV store; `memoryQuotaStore` is the in-process one.
 * `add` must be atomic: concurrent requests of one user each count.
 */
export interface QuotaStore {
  /** Every quota the user has, in a stable order. */
  list(userId: string): Promise<Quota[]>;
  /** One quota, or `null` when no quota has that name. */
  get(userId: string, name: string): Promise<Quota | null>;
  /** Adds `delta` (negative to give back; the result never drops below 0) and returns the quota after it. */
  add(userId: string, name: string, delta: number): Promise<Quota>;
  /**
   * Adds `amount` (≥ 1) only if the usage stays within the limit, atomically, and returns the quota after it;
   * otherwise throws {@link QuotaExceededError} and counts nothing. An unlimited quota always consumes.
   */
  consume(userId: string, name: string, amount: number): Promise<Quota>;
  /** Sets the used amount and returns the quota after it. */
  set(userId: string, name: string, used: number): Promise<Quota>;
}

/** A quota's definition: how much, and how often it resets. */
export interface QuotaLimit {
  /** The allowance per period; `null` = unlimited (usage is still counted). */
  limit: number | null;
  /** When usage resets: fixed UTC calendar periods, or a window of `seconds`; never when absent. */
  period?: "hour" | "day" | "week" | "month" | {
    /** The window's length. */
    seconds: number;
  };
}
