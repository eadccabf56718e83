// pnpm bench (import cost): how long `import()` of @authmux/core and of each adapter takes in a fresh Node
// process, over a process importing an empty module, against jose alone (the goal: ≤ jose's own + 20 ms).
// Processes are started interleaved, round by round, and each figure is the median over rounds; written as the
// `importCost` section of each package's bench/results/bench.json. Run after `pnpm build` (imports the dist).
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeBenchResults } from "./bench-utils.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const GOAL_OVER_JOSE_MS = 20;
const empty = join(mkdtempSync(join(tmpdir(), "authmux-import-")), "empty.mjs");
writeFileSync(empty, "export {};\n");

const adapters = ["clerk", "stytch", "kobble", "kustomer", "connectycube"];
const modules = {
  empty: pathToFileURL(empty).href,
  jose: "jose",
  core: "@authmux/core",
  ...Object.fromEntries(adapters.map((a) => [a, `@authmux/${a}`])),
};

// One process: the time from before import() to after it, measured inside, plus nothing else.
function once(specifier) {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  // jose is resolved from core's dependencies, the packages from the root's workspace links.
  const cwd = specifier === "jose" ? join(root, "packages", "core") : root;
  return Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd, encoding: "utf8" }));
}

const samples = Object.fromEntries(Object.keys(modules).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  const names = Object.keys(modules);
  for (const name of r % 2 === 0 ? names : names.reverse()) samples[name].push(once(modules[name]));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const over = Object.fromEntries(Object.keys(modules).map((k) => [k, +(median(samples[k]) - median(samples.empty)).toFixed(1)]));
const goal = +(over.jose + GOAL_OVER_JOSE_MS).toFixed(1);
console.log(`import cost over an empty module (median of ${ROUNDS} processes, node ${process.version}): jose ${over.jose} ms; goal ≤ ${goal} ms`);
for (const name of ["core", ...adapters]) {
  console.log(`  ${name.padEnd(13)} ${String(over[name]).padStart(6)} ms (${over[name] <= goal ? "goal met" : "goal not met"})`);
  const packageDir = join(root, "packages", name, "bench", "x.mjs");
  await writeBenchResults(pathToFileURL(packageDir).href, "importCost", { rounds: ROUNDS, ms: over[name], joseMs: over.jose, goalMs: goal, met: over[name] <= goal });
}
