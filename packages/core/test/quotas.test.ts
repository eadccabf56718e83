import { describe, expect, it } from "vitest";
import { type AuthmuxError, memoryQuotaStore, supports, withQuotas } from "../src/index.js";
import { createMockProvider } from "../src/testing/index.js";
import { runQuotaStoreConformance } from "../src/conformance/index.js";

runQuotaStoreConformance({ name: "memoryQuotaStore", create: (limits, clock) => memoryQuotaStore({ limits, clock }) });

describe("memoryQuotaStore", () => {
  it("counts per user and per name, and resets at the end of the period", async () => {
    let now = Date.UTC(2030, 0, 31, 23, 0, 0);
    const store = memoryQuotaStore({ limits: { calls: { limit: 3, period: "month" }, seats: { limit: null } }, clock: () => now });
    expect(await store.add("u1", "calls", 2)).toEqual({ name: "calls", used: 2, limit: 3, remaining: 1, resetsAt: new Date(Date.UTC(2030, 1, 1)) });
    expect(await store.add("u2", "calls", 1)).toMatchObject({ used: 1 });
    expect(await store.add("u1", "seats", 50)).toEqual({ name: "seats", used: 50, limit: null, remaining: null, resetsAt: null });
    now = Date.UTC(2030, 1, 1, 0, 0, 1);
    expect(await store.get("u1", "calls")).toEqual({ name: "calls", used: 0, limit: 3, remaining: 3, resetsAt: new Date(Date.UTC(2030, 2, 1)) });
    expect(await store.get("u1", "seats")).toMatchObject({ used: 50 });
  });

  it("windows of seconds, days and ISO weeks end where they should", async () => {
    const now = Date.UTC(2030, 0, 16, 10, 30, 0); // a Wednesday
    const store = memoryQuotaStore({
      limits: { a: { limit: 1, period: { seconds: 60 } }, d: { limit: 1, period: "day" }, w: { limit: 1, period: "week" }, h: { limit: 1, period: "hour" } },
      clock: () => now,
    });
    const byName = Object.fromEntries((await store.list("u")).map((q) => [q.name, q.resetsAt?.toISOString()]));
    expect(byName).toEqual({
      a: "2030-01-16T10:31:00.000Z",
      d: "2030-01-17T00:00:00.000Z",
      h: "2030-01-16T11:00:00.000Z",
      w: "2030-01-21T00:00:00.000Z",
    });
  });

  it("never drops below zero and refuses unknown names and bad limits", async () => {
    const store = memoryQuotaStore({ limits: { calls: { limit: 3 } } });
    expect(await store.add("u", "calls", -5)).toMatchObject({ used: 0 });
    await expect(store.add("u", "nope", 1)).rejects.toMatchObject({ code: "not_found" });
    expect(await store.get("u", "nope")).toBeNull();
    expect(() => memoryQuotaStore({ limits: { x: { limit: -1 } } })).toThrow(/limit must be/);
    expect(() => memoryQuotaStore({ limits: { x: { limit: 1, period: { seconds: 0 } } } })).toThrow(/period.seconds/);
  });

  it("forgets counters of past periods as the map grows", async () => {
    let now = 0;
    const store = memoryQuotaStore({ limits: { c: { limit: 10, period: { seconds: 1 } } }, clock: () => now });
    for (let i = 0; i < 1500; i++) await store.add(`u${i}`, "c", 1);
    now = 5000;
    for (let i = 0; i < 1100; i++) await store.add(`v${i}`, "c", 1);
    // The old users' counts are gone: their period ended.
    expect(await store.get("u1", "c")).toMatchObject({ used: 0 });
  });
});

describe("withQuotas", () => {
  it("adds the quotas capability to a provider without it", async () => {
    const base = createMockProvider({ capabilities: ["users.read", "users.create"] });
    expect(supports(base, "quotas")).toBe(false);
    const auth = withQuotas(base, memoryQuotaStore({ limits: { exports: { limit: 2, period: "day" } } }));
    expect(auth.capabilities).toEqual(["users.read", "users.create", "quotas"]);
    expect(supports(auth, "quotas")).toBe(true);
    const user = await auth.users.create({ email: "q@example.com" });
    await auth.quotas.increment(user.id, "exports");
    expect(await auth.quotas.hasRemaining(user.id, "exports")).toBe(true);
    await auth.quotas.increment(user.id, "exports");
    expect(await auth.quotas.hasRemaining(user.id, "exports")).toBe(false);
    expect(await auth.quotas.decrement(user.id, "exports")).toMatchObject({ used: 1, remaining: 1 });
    const error = (await auth.quotas.increment(user.id, "exports", -1).catch((e: unknown) => e)) as AuthmuxError;
    expect(error.code).toBe("invalid_input");
  });
});
