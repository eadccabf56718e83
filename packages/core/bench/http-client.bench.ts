/**
 * Per-request throughput of createHttpClient against raw fetch, both calling the same loopback server.
 *
 *   pnpm bench                  GET with an auth header and a small JSON answer: print client/raw
 *   pnpm bench --check          also exit 1 when client/raw < 0.9
 *   pnpm bench --post           POST a JSON body instead of GET
 *   pnpm bench --ky             also measure ky called the usual way (default options), for comparison
 *   pnpm bench --rounds 8 --requests 1500 --concurrency 16
 *
 * The server runs in a child process, so its CPU time does not dilute the client's. Contenders alternate
 * within every round (order reversed each round) so drift on a shared machine hits them alike; the ratio
 * is total raw time over total client time for the same number of requests.
 */
import { fork } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import ky from "ky";
import { createHttpClient } from "../src/http/index.js";
// @ts-expect-error: a plain .mjs helper shared by every package's benchmarks
import { writeBenchResults } from "../../../scripts/bench-utils.mjs";

const GOAL = 0.9;
const TOKEN = "Bearer bench_token_1234567890";
const ANSWER = JSON.stringify({ id: "user_123", email: "ada@example.com", name: "Ada Lovelace", email_verified: true, created_at: 1_700_000_000 });
const PAYLOAD = { email: "ada@example.com", name: "Ada Lovelace", metadata: { plan: "pro", seats: 3 } };

const { values: args } = parseArgs({
  options: {
    serve: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    post: { type: "boolean", default: false },
    ky: { type: "boolean", default: false },
    rounds: { type: "string", default: "8" },
    requests: { type: "string", default: "1500" },
    concurrency: { type: "string", default: "16" },
  },
});

if (args.serve) serve();
else await main();

function serve(): void {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(ANSWER) });
      res.end(ANSWER);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send?.((server.address() as AddressInfo).port));
  process.on("disconnect", () => process.exit(0));
}

type Call = () => Promise<unknown>;

interface Sample {
  ms: number;
  cpuMs: number;
}

async function main(): Promise<void> {
  const rounds = positive(args.rounds, "rounds");
  const requests = positive(args.requests, "requests");
  const concurrency = positive(args.concurrency, "concurrency");

  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve(Number(m)));
    child.once("error", reject);
  });
  const base = `http://127.0.0.1:${port}`;
  const contenders = args.post ? postContenders(base) : getContenders(base);
  const names = Object.keys(contenders);
  for (const name of names) {
    if (JSON.stringify(await contenders[name]!()) !== ANSWER) throw new Error(`${name} did not return the server's body`);
  }

  const run = async (call: Call, n: number): Promise<Sample> => {
    let started = 0;
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const worker = async () => {
      while (started < n) {
        started += 1;
        await call();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t0, cpuMs: (used.user + used.system) / 1000 };
  };

  const what = args.post ? "POST /v1/users with a JSON body" : "GET /v1/users/user_123";
  console.log(`node ${process.version}: ${what} on 127.0.0.1 (server in a child process); ${rounds} rounds × ${requests} requests each, ${concurrency} in flight`);
  for (const name of names) await run(contenders[name]!, Math.min(1000, requests));

  const total = Object.fromEntries(names.map((name) => [name, { ms: 0, cpuMs: 0 }]));
  for (let round = 1; round <= rounds; round += 1) {
    const samples: Record<string, Sample> = {};
    for (const name of round % 2 === 1 ? names : [...names].reverse()) samples[name] = await run(contenders[name]!, requests);
    for (const name of names) {
      total[name]!.ms += samples[name]!.ms;
      total[name]!.cpuMs += samples[name]!.cpuMs;
    }
    const line = names.map((name) => `${name} ${rate(requests, samples[name]!.ms)}`).join(", ");
    console.log(`  round ${round}: ${line} req/s; client/raw ${(samples.raw!.ms / samples.client!.ms).toFixed(3)}`);
  }
  child.disconnect();

  const n = rounds * requests;
  for (const name of names) {
    const t = total[name]!;
    const vsRaw = name === "raw" ? "" : `, ${(total.raw!.ms / t.ms).toFixed(3)}× raw`;
    console.log(`${`${name}:`.padEnd(12)} ${rate(n, t.ms)} req/s, ${((t.cpuMs * 1000) / n).toFixed(0)} µs client CPU per request${vsRaw}`);
  }
  const ratio = total.raw!.ms / total.client!.ms;
  const cpuRatio = total.raw!.cpuMs / total.client!.cpuMs;
  console.log(`ratio client/raw: ${ratio.toFixed(3)}, by client CPU ${cpuRatio.toFixed(3)} (goal ≥ ${GOAL})`);
  // Run from the package directory (pnpm bench): the section lands in packages/core/bench/results/bench.json.
  await writeBenchResults(pathToFileURL(join(process.cwd(), "bench", "http-client.bench.ts")).href, args.post ? "httpPost" : "httpGet", {
    concurrency,
    rounds,
    requests,
    ratio: +ratio.toFixed(3),
    cpuRatio: +cpuRatio.toFixed(3),
    goal: GOAL,
  });
  if (args.check && ratio < GOAL) {
    console.error(`FAIL: client/raw ${ratio.toFixed(3)} < ${GOAL}`);
    process.exitCode = 1;
  }
}

// Each contender sends the same URL and headers and parses the same JSON.
function getContenders(base: string): Record<string, Call> {
  const path = "/v1/users/user_123";
  const url = base + path;
  const headers = { accept: "application/json", authorization: TOKEN };
  const http = createHttpClient({ provider: "bench", baseUrl: base, headers: { authorization: TOKEN } });
  const contenders: Record<string, Call> = {
    raw: async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    },
    client: async () => (await http.request("GET", path)).data,
  };
  if (args.ky) contenders.ky = () => ky.get(url, { headers }).json();
  return contenders;
}

function postContenders(base: string): Record<string, Call> {
  const path = "/v1/users";
  const url = base + path;
  const headers = { accept: "application/json", authorization: TOKEN };
  const http = createHttpClient({ provider: "bench", baseUrl: base, headers: { authorization: TOKEN } });
  const contenders: Record<string, Call> = {
    raw: async () => {
      const response = await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(PAYLOAD) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    },
    client: async () => (await http.request("POST", path, { body: PAYLOAD })).data,
  };
  if (args.ky) contenders.ky = () => ky.post(url, { headers, json: PAYLOAD }).json();
  return contenders;
}

function rate(n: number, ms: number): string {
  return ((n * 1000) / ms).toFixed(0);
}

function positive(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
}
