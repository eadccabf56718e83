// A minimal stand-in for vitest's runner with the same registration API (describe / it / test, .skip,
// hooks, async describe bodies): the suites written for vitest run unchanged on runtimes vitest does not
// run on (Bun, Deno, workerd). It runs tests one at a time, in registration order, as vitest does
// within a file.
import { checkAssertionCount, resetExpect } from "./expect.mjs";

const TEST_TIMEOUT_MS = 5_000; // vitest's defaults
const HOOK_TIMEOUT_MS = 10_000;

const newSuite = (name, parent, fn, skip = false) => ({
  name,
  parent,
  fn,
  skip,
  file: parent?.file || currentFile, // nested describes may be collected after later files were loaded
  children: [],
  hooks: { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] },
});

let currentFile = "";
const root = newSuite("", null, null);
let current = root;

/** Names the test file whose registrations follow (shown in the report). */
export function setFile(file) {
  currentFile = file;
}

export function describe(name, fn) {
  current.children.push({ kind: "suite", suite: newSuite(String(name), current, fn) });
}
describe.skip = (name, fn) => current.children.push({ kind: "suite", suite: newSuite(String(name), current, fn, true) });

export function it(name, fn, timeout) {
  current.children.push({ kind: "test", name: String(name), fn, timeout: typeof timeout === "number" ? timeout : (timeout?.timeout ?? TEST_TIMEOUT_MS), skip: false });
}
it.skip = (name, fn) => current.children.push({ kind: "test", name: String(name), fn, timeout: 0, skip: true });
export const test = it;

export const beforeAll = (fn) => current.hooks.beforeAll.push(fn);
export const afterAll = (fn) => current.hooks.afterAll.push(fn);
export const beforeEach = (fn) => current.hooks.beforeEach.push(fn);
export const afterEach = (fn) => current.hooks.afterEach.push(fn);

function withTimeout(run, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out in ${ms}ms`)), ms);
  });
  return Promise.race([Promise.resolve().then(run), timeout]).finally(() => clearTimeout(timer));
}

const fullName = (suite, name) => {
  const names = [];
  for (let s = suite; s && s !== root; s = s.parent) names.unshift(s.name);
  return [...names, name].filter(Boolean).join(" > ");
};

const describeError = (error) => {
  if (error instanceof Error) {
    const stack = (error.stack ?? "").split("\n").slice(1, 6).join("\n");
    return `${error.name}: ${error.message}${stack ? `\n${stack}` : ""}`;
  }
  return String(error);
};

/** Runs every describe body (awaiting async ones, as vitest's collection does), depth first. */
async function collect(suite, results) {
  for (const child of suite.children) {
    if (child.kind !== "suite") continue;
    const previous = current;
    current = child.suite;
    try {
      if (!child.suite.skip) await child.suite.fn?.();
    } catch (error) {
      results.failures.push({ file: child.suite.file, name: `${fullName(child.suite, "")} (collection)`, error: describeError(error) });
      child.suite.children = [];
    } finally {
      current = previous;
    }
    await collect(child.suite, results);
  }
}

async function runSuite(suite, chain, results, skipped) {
  const here = [...chain, suite];
  const skip = skipped || suite.skip;
  if (!skip) {
    try {
      for (const hook of suite.hooks.beforeAll) await withTimeout(hook, HOOK_TIMEOUT_MS, "beforeAll");
    } catch (error) {
      results.failures.push({ file: suite.file, name: `${fullName(suite, "")} (beforeAll)`, error: describeError(error) });
      return;
    }
  }
  for (const child of suite.children) {
    if (child.kind === "suite") {
      await runSuite(child.suite, here, results, skip);
      continue;
    }
    const name = fullName(suite, child.name);
    const runtimeSkip = skipped || suite.skip || child.skip ? undefined : runtimeSkips.find((s) => s.test.test(name));
    if (runtimeSkip) results.runtimeSkips.push({ file: suite.file, name, reason: runtimeSkip.reason });
    if (skip || child.skip || runtimeSkip) {
      results.skipped += 1;
      continue;
    }
    resetExpect(name);
    let error;
    try {
      for (const s of here) for (const hook of s.hooks.beforeEach) await withTimeout(hook, HOOK_TIMEOUT_MS, "beforeEach");
      await withTimeout(() => child.fn?.({ name: child.name }), child.timeout, "test");
      checkAssertionCount();
    } catch (e) {
      error = e;
    }
    // after-hooks run innermost first, whether the test passed or not
    for (const s of [...here].reverse()) {
      for (const hook of [...s.hooks.afterEach].reverse()) {
        try {
          await withTimeout(hook, HOOK_TIMEOUT_MS, "afterEach");
        } catch (e) {
          error ??= e;
        }
      }
    }
    if (error === undefined) results.passed += 1;
    else results.failures.push({ file: suite.file, name, error: describeError(error) });
  }
  if (!skip) {
    try {
      for (const hook of [...suite.hooks.afterAll].reverse()) await withTimeout(hook, HOOK_TIMEOUT_MS, "afterAll");
    } catch (error) {
      results.failures.push({ file: suite.file, name: `${fullName(suite, "")} (afterAll)`, error: describeError(error) });
    }
  }
}

let runtimeSkips = [];

/**
 * Collects and runs everything registered so far: `{ passed, failed, skipped, failures, runtimeSkips }`.
 * `skips`: tests this runtime cannot run, `{ test: RegExp on the full name, reason }`; each one skipped is
 * listed with its reason in the report.
 */
export async function run({ skips = [] } = {}) {
  runtimeSkips = skips;
  const results = { passed: 0, failed: 0, skipped: 0, failures: [], runtimeSkips: [] };
  await collect(root, results);
  await runSuite(root, [], results, false);
  results.failed = results.failures.length;
  return results;
}
