import { runRevocationStoreConformance } from "@authmux/core/conformance";
import { memoryRevocationStore, withRevocations } from "@authmux/core";
import { createMockProvider } from "@authmux/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisRevocationStore } from "../src/index.js";
import { connect, freshPrefix, REDIS_URL, SKIP_REASON } from "./redis.js";

type Client = Awaited<ReturnType<typeof connect>>;
let client: Client;
let opened: { close(): Promise<void> }[] = [];

describe.skipIf(!REDIS_URL)(`redisRevocationStore (${REDIS_URL ? "against a real Redis" : SKIP_REASON})`, () => {
  beforeAll(async () => {
    client = await connect();
  });
  afterAll(async () => {
    await client?.close();
  });

  // Two instances over one Redis, as two app instances would be.
  runRevocationStoreConformance({
    name: "redis",
    create: async () => {
      const prefix = freshPrefix("rev");
      const writer = redisRevocationStore({ client, prefix });
      const reader = redisRevocationStore({ client, prefix });
      await Promise.all([writer.start(), reader.start()]);
      opened = [writer, reader];
      return { writer, reader };
    },
    teardown: async () => {
      await Promise.all(opened.map((s) => s.close()));
    },
  });

  it("an instance started later loads the revocations made before it, with their remaining lifetime", async () => {
    const prefix = freshPrefix("late");
    const early = redisRevocationStore({ client, prefix });
    await early.start();
    await early.revokeSession("sess_a", 60);
    await early.revokeUser("user_b", new Date(), 60);
    const late = redisRevocationStore({ client, prefix });
    expect(() => late.isRevoked({ sessionId: "sess_a", userId: "x", issuedAt: null })).toThrow(/not loaded yet/);
    await late.start();
    expect(late.isRevoked({ sessionId: "sess_a", userId: "x", issuedAt: null })).toBe(true);
    expect(late.isRevoked({ sessionId: null, userId: "user_b", issuedAt: new Date(Date.now() - 5000) })).toBe(true);
    await Promise.all([early.close(), late.close()]);
  });

  it("with withRevocations, a session revoked on one instance is refused by tokens.verify on another, with no Redis call per verification", async () => {
    const prefix = freshPrefix("verify");
    const mock = createMockProvider();
    const [one, two] = [redisRevocationStore({ client, prefix }), redisRevocationStore({ client, prefix })];
    await Promise.all([one.start(), two.start()]);
    const instanceA = withRevocations(mock, one, { maxTokenLifetimeSec: 3600 });
    const instanceB = withRevocations(mock, two, { maxTokenLifetimeSec: 3600 });
    const { id } = await mock.controls.seedUser({ email: "two@example.com" });
    const token = await mock.controls.issueToken(id);
    const { sessionId } = await instanceB.tokens.verify(token);
    const before = Number((await client.info("stats")).match(/total_commands_processed:(\d+)/)![1]);
    for (let i = 0; i < 50; i++) await instanceB.tokens.verify(token);
    const after = Number((await client.info("stats")).match(/total_commands_processed:(\d+)/)![1]);
    expect(after - before, "commands Redis processed for 50 verifications (the INFO itself is one)").toBeLessThanOrEqual(1);
    await instanceA.revocations.revokeSession(sessionId!);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(instanceB.tokens.verify(token)).rejects.toMatchObject({ code: "session_invalid" });
    await Promise.all([one.close(), two.close()]);
    expect(memoryRevocationStore).toBeTypeOf("function");
  });
});
