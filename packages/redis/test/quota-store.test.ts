import { runQuotaStoreConformance } from "@authmux/core/conformance";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisQuotaStore } from "../src/index.js";
import { connect, freshPrefix, liveKeys, REDIS_URL, SKIP_REASON } from "./redis.js";

type Client = Awaited<ReturnType<typeof connect>>;
let client: Client;

describe.skipIf(!REDIS_URL)(`redisQuotaStore (${REDIS_URL ? "against a real Redis" : SKIP_REASON})`, () => {
  beforeAll(async () => {
    client = await connect();
  });
  afterAll(async () => {
    await client?.close();
  });

  // The same suite as the memory store: exact counts and limits under 1,000 concurrent calls, rollover, bad input.
  runQuotaStoreConformance({ name: "redis", create: (limits, clock) => redisQuotaStore({ client, limits, clock, prefix: freshPrefix("conformance") }) });

  it("each key of a resetting quota expires at its period's end; after rollover the key count falls back to zero", async () => {
    const prefix = freshPrefix("ttl");
    const store = redisQuotaStore({ client, prefix, limits: { burst: { limit: 5, period: { seconds: 1 } }, total: { limit: null } } });
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.consume(`user-${i}`, "burst", 1)));
    const keys = await liveKeys(client, prefix);
    expect(keys).toHaveLength(50);
    for (const key of keys.slice(0, 5)) {
      const ttl = await client.pTTL(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1000);
    }
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await liveKeys(client, prefix)).toHaveLength(0);
    // A quota without a period keeps its count: that is its state.
    await store.add("user-1", "total", 3);
    expect(await client.pTTL((await liveKeys(client, prefix))[0]!)).toBe(-1);
  });

  it("one user's keys share a hash tag (one Cluster slot); ids cannot break out of their key part", async () => {
    const prefix = freshPrefix("slot");
    const store = redisQuotaStore({ client, prefix, limits: { a: { limit: 10 }, b: { limit: 10, period: "day" } } });
    await store.add("u{1}:x", "a", 1);
    await store.add("u{1}:x", "b", 1);
    const keys = await liveKeys(client, prefix);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\{u%7B1%7D%3Ax\\}:quota:`));
    expect(await store.list("u{1}:x")).toMatchObject([{ name: "a", used: 1 }, { name: "b", used: 1 }]);
  });

  it("scripts run by SHA, and again after the server forgot them (NOSCRIPT → EVAL)", async () => {
    const store = redisQuotaStore({ client, prefix: freshPrefix("noscript"), limits: { a: { limit: 3 } } });
    await store.consume("u", "a", 1);
    await client.scriptFlush();
    expect(await store.consume("u", "a", 1)).toMatchObject({ used: 2 });
    await expect(store.consume("u", "a", 2)).rejects.toMatchObject({ code: "quota_exceeded", quota: { used: 2, remaining: 1 } });
  });
});
