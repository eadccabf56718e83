import { describe, expect, it } from "vitest";
import { isAuthmuxError } from "../errors/authmux-error.js";
import type { QuotaExceededError } from "../quotas/quota-exceeded.js";
import type { QuotaLimit, QuotaStore } from "../quotas/store.js";

/** Options of {@link runQuotaStoreConformance}. */
export interface QuotaStoreConformanceOptions {
  /** Shown in the test names. */
  name: string;
  /**
   * A fresh, empty store with these limits, reading time from `clock` (epoch ms) so the suite can move it.
   * Stores shared between tests (one Redis) should use a fresh key prefix each time.
   */
  create(limits: Readonly<Record<string, QuotaLimit>>, clock: () => number): QuotaStore | Promise<QuotaStore>;
  /** Called after each test. */
  teardown?(): void | Promise<void>;
  /** Concurrent calls in the concurrency tests; default 1000. */
  concurrency?: number;
}

const T0 = Date.UTC(2030, 0, 15, 12, 0, 0);
const LIMITS = {
  calls: { limit: 100 },
  daily: { limit: 3, period: "day" },
  minute: { limit: 2, period: { seconds: 60 } },
  seats: { limit: null },
} as const satisfies Record<string, QuotaLimit>;

/**
 * The behaviour every `QuotaStore` keeps, whatever it stores in: exact counts and exact limits under concurrency,
 * `consume` refusing without counting, periods that roll over with the clock, `not_found` for an unknown quota,
 * and `invalid_input` for bad amounts. The memory store and `@authmux/redis` run it; so should yours.
 *
 * @example
 * runQuotaStoreConformance({ name: "my store", create: (limits, clock) => myStore({ limits, clock }) });
 */
export function runQuotaStoreConformance(options: QuotaStoreConformanceOptions): void {
  const n = options.concurrency ?? 1000;

  describe(`quota store conformance: ${options.name}`, () => {
    let now = T0;
    const clock = () => now;
    const fresh = async () => {
      now = T0;
      return options.create(LIMITS, clock);
    };
    const settle = async <T>(run: () => Promise<T>) => {
      try {
        return { ok: true as const, value: await run() };
      } catch (error) {
        return { ok: false as const, error };
      } finally {
        await options.teardown?.();
      }
    };

    it(`counts exactly: ${n} concurrent increments over 10 users land exactly`, async () => {
      const store = await fresh();
      const result = await settle(async () => {
        await Promise.all(Array.from({ length: n }, (_, i) => store.add(`user-${i % 10}`, "calls", 1)));
        return Promise.all(Array.from({ length: 10 }, (_, u) => store.get(`user-${u}`, "calls")));
      });
      if (!result.ok) throw result.error;
      for (const quota of result.value) expect(quota?.used).toBe(n / 10);
    });

    it(`enforces exactly: of ${n} concurrent consumes against a limit of 100, exactly 100 are granted and nothing more is counted`, async () => {
      const store = await fresh();
      const result = await settle(async () => {
        const outcomes = await Promise.allSettled(Array.from({ length: n }, () => store.consume("user-1", "calls", 1)));
        return { outcomes, after: await store.get("user-1", "calls") };
      });
      if (!result.ok) throw result.error;
      const granted = result.value.outcomes.filter((o) => o.status === "fulfilled");
      const refused = result.value.outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
      expect(granted).toHaveLength(Math.min(100, n));
      for (const r of refused) expect(r.reason).toMatchObject({ code: "quota_exceeded", quota: { name: "calls", limit: 100 } });
      expect(result.value.after).toMatchObject({ used: Math.min(100, n), remaining: Math.max(0, 100 - n) });
      expect(new Set(granted.map((g) => (g as PromiseFulfilledResult<{ used: number }>).value.used)).size, "each grant sees its own count").toBe(granted.length);
    });

    it("consume refuses an amount larger than what is left, counts nothing, and says why", async () => {
      const store = await fresh();
      const result = await settle(async () => {
        await store.consume("u", "daily", 2);
        const refusal = await store.consume("u", "daily", 2).then(() => null, (e: unknown) => e);
        const fits = await store.consume("u", "daily", 1);
        return { refusal, fits, after: await store.get("u", "daily") };
      });
      if (!result.ok) throw result.error;
      const refusal = result.value.refusal as QuotaExceededError;
      expect(isAuthmuxError(refusal)).toBe(true);
      expect(refusal).toMatchObject({ code: "quota_exceeded", quota: { name: "daily", used: 2, limit: 3, remaining: 1 } });
      expect(refusal.retryAfter).toBe(Math.ceil((Date.UTC(2030, 0, 16) - T0) / 1000));
      expect(result.value.fits).toMatchObject({ used: 3, remaining: 0 });
      expect(result.value.after).toMatchObject({ used: 3 });
    });

    it("periods roll over with the clock: a used-up quota is fresh after its reset", async () => {
      const store = await fresh();
      const result = await settle(async () => {
        await store.consume("u", "minute", 2);
        const full = await store.consume("u", "minute", 1).then(() => null, (e: unknown) => e as QuotaExceededError);
        now = T0 + 60_000;
        const next = await store.consume("u", "minute", 1);
        return { full, next };
      });
      if (!result.ok) throw result.error;
      expect(result.value.full).toMatchObject({ code: "quota_exceeded", retryAfter: 60 });
      expect(result.value.next).toMatchObject({ used: 1, remaining: 1, resetsAt: new Date(T0 + 120_000) });
    });

    it("an unlimited quota always consumes; decrements never go below zero; set sets", async () => {
      const store = await fresh();
      const result = await settle(async () => ({
        seats: await store.consume("u", "seats", 1_000_000),
        down: await store.add("u", "calls", -5),
        set: await store.set("u", "calls", 42),
      }));
      if (!result.ok) throw result.error;
      expect(result.value.seats).toMatchObject({ used: 1_000_000, limit: null, remaining: null });
      expect(result.value.down).toMatchObject({ used: 0 });
      expect(result.value.set).toMatchObject({ used: 42, remaining: 58 });
    });

    it("an unknown quota is not_found for writes and null for reads", async () => {
      const store = await fresh();
      const result = await settle(async () => ({
        get: await store.get("u", "nope"),
        writes: await Promise.all([store.add("u", "nope", 1), store.consume("u", "nope", 1), store.set("u", "nope", 1)].map((p) => p.then(() => null, (e: unknown) => e))),
      }));
      if (!result.ok) throw result.error;
      expect(result.value.get).toBeNull();
      for (const error of result.value.writes) expect(error).toMatchObject({ code: "not_found" });
    });

    it("bad amounts and user ids are invalid_input, and count nothing", async () => {
      const store = await fresh();
      const result = await settle(async () => {
        const attempts = [
          store.consume("u", "calls", 0),
          store.consume("u", "calls", -1),
          store.consume("u", "calls", 1.5),
          store.consume("u", "calls", Number.NaN),
          store.add("u", "calls", Number.POSITIVE_INFINITY),
          store.set("u", "calls", -1),
          store.consume("", "calls", 1),
        ];
        return { errors: await Promise.all(attempts.map((p) => p.then(() => null, (e: unknown) => e))), after: await store.get("u", "calls") };
      });
      if (!result.ok) throw result.error;
      for (const error of result.value.errors) expect(error).toMatchObject({ code: "invalid_input" });
      expect(result.value.after).toMatchObject({ used: 0 });
    });
  });
}
