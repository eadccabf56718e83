import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisQuotaStore, redisRevocationStore } from "../src/index.js";
import { connect, freshPrefix, REDIS_URL, SKIP_REASON } from "./redis.js";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
// The package's own folder: `--import tsx` resolves from the working directory.
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/** A worker process running the package's TypeScript sources (tsx, the workspace's source condition). */
function spawnWorker(args: string[]) {
  const child = fork(WORKER, args, { cwd: PACKAGE_DIR, execArgv: ["--conditions=authmux-source", "--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ready = new Promise<void>((resolve) => child.once("spawn", () => resolve()));
  const answer = new Promise<Record<string, number>>((resolve, reject) => {
    child.once("message", (m) => resolve(m as Record<string, number>));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code} before answering`)));
  });
  return { child, ready, answer };
}

let client: Awaited<ReturnType<typeof connect>>;

describe.skipIf(!REDIS_URL)(`several processes on one Redis (${REDIS_URL ? "real" : SKIP_REASON})`, () => {
  beforeAll(async () => {
    client = await connect();
  });
  afterAll(async () => {
    await client?.close();
  });

  it("4 processes × 1,000 concurrent consumes against a limit of 1,500: exactly 1,500 granted, the rest quota_exceeded", async () => {
    const prefix = freshPrefix("procs");
    const workers = Array.from({ length: 4 }, () => spawnWorker(["consume", REDIS_URL!, prefix, "1000", "1500"]));
    await Promise.all(workers.map((w) => w.ready));
    // Each worker connects before the go; give them a moment, then start them together.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const w of workers) w.child.send("go");
    const results = await Promise.all(workers.map((w) => w.answer));
    expect(results.reduce((n, r) => n + r.granted!, 0)).toBe(1500);
    expect(results.reduce((n, r) => n + r.refused!, 0)).toBe(2500);
    expect(results.reduce((n, r) => n + r.otherErrors!, 0)).toBe(0);
    const store = redisQuotaStore({ client, prefix, limits: { calls: { limit: 1500 } } });
    expect(await store.get("shared", "calls")).toMatchObject({ used: 1500, remaining: 0 });
  }, 60_000);

  it("a revocation made in one process is refused by another within 100 ms", async () => {
    const prefix = freshPrefix("revoke");
    const reader = redisRevocationStore({ client, prefix });
    await reader.start();
    const subject = { sessionId: "sess_cross", userId: "u1", issuedAt: new Date() };
    expect(reader.isRevoked(subject)).toBe(false);
    const worker = spawnWorker(["revoke", REDIS_URL!, prefix, "sess_cross"]);
    await worker.ready;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    worker.child.send("go");
    const { revokedAt } = await worker.answer;
    let seenAt = Date.now();
    while (!reader.isRevoked(subject)) {
      if (Date.now() - revokedAt! > 1000) break;
      await new Promise((resolve) => setTimeout(resolve, 1));
      seenAt = Date.now();
    }
    expect(reader.isRevoked(subject)).toBe(true);
    expect(seenAt - revokedAt!).toBeLessThan(100);
    await reader.close();
  }, 60_000);
});
