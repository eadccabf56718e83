#!/usr/bin/env node
// The runtime matrix: the conformance suite (mock and every adapter against its fake) and the Web-standard
// middleware tests, run two ways:
// - by vitest itself, started by Node 20, 22 and 24, Bun (`bun --bun`) and Deno (`deno run -A`);
// - bundled with esbuild under a runtime's export conditions, "vitest" resolved to harness/vitest.mjs (vitest's
//   own expect and a minimal describe/it runner), and run by Bun, Deno, and workerd inside miniflare (with and
//   without nodejs_compat), where vitest cannot run.
//
//   node runtimes/run.mjs                 every runtime
//   node runtimes/run.mjs bun deno        some of them (names: node20 node22 node24 bun bun-bundled deno
//                                         deno-bundled workerd workerd-nodejs-compat)
//
// Needs `npm ci --prefix runtimes` (the runtimes come from the npm registry as packages); Node 20 is the Node
// that runs this script. Exits 1 when any runtime fails, runs no test, or runs a different number of tests.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);
const out = join(here, ".out");
const bin = (name) => join(here, "node_modules", ".bin", name);
const nodeBin = (major) => (major === 20 ? process.execPath : join(here, "node_modules", `node${major}`, "bin", "node"));

/** The test files every runtime runs: each package's conformance tests and the Web-standard middleware tests. */
function testFiles() {
  const files = [];
  for (const pkg of readdirSync(join(repo, "packages")).sort()) {
    const dir = join(repo, "packages", pkg, "test");
    let names = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) if (/^conformance.*\.test\.ts$/.test(name)) files.push(`packages/${pkg}/test/${name}`);
  }
  for (const name of ["web", "hono", "next"]) files.push(`packages/middleware/test/${name}.test.ts`);
  return files;
}

/** esbuild export conditions per runtime: what the runtime (or wrangler, for workerd) resolves with. */
const CONDITIONS = {
  bun: ["bun", "node"],
  deno: ["deno", "node"],
  workerd: ["workerd", "worker", "browser"],
};

/**
 * Bundles the test files for one runtime: `entry` (harness/cli.mjs or harness/worker.mjs) imports a generated
 * module that loads each test file in turn; "vitest" resolves to the harness. Packages resolve through
 * `authmux-source` (the TypeScript source, as vitest sees it) and the runtime's own export conditions.
 */
async function build(target, entry, runtimeKind) {
  const { build: esbuild } = await import(join(here, "node_modules", "esbuild", "lib", "main.js"));
  const files = testFiles();
  const tests = [
    `import { setFile } from ${JSON.stringify(join(here, "harness", "runner.mjs"))};`,
    `export const RUNTIME = ${JSON.stringify(target)};`,
    "export async function loadTests() {",
    ...files.map((f) => `  setFile(${JSON.stringify(f)}); await import(${JSON.stringify(`./${f}`)});`),
    "}",
  ].join("\n");
  const outfile = join(out, `${target}.mjs`);
  const plugin = {
    name: "authmux-runtime",
    setup(b) {
      b.onResolve({ filter: /^vitest$/ }, () => ({ path: join(here, "harness", "vitest.mjs") }));
      // expect's colours: the plain build (the Node one reads the terminal through node:tty)
      b.onResolve({ filter: /^tinyrainbow$/ }, () => ({ path: join(here, "node_modules", "tinyrainbow", "dist", "browser.js") }));
      b.onResolve({ filter: /^authmux-runtime-tests$/ }, () => ({ path: "authmux-runtime-tests", namespace: "tests" }));
      b.onLoad({ filter: /.*/, namespace: "tests" }, () => ({ contents: tests, resolveDir: repo, loader: "js" }));
    },
  };
  await esbuild({
    entryPoints: [join(here, "harness", entry)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    conditions: ["authmux-source", ...CONDITIONS[runtimeKind]],
    external: ["node:*", "bun:*"],
    plugins: [plugin],
    // what wrangler defines for a Worker (pretty-format's react-is reads it)
    ...(runtimeKind === "workerd" ? { define: { "process.env.NODE_ENV": '"production"' } } : {}),
    logLevel: "warning",
  });
  return { outfile, files };
}

const results = [];
const sh = (command, args, options = {}) => spawnSync(command, args, { cwd: repo, stdio: ["ignore", "inherit", "inherit"], ...options });

/** The version a runtime's binary reports (`--version`), or undefined when it does not start. */
const versionOf = (command) => sh(command, ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).stdout?.toString().trim().split("\n")[0] || undefined;

/**
 * vitest itself on the matrix's test files, started by a runtime: `command` and `args` run vitest.mjs with the
 * arguments after them (Node runs it as a script, `bun --bun` and `deno run -A` too; vitest's test processes
 * are forked with the same runtime). Counts come from vitest's JSON report.
 */
function vitestOn(name, command, args, expectedVersion) {
  const report = join(out, `${name}.json`);
  rmSync(report, { force: true });
  const files = testFiles();
  const projects = [...new Set(files.map((f) => f.split("/")[1]))].flatMap((p) => ["--project", p]);
  const version = versionOf(command);
  if (!version || (expectedVersion && !expectedVersion.test(version))) {
    console.log(`\n── ${name}: the runtime found (${command}) reports ${version ?? "nothing"}`);
    record(name, { passed: 0, failed: 1, skipped: 0 }, true);
    return;
  }
  console.log(`\n── ${name} (${version}): vitest, ${files.length} files`);
  const run = sh(command, [...args, join(repo, "node_modules", "vitest", "vitest.mjs"), "run", ...projects, ...files, "--reporter=json", `--outputFile.json=${report}`], {
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  let counts = { passed: 0, failed: 1, skipped: 0 };
  try {
    const r = JSON.parse(readFileSync(report, "utf8"));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
    for (const file of r.testResults) {
      if (file.status === "failed" && file.assertionResults.every((t) => t.status !== "failed")) console.log(`\n  ✗ [${name}] ${relative(repo, file.name)}\n    ${file.message}`);
      for (const t of file.assertionResults.filter((a) => a.status === "failed")) {
        console.log(`\n  ✗ [${name}] ${relative(repo, file.name)} > ${t.fullName}\n    ${t.failureMessages.join("\n").split("\n").slice(0, 8).join("\n    ")}`);
      }
    }
  } catch {
    console.log(`${name}: no report from vitest`);
  }
  // deprecations the runtime printed (they become errors in a later version)
  const deprecations = `${run.stderr}`.split("\n").filter((l) => /DeprecationWarning/.test(l)).map((l) => l.replace(/^\(node:\d+\)\s*/, "").trim());
  for (const line of new Set(deprecations)) console.log(`  note [${name}]: ${line}`);
  if (run.status !== 0 && counts.failed === 0) {
    // vitest's own output, less the typecheck notice each project prints
    const notice = /Testing types with tsc and vue-tsc is an experimental feature\.|Breaking changes might not follow SemVer/;
    const lines = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => !notice.test(line));
    console.log(lines.join("\n").slice(-8000));
  }
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  record(name, counts, run.status !== 0);
}

/** Runs a bundle and records the counts from the summary line harness/report.mjs prints last. */
function runBundle(name, command, args) {
  const run = sh(command, args, { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 });
  const output = run.stdout.toString();
  process.stdout.write(output);
  const last = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(output);
  record(name, last ? { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3]) } : { passed: 0, failed: 1, skipped: 0 }, run.status !== 0);
}

