import { PassThrough } from "node:stream";
import { runCli } from "../../src/node/index.js";

/** Runs the `authmux` command in this process with the given environment; its exit code and what it printed. */
export async function runInProcess(argv: readonly string[], env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await runCli(argv, { stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}
