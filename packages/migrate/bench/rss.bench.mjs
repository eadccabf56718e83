// Peak RSS while moving 100,000 users from an NDJSON file, with the real journal and id map files (fsync'd per
// batch), and the live heap after a full GC at 10k … 100k users: flat means the migration holds no per-user state.
// The 100,000-user run goes to a sink target that keeps nothing: the mock and the vendor fakes keep every user in
// this very process (and scan them on each create), so they would measure themselves, not the migration. A shorter
// run through the mock provider follows (MOCK_USERS, default 10,000).
// Run: pnpm --filter @authmux/migrate bench   (USERS=…, MOCK_USERS=… to change the counts)
import { createWriteStream } from "node:fs";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { createMockProvider } from "@authmux/core/testing";
import { migrateUsers, ndjsonSource } from "../src/index.ts";
import { openIdMapFile, openJournalFile } from "../src/node/index.ts";

const USERS = Number(process.env.USERS ?? 100_000);
const MOCK_USERS = Number(process.env.MOCK_USERS ?? 10_000);
const MARKS = [10_000, 25_000, 50_000, 75_000, 100_000].filter((n) => n <= USERS);

/** A target that creates nothing it keeps: only the migration's own memory is left to measure. */
function sinkTarget() {
  let n = 0;
  const user = (id, email) => ({ id, email, emailVerified: false, phone: null, phoneVerified: false, name: null, metadata: {}, createdAt: new Date(), updatedAt: null, provider: "sink", raw: null });
  return {
    name: "sink",
    capabilities: ["users.create", "users.read"],
    vendor: {},
    users: {
      create: async (input) => user(`sink_${++n}`, input.email),
      get: async () => null,
      getByEmail: async () => null,
    },
  };
}

async function writeUsers(path) {
  const out = createWriteStream(path);
  for (let i = 0; i < USERS; i++) {
    const line = JSON.stringify({ id: `src_${i}`, email: `user${i}@example.com`, name: `User ${i}`, metadata: { plan: i % 3 ? "pro" : "free", seats: i % 10 } });
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

async function measure(label, target, dir, users) {
  const marks = MARKS.filter((n) => n <= users);
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const at = new Map();
  let done = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const journal = await openJournalFile(join(dir, `${label}.journal.ndjson`));
  const idMap = await openIdMapFile(join(dir, `${label}.idmap.ndjson`));
  const started = Date.now();
  await migrateUsers({
    source: take(ndjsonSource(createReadStream(join(dir, "users.ndjson"))), users),
    target,
    journal,
    idMap,
    concurrency: 8,
    batchSize: 200,
    onUser: () => {
      done++;
      if (marks.includes(done)) {
        const rss = process.memoryUsage().rss;
        peak = Math.max(peak, rss);
        globalThis.gc?.();
        at.set(done, { rss, heap: process.memoryUsage().heapUsed });
      }
    },
  });
  clearInterval(timer);
  await journal.close();
  await idMap.close();
  const mb = (b) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  console.log(`${label}: ${users} users in ${((Date.now() - started) / 1000).toFixed(1)} s, RSS before ${mb(base)}, peak ${mb(peak)}`);
  for (const [n, m] of at) console.log(`  after ${String(n).padStart(7)} users: RSS ${mb(m.rss)}, live heap after GC ${mb(m.heap)}`);
  const first = at.get(marks[0]);
  const last = at.get(marks.at(-1));
  if (first !== undefined && last !== undefined && first !== last) console.log(`  live heap growth from ${marks[0]} to ${marks.at(-1)} users: ${mb(last.heap - first.heap)}`);
}

async function* take(source, n) {
  let i = 0;
  for await (const user of source) {
    if (i++ >= n) return;
    yield user;
  }
}

const dir = await mkdtemp(join(tmpdir(), "authmux-bench-"));
try {
  await writeUsers(join(dir, "users.ndjson"));
  await measure("sink target", sinkTarget(), dir, USERS);
  await measure("mock target", createMockProvider({ capabilities: ["users.create", "users.read"] }), dir, MOCK_USERS);
} finally {
  await rm(dir, { recursive: true, force: true });
}