/** The bundled tests run by a runtime's CLI. */
async function cliOn(name, kind, command, args) {
  const { outfile, files } = await build(name, "cli.mjs", kind);
  console.log(`\n── ${name} (${versionOf(command)}): ${files.length} files bundled for "${CONDITIONS[kind].join('", "')}" (${relative(repo, outfile)})`);
  runBundle(name, command, [...args, outfile]);
}

/** The bundled tests run inside workerd by miniflare (miniflare 4 needs Node ≥ 22: run with Node 22). */
async function workerdOn(name, flags) {
  const { outfile, files } = await build(name, "worker.mjs", "workerd");
  console.log(`\n── ${name}: ${files.length} files bundled for workerd, compatibility_flags ${JSON.stringify(flags)} (${relative(repo, outfile)})`);
  runBundle(name, nodeBin(22), [join(here, "harness", "miniflare.mjs"), outfile, JSON.stringify(flags), name]);
}

function record(name, counts, exitedBadly) {
  results.push({ name, ...counts, ok: !exitedBadly && counts.failed === 0 && counts.passed > 0 });
}

const vitestByNode = (major) => () => vitestOn(`node${major}`, nodeBin(major), [], new RegExp(`^v${major}\\.`));
const RUNTIMES = {
  node20: vitestByNode(20),
  node22: vitestByNode(22),
  node24: vitestByNode(24),
  bun: () => vitestOn("bun", bin("bun"), ["--bun"]),
  "bun-bundled": () => cliOn("bun-bundled", "bun", bin("bun"), []),
  deno: () => vitestOn("deno", bin("deno"), ["run", "-A"]),
  "deno-bundled": () => cliOn("deno-bundled", "deno", bin("deno"), ["run", "--allow-env", "--allow-read", "--no-prompt"]),
  workerd: () => workerdOn("workerd", []),
  "workerd-nodejs-compat": () => workerdOn("workerd-nodejs-compat", ["nodejs_compat"]),
};

const wanted = process.argv.slice(2);
for (const name of wanted) if (!(name in RUNTIMES)) throw new Error(`unknown runtime "${name}": ${Object.keys(RUNTIMES).join(", ")}`);
mkdirSync(out, { recursive: true });
if (sh(process.execPath, [join(here, "harness", "self-check.mjs")]).status !== 0) process.exit(1);
for (const [name, runOn] of Object.entries(RUNTIMES)) if (wanted.length === 0 || wanted.includes(name)) await runOn();

console.log("\nruntime matrix:");
for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name.padEnd(22)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
// Every runtime runs the same tests: a runtime that ran fewer (or more) than the others lost some.
const counts = new Set(results.map((r) => r.passed + r.failed + r.skipped));
const consistent = counts.size <= 1;
if (!consistent) console.log(`  FAIL the runtimes ran different numbers of tests (${[...counts].join(" / ")}): each must run every test`);
const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed }), { passed: 0, failed: 0 });
console.log(`runtimes: ${total.passed} passed, ${total.failed} failed`);
process.exit(consistent && results.every((r) => r.ok) ? 0 : 1);
