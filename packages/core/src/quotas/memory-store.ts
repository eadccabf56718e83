import { AuthmuxError } from "../errors/authmux-error.js";
import type { Quota } from "../types/neutral.js";
import { periodEnd } from "./period.js";
import { QuotaExceededError } from "./quota-exceeded.js";
import type { QuotaLimit, QuotaStore } from "./store.js";

/** Options of {@link memoryQuotaStore}. */
export interface MemoryQuotaStoreOptions {
  /** Every quota a user has, by name. */
  limits: Readonly<Record<string, QuotaLimit>>;
  /** Epoch milliseconds; defaults to `Date.now`. */
  clock?: () => number;
}

interface Counter {
  used: number;
  /** End of the period the count belongs to; `null` = never resets. */
  until: number | null;
}

/**
 * An in-process {@link QuotaStore}: for tests, single-instance apps and development. Counters of past
 * periods are dropped when touched and swept as the map grows, so memory follows the active users.
 *
 * @example
 * const auth = withQuotas(clerk({ secretKey }), memoryQuotaStore({ limits: { "api-calls": { limit: 1000, period: "month" } } }));
 */
export function memoryQuotaStore(options: MemoryQuotaStoreOptions): QuotaStore {
  const limits = validateQuotaLimits(options.limits);
  const clock = options.clock ?? Date.now;
  const counters = new Map<string, Counter>();
  let sweepAt = 1024;

  const key = (userId: string, name: string) => `${userId}\u0000${name}`;

  function limitOf(name: string): QuotaLimit {
    const limit = limits.get(name);
    if (!limit) {
      throw new AuthmuxError("not_found", `no quota named "${name}" (configured: ${[...limits.keys()].join(", ") || "none"})`);
    }
    return limit;
  }

  function current(userId: string, name: string, limit: QuotaLimit, now: number): Counter {
    const found = counters.get(key(userId, name));
    if (found && (found.until === null || now < found.until)) return found;
    return { used: 0, until: periodEnd(limit.period, now) };
  }

  function view(name: string, limit: QuotaLimit, counter: Counter): Quota {
    return {
      name,
      used: counter.used,
      limit: limit.limit,
      remaining: limit.limit === null ? null : Math.max(0, limit.limit - counter.used),
      resetsAt: counter.until === null ? null : new Date(counter.until),
    };
  }

  function store(userId: string, name: string, counter: Counter, now: number): void {
    const k = key(userId, name);
    if (counter.used === 0) counters.delete(k);
    else counters.set(k, counter);
    if (counters.size >= sweepAt) {
      for (const [k2, c] of counters) if (c.until !== null && now >= c.until) counters.delete(k2);
      sweepAt = Math.max(1024, counters.size * 2);
    }
  }

  /**
   * Reads the counter, computes the next usage and stores it in one synchronous step: nothing can interleave
   * in between within this process, so `consume` checks and adds atomically.
   */
  function write(userId: string, name: string, next: (used: number, limit: number | null, refuse: (amount: number) => never) => number): Quota {
    checkUser(userId);
    const limit = limitOf(name);
    const now = clock();
    const counter = current(userId, name, limit, now);
    const refuse = (amount: number): never => {
      throw new QuotaExceededError(view(name, limit, counter), amount, { now });
    };
    const updated = { used: next(counter.used, limit.limit, refuse), until: counter.until };
    store(userId, name, updated, now);
    return view(name, limit, updated);
  }

  return {
    async list(userId) {
      checkUser(userId);
      const now = clock();
      return [...limits].map(([name, limit]) => view(name, limit, current(userId, name, limit, now)));
    },
    async get(userId, name) {
      checkUser(userId);
      const limit = limits.get(name);
      return limit ? view(name, limit, current(userId, name, limit, clock())) : null;
    },
    async add(userId, name, delta) {
      if (!Number.isSafeInteger(delta)) throw new AuthmuxError("invalid_input", "a quota change must be a whole number");
      return write(userId, name, (used) => Math.max(0, used + delta));
    },
    async consume(userId, name, amount) {
      if (!Number.isSafeInteger(amount) || amount < 1) throw new AuthmuxError("invalid_input", "a quota amount must be a whole number ≥ 1");
      return write(userId, name, (used, limit, refuse) => (limit !== null && used + amount > limit ? refuse(amount) : used + amount));
    },
    async set(userId, name, used) {
      if (!Number.isSafeInteger(used) || used < 0) throw new AuthmuxError("invalid_input", "quota usage must be a whole number ≥ 0");
      return write(userId, name, () => used);
    },
  };
}

function checkUser(userId: string): void {
  if (typeof userId !== "string" || userId.length === 0) throw new AuthmuxError("invalid_input", "userId must be a non-empty string");
}

/** Checks quota definitions (`invalid_input` naming the quota) and returns them by name, in a stable order. */
export function validateQuotaLimits(input: Readonly<Record<string, QuotaLimit>>): Map<string, QuotaLimit> {
  if (typeof input !== "object" || input === null) throw new AuthmuxError("invalid_input", "a quota store needs { limits }");
  const out = new Map<string, QuotaLimit>();
  for (const [name, def] of Object.entries(input).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const limit = def?.limit;
    if (!(limit === null || (Number.isSafeInteger(limit) && limit >= 0))) {
      throw new AuthmuxError("invalid_input", `quota "${name}": limit must be a whole number ≥ 0 or null`);
    }
    const p = def.period;
    if (typeof p === "object" && !(Number.isSafeInteger(p.seconds) && p.seconds > 0)) {
      throw new AuthmuxError("invalid_input", `quota "${name}": period.seconds must be a whole number > 0`);
    }
    if (p !== undefined && typeof p !== "object" && !["hour", "day", "week", "month"].includes(p)) {
      throw new AuthmuxError("invalid_input", `quota "${name}": period must be hour, day, week, month or { seconds }`);
    }
    out.set(name, def);
  }
  return out;
}
