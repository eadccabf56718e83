import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
/** tsx's loader, so child processes run the TypeScript sources (workspace packages through their source condition). */
const TSX = require.resolve("tsx");
export const CLI = fileURLToPath(new URL("../../src/cli.ts", import.meta.url));
export const SERVE_PAIR = fileURLToPath(new URL("./serve-pair.ts", import.meta.url));

/** `node` running a TypeScript file with tsx and the workspace's source condition. */
export function spawnTs(file: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, ["--conditions=authmux-source", "--import", TSX, file, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** The exit of a child: its code, or the signal that ended it. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** Everything a child writes to stdout and stderr, collected. */
export function collect(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  return { stdout: () => out, stderr: () => err };
}

/** Runs the `authmux` command to its end. */
export async function runCliProcess(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const child = spawnTs(CLI, args, options);
  child.stdin?.end();
  const output = collect(child);
  const { code } = await exited(child);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
}

/** The first line a child prints on stdout. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    let errors = "";
    child.stderr?.on("data", (d: Buffer) => (errors += d.toString()));
    child.stdout?.on("data", (d: Buffer) => {
      buffer += d.toString();
      const at = buffer.indexOf("\n");
      if (at !== -1) resolve(buffer.slice(0, at));
    });
    child.once("exit", (code) => reject(new Error(`exited (${code}) before printing: ${errors.slice(0, 2000)}`)));
  });
}

/** A small seeded PRNG (mulberry32): kill points that a failing run's seed reproduces. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
