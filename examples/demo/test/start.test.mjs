// @ts-check
// `pnpm demo`'s entry (start.mjs): the bundle is rebuilt only when an input changed, a warm start answers at once,
// and a failure to start is one line naming the cause, with exit code 1.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleInputs, ensureBuilt, inputsHash } from "../start.mjs";

const DEMO = fileURLToPath(new URL("..", import.meta.url));
const START = join(DEMO, "start.mjs");
const BUNDLE = join(DEMO, "dist", "server.js");
/** The first page of a warm start, in ms: what `pnpm demo` adds on top is pnpm's own start-up. */
const WARM_START_MS = 3_000;

/**
 * Runs `node start.mjs` with `env` until it prints `until` (then resolves with the child still running) or exits.
 * @param {Record<string, string>} env
 * @param {RegExp} [until]
 */
function run(env, until) {
  const child = spawn(process.execPath, [START], { cwd: DEMO, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`start.mjs did not finish within 20 s; stdout: ${stdout} stderr: ${stderr}`));
    }, 20_000);
    const done = (/** @type {number | null} */ code) => {
      clearTimeout(timer);
      resolve({ child, code, stdout, stderr });
    };
    child.stdout.on("data", (d) => {
      stdout += d;
      if (until?.test(stdout)) done(null);
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => done(code));
    child.on("error", reject);
  });
}

/** A port something already listens on (closed by the returned function). */
async function occupiedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { port: address.port, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

describe("the bundle's input stamp", () => {
  /** A miniature repository: the demo, one package it depends on, one it does not, and the lockfile. */
  let root = "";
  const demo = () => join(root, "examples", "demo");
  const write = (path, text) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "authmux-demo-stamp-"));
    write("examples/demo/package.json", JSON.stringify({ name: "demo", dependencies: { "@authmux/core": "workspace:*" } }));
    write("examples/demo/server.mjs", "export {};\n");
    write("examples/demo/provider.mjs", "export {};\n");
    write("examples/demo/tsup.config.ts", "export default {};\n");
    write("examples/demo/public/app.js", "// served as is, not bundled\n");
    write("packages/core/package.json", JSON.stringify({ name: "@authmux/core" }));
    write("packages/core/src/index.ts", "export const a = 1;\n");
    write("packages/core/src/deep/x.ts", "export const x = 1;\n");
    write("packages/core/node_modules/dep/index.js", "ignored\n");
    write("packages/other/package.json", JSON.stringify({ name: "@authmux/other" }));
    write("packages/other/src/index.ts", "export const o = 1;\n");
    write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("lists the demo's server files, its workspace dependencies' src and package.json, and the lockfile; nothing else", () => {
    const rel = bundleInputs(demo(), root).map((f) => f.slice(root.length + 1));
    expect(rel).toEqual([
      "examples/demo/package.json",
      "examples/demo/provider.mjs",
      "examples/demo/server.mjs",
      "examples/demo/tsup.config.ts",
      "packages/core/package.json",
      "packages/core/src/deep/x.ts",
      "packages/core/src/index.ts",
      "pnpm-lock.yaml",
    ]);
  });

  it("changes when an input's content changes or an input is added, not when only a time or a non-input changes", () => {
    const first = inputsHash(demo(), root);
    expect(inputsHash(demo(), root)).toBe(first);
    utimesSync(join(root, "packages/core/src/index.ts"), new Date(2001, 0, 1), new Date(2001, 0, 1));
    write("packages/other/src/index.ts", "export const o = 2;\n");
    write("examples/demo/public/app.js", "// edited\n");
    expect(inputsHash(demo(), root)).toBe(first);

    write("packages/core/src/index.ts", "export const a = 2;\n");
    const edited = inputsHash(demo(), root);
    expect(edited).not.toBe(first);
    write("packages/core/src/new.ts", "export {};\n");
    expect(inputsHash(demo(), root)).not.toBe(edited);
    write("pnpm-lock.yaml", "lockfileVersion: '9.1'\n");
    expect(inputsHash(demo(), root)).not.toBe(edited);
  });
});

describe("node start.mjs (pnpm demo)", () => {
  // A fresh clone builds on its first start; here that happens once for the whole file.
  beforeAll(() => {
    ensureBuilt({ log: () => {} });
  }, 180_000);

  it(`a warm start does not bundle again, serves the first page within ${WARM_START_MS} ms, and stops cleanly on SIGTERM`, async () => {
    const before = statSync(BUNDLE).mtimeMs;
    expect(ensureBuilt({ log: () => {} }).built).toBe(false);
    const { port, close } = await occupiedPort();
    await close();
    const started = performance.now();
    const { child, stdout } = await run({ PORT: String(port), AUTHMUX_PROVIDER: "clerk", AUTHMUX_FAKE: "1" }, /listening on/);
    try {
      const page = await fetch(`http://127.0.0.1:${port}/`);
      const ms = performance.now() - started;
      const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
      console.log(`warm start: first page after ${Math.round(ms)} ms`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("authmux demo");
      expect(stdout).not.toContain("bundling");
      expect(stdout).toContain(`authmux demo (clerk, fake mode) listening on http://127.0.0.1:${port}`);
      expect(statSync(BUNDLE).mtimeMs).toBe(before);
      expect(ms).toBeLessThan(WARM_START_MS);
      // Stopping it (Ctrl-C, a process manager) closes the server and is no failure.
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill();
    }
  });

  it("a busy port: one line naming PORT, exit code 1, no stack trace", async () => {
    const { port, close } = await occupiedPort();
    try {
      const { code, stdout, stderr } = await run({ PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr).toBe(`authmux demo: port ${port} is in use: set PORT to another port\n`);
      expect(stdout).toBe("");
    } finally {
      await close();
    }
  });

  it("a PORT that is not a port: one line, exit code 1", async () => {
    const { code, stderr } = await run({ PORT: "80a" });
    expect(code).toBe(1);
    expect(stderr).toBe("authmux demo: PORT=80a is not a port number (0 to 65535)\n");
  });
});
