import { afterAll, describe, expect, it } from "vitest";
import { redisQuotaStore, redisRevocationStore } from "../src/index.js";
import { connect, freshPrefix, privateServer, REDIS_URL, SKIP_REASON } from "./redis.js";

let server: Awaited<ReturnType<typeof privateServer>> | undefined;
afterAll(async () => {
  await server?.stop();
});

/** Retries `run` until it succeeds or `ms` pass (the client reconnecting). */
async function eventually<T>(ms: number, run: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe.skipIf(!REDIS_URL)(`Redis stopped mid-run and started again (${REDIS_URL ? "a private redis-server" : SKIP_REASON})`, () => {
  it("typed errors while it is down, correct again after, nothing counted twice; revocations fail closed (or open) while unknown", async () => {
    server = await privateServer();
    const client = await connect(server.url);
    const prefix = freshPrefix("outage");
    const quotas = redisQuotaStore({ client, prefix, limits: { calls: { limit: 100 } }, timeoutMs: 300 });
    const closed = redisRevocationStore({ client, prefix, maxStaleMs: 300, reloadMs: 100, timeoutMs: 300 });
    const open = redisRevocationStore({ client, prefix, failMode: "open", maxStaleMs: 300, reloadMs: 100, timeoutMs: 300 });
    await Promise.all([closed.start(), open.start()]);
    await closed.revokeSession("sess_before", 60);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const subject = { sessionId: "sess_before", userId: "u", issuedAt: null };

    let granted = 0;
    for (let i = 0; i < 5; i++) granted += (await quotas.consume("u", "calls", 1)) ? 1 : 0;

    await server.stop();
    // While down: every call is a typed error within its deadline, never a hang, never a count.
    for (let i = 0; i < 3; i++) await expect(quotas.consume("u", "calls", 1)).rejects.toMatchObject({ code: "provider_unavailable", provider: "redis" });
    await expect(closed.revokeSession("sess_during", 60)).rejects.toMatchObject({ code: "provider_unavailable" });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(closed.status()).toBe("stale");
    expect(() => closed.isRevoked(subject)).toThrow(expect.objectContaining({ code: "provider_unavailable" }));
    expect(open.isRevoked(subject)).toBe(true);

    await server.start();
    granted += (await eventually(5000, () => quotas.consume("u", "calls", 1))) ? 1 : 0;
    for (let i = 0; i < 4; i++) granted += (await quotas.consume("u", "calls", 1)) ? 1 : 0;
    expect(await quotas.get("u", "calls")).toMatchObject({ used: granted });
    expect(granted).toBe(10);

    // The revocation copy is trusted again once reloaded, and sees what is revoked after the outage.
    await eventually(5000, async () => expect(closed.status()).toBe("live"));
    expect(closed.isRevoked(subject)).toBe(true);
    await open.revokeSession("sess_after", 60);
    await eventually(1000, async () => expect(closed.isRevoked({ ...subject, sessionId: "sess_after" })).toBe(true));

    await Promise.all([closed.close(), open.close()]);
    await client.close();
  }, 60_000);
});
