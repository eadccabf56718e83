// pnpm bench: @authmux/redis against the floors measured in the same run, interleaved round by round.
//  - consume (one Lua script: check and add) vs a raw INCR through the same client: goal ≥ 0.8×.
//  - tokens.verify with withRevocations (Redis store, answered from its local copy) vs without: goal ≥ 0.9×.
// Uses AUTHMUX_REDIS_URL, else starts a redis-server of its own on a free port. Writes bench/results/stores.json.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { withRevocations } from "@authmux/core";
import { createMockProvider } from "@authmux/core/testing";
import { createClient } from "redis";
import { redisQuotaStore, redisRevocationStore } from "../dist/index.js";
import { median, throughput } from "../../../scripts/bench-utils.mjs";

const OPS = Number(process.env.BENCH_OPS ?? 20_000);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1500);
const ROUNDS = 5;
const CONCURRENCY = 16;

async function redisUrl() {
  if (process.env.AUTHMUX_REDIS_URL) return { url: process.env.AUTHMUX_REDIS_URL, stop: () => {} };
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--dir", mkdtempSync(join(tmpdir(), "authmux-bench-"))], { stdio: "ignore" });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

const server = await redisUrl();
const client = await createClient({ url: server.url }).connect();
const prefix = `authmux-bench:${process.pid}`;

/** Runs each variant over `items` with CONCURRENCY workers, interleaved for ROUNDS; median per variant. */
async function compare(variants, items) {
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const make of Object.values(variants)) await throughput(make(), items.slice(0, 500), CONCURRENCY);
  // The order alternates each round, so neither side always runs after the other (GC, warm caches).
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? Object.entries(variants).reverse() : Object.entries(variants);
    for (const [name, make] of order) samples[name].push(await throughput(make(), items, CONCURRENCY));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))]));
}

// consume vs INCR: distinct users so neither side is bound by one key; an unlimited quota so every consume counts.
const users = Array.from({ length: OPS }, (_, i) => `user-${i % 1000}`);
const store = redisQuotaStore({ client, prefix, limits: { calls: { limit: null, period: "day" } } });
const quota = await compare(
  {
    rawIncr: () => (u) => client.incr(`${prefix}:raw:${u}`),
    consume: () => (u) => store.consume(u, "calls", 1),
  },
  users,
);
quota.ratio = +(quota.consume / quota.rawIncr).toFixed(2);

// tokens.verify with and without revocations, on one provider (one verifier, one key): each variant gets a batch
// of tokens never verified before in every round, so the verified-token cache never answers; counted below.
const mock = createMockProvider();
const { id } = await mock.controls.seedUser({ email: "bench@example.com" });
const batches = [];
const batch = async () => {
  const b = await Promise.all(Array.from({ length: TOKENS }, () => mock.controls.issueToken(id)));
  batches.push(b);
  return b;
};
const revocations = redisRevocationStore({ client, prefix });
await revocations.start();
for (let i = 0; i < 1000; i++) await revocations.revokeSession(`sess-other-${i}`, 60);
const guarded = withRevocations(mock, revocations);
const verify = { plain: [], withRevocations: [] };
for (let r = 0; r <= ROUNDS * 2; r++) {
  const [b1, b2] = [await batch(), await batch()];
  // The order alternates each round; round 0 warms up.
  const plainFirst = r % 2 === 0;
  const first = await throughput(plainFirst ? (t) => mock.tokens.verify(t) : (t) => guarded.tokens.verify(t), b1, CONCURRENCY);
  const second = await throughput(plainFirst ? (t) => guarded.tokens.verify(t) : (t) => mock.tokens.verify(t), b2, CONCURRENCY);
  if (r === 0) continue;
  verify.plain.push(plainFirst ? first : second);
  verify.withRevocations.push(plainFirst ? second : first);
}
const distinct = new Set(batches.flat()).size;
if (distinct !== batches.length * TOKENS) throw new Error(`expected ${batches.length * TOKENS} distinct tokens, got ${distinct}`);
verify.plain = Math.round(median(verify.plain));
verify.withRevocations = Math.round(median(verify.withRevocations));
verify.ratio = +(verify.withRevocations / verify.plain).toFixed(2);

console.log(`consume vs raw INCR (c${CONCURRENCY}): INCR ${quota.rawIncr}/s · consume ${quota.consume}/s (${quota.ratio}×, goal ≥ 0.8×)`);
console.log(`tokens.verify with revocations vs without (c${CONCURRENCY}, ${distinct} distinct tokens): ${verify.plain}/s · ${verify.withRevocations}/s (${verify.ratio}×, goal ≥ 0.9×)`);
const file = join(dirname(fileURLToPath(import.meta.url)), "results", "stores.json");
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ops: OPS, concurrency: CONCURRENCY, consumeVsIncr: quota, verifyWithRevocations: { ...verify, distinctTokens: distinct } }, null, 2)}\n`);

await revocations.close();
for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (batch.length) await client.del(batch);
await client.close();
server.stop();
