import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(PACKAGE_DIR, "src/cli.ts");
// The command runs from its TypeScript source, as a separate Node process: tsx (a devDependency) compiles it, and
// the authmux-source condition resolves the workspace packages to their sources, so the test never runs a stale build.
const TSX = pathToFileURL(join(dirname(createRequire(join(PACKAGE_DIR, "package.json")).resolve("tsx/package.json")), "dist/loader.mjs")).href;

/** A running `authmux-emulator` process, once it printed its environment. */
export interface EmulatorProcess {
  readonly child: ChildProcess;
  /** Everything printed on stdout up to "# ready". */
  readonly banner: string;
  /** The variables printed, as a `.env` file would give them to an app. */
  readonly env: Record<string, string>;
  /** The origin from the banner's first line. */
  readonly origin: string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** What a process that was meant to fail left behind. */
export interface Failure {
  code: number | null;
  stdout: string;
  stderr: string;
}

function launch(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ["--conditions=authmux-source", "--import", TSX, CLI, ...args], { cwd: PACKAGE_DIR, stdio: ["ignore", "pipe", "pipe"] });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

/** Starts the emulator with `args` and waits for its "# ready" line. */
export function startCli(args: readonly string[]): Promise<EmulatorProcess> {
  const child = launch(args);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`authmux-emulator exited (${code}) before it was ready: ${stderr}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!/^# ready/m.test(stdout)) return;
      child.removeAllListeners("exit");
      const env = Object.fromEntries([...stdout.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
      const origin = /at (http:\/\/\S+)/.exec(stdout)?.[1] ?? "";
      resolve({
        child,
        banner: stdout,
        env,
        origin,
        stop: (signal = "SIGINT") => {
          const done = exited(child);
          child.kill(signal);
          return done;
        },
      });
    });
  });
}

/** Runs the emulator with `args` expecting it to stop on its own (bad arguments, a busy port). */
export async function runCliToFailure(args: readonly string[]): Promise<Failure> {
  const child = launch(args);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await exited(child);
  clearTimeout(timer);
  return { code, stdout, stderr };
}
