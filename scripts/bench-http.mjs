// Shared by the adapters' HTTP benchmarks: one loopback vendor, one way to measure, so ratios compare.
import { fork } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Starts the loopback vendor in a child process answering `body` (a string) to every request. */
export async function serveBody(body) {
  const file = join(mkdtempSync(join(tmpdir(), "authmux-bench-")), "body.json");
  writeFileSync(file, body);
  const child = fork(fileURLToPath(new URL("./bench-server.mjs", import.meta.url)), [file], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(Number(m)));
    child.once("error", reject);
  });
  return { origin: `http://127.0.0.1:${port}`, close: () => child.disconnect() };
}

/** `n` calls with `concurrency` in flight; wall time and this process's CPU time per call. */
export async function runCalls(call, n, concurrency) {
  let started = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (started < n) {
        started += 1;
        await call();
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t0, cpuUs: (used.user + used.system) / n };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const medianOf = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const round3 = (x) => Math.round(x * 1000) / 1000;

/**
 * Runs `contenders` (name → call), the first being the reference (raw fetch), interleaved within every round
 * (order reversed each round) so drift on a shared machine hits them alike. Per contender: the ratio of the
 * reference's time to its own for the same number of calls, as the median and range over rounds, and the
 * client CPU per call, with `cpuRatio`: the reference's CPU per call over the contender's (what the ratio
 * tends to when the client is CPU-bound; steadier than wall time on a machine shared with other work).
 */
export async function compareCalls(contenders, { rounds = 8, requests = 1000, concurrency = 16, log = console.log } = {}) {
  const names = Object.keys(contenders);
  const reference = names[0];
  for (const name of names) await runCalls(contenders[name], Math.min(500, requests), concurrency);
  const ratios = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const samples = {};
    for (const name of r % 2 === 0 ? names : [...names].reverse()) samples[name] = await runCalls(contenders[name], requests, concurrency);
    for (const name of names) {
      ratios[name].push(samples[reference].ms / samples[name].ms);
      cpu[name].push(samples[name].cpuUs);
    }
    log(`  round ${r + 1}: ${names.map((n) => `${n} ${Math.round((requests / samples[n].ms) * 1000)}/s`).join(", ")}`);
  }
  return Object.fromEntries(
    names.map((n) => [n, { ratio: round3(medianOf(ratios[n])), min: round3(sorted(ratios[n])[0]), max: round3(sorted(ratios[n]).at(-1)), cpuUsPerCall: Math.round(medianOf(cpu[n])), cpuRatio: round3(medianOf(cpu[reference]) / medianOf(cpu[n])) }]),
  );
}

/**
 * The users.get benchmark of an adapter: serves `body` (the vendor's answer for one user), builds the
 * contenders for that origin (`rawFetch` first, then `authmux` and `sdk`), compares them, prints the ratios and
 * writes the `usersGet` section (`usersGetNode<major>` on another Node than 20) of the package's bench/results/bench.json. With `--check`, exits 1 when
 * authmux is under 0.9× raw fetch or behind the SDK.
 */
export async function usersGetBench({ label, benchUrl, body, contenders }) {
  const { writeBenchResults } = await import("./bench-utils.mjs");
  const target = 0.9;
  const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
  const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
  const server = await serveBody(body);
  let results;
  try {
    const calls = await contenders(server.origin);
    for (const [name, call] of Object.entries(calls)) {
      const answer = await call();
      if (answer === null || answer === undefined) throw new Error(`${name} found no user at the loopback vendor`);
    }
    results = await compareCalls(calls, { rounds, requests, concurrency });
  } finally {
    server.close();
  }
  const { authmux, sdk } = results;
  const vsSdk = round3(authmux.ratio / sdk.ratio);
  const cpuVsSdk = round3(authmux.cpuRatio / sdk.cpuRatio);
  console.log(
    `${label} users.get, ${concurrency} in flight, × raw fetch: authmux ${authmux.ratio} (rounds ${authmux.min}–${authmux.max}; by CPU ${authmux.cpuRatio}), ` +
      `SDK ${sdk.ratio} (${sdk.min}–${sdk.max}; by CPU ${sdk.cpuRatio}); authmux/SDK ${vsSdk} (by CPU ${cpuVsSdk})`,
  );
  // Node 20 (what CI runs) writes `usersGet`; another Node its own section (`usersGetNode22`, …), side by side.
  const major = process.versions.node.split(".")[0];
  await writeBenchResults(benchUrl, major === "20" ? "usersGet" : `usersGetNode${major}`, { concurrency, rounds, requests, bodyBytes: body.length, target, vsSdk, cpuVsSdk, ...results });
  if (process.argv.includes("--check") && (authmux.ratio < target || vsSdk < 1)) process.exitCode = 1;
}

/** The body a vendor fake answered to the one call `run` makes through the `fetch` it is given. */
export async function captureBody(fakeFetch, run) {
  let body;
  await run(async (url, init) => {
    const response = await fakeFetch(url, init);
    body = await response.clone().text();
    return response;
  });
  if (body === undefined) throw new Error("the fake was not called");
  return body;
}
