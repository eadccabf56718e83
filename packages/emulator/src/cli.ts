#!/usr/bin/env node
import { cac } from "cac";
import type { Emulator } from "./emulator.js";
import { UsageError } from "./usage-error.js";

const PROGRAM = "authmux-emulator";

interface CliOptions {
  port: unknown;
  host: unknown;
  seed?: unknown;
  state?: unknown;
}

/**
 * `authmux-emulator <vendor> [--port 4010] [--host 127.0.0.1] [--seed users.json] [--state state.json]`: serves the
 * vendor's fake and prints the environment that points an app at it. Bad arguments: one line on stderr, exit 2.
 */
async function main(argv: readonly string[]): Promise<void> {
  const { DEFAULT_PORT, formatEnvironment, startEmulator, VENDOR_NAMES } = await loadEmulator();
  const cli = cac(PROGRAM);
  let action: Promise<Emulator> | undefined;
  cli
    .command("<vendor>", `Serve a vendor's fake over HTTP (${VENDOR_NAMES.join(", ")})`)
    .option("--port <port>", "Port to listen on (0: any free port)", { default: DEFAULT_PORT })
    .option("--host <host>", "Address to listen on", { default: "127.0.0.1" })
    .option("--seed <file>", "JSON array of users to create: [{ email, name?, phone?, password?, metadata? }]")
    .option("--state <file>", "Load the fake's state from this file at start; save it there while running and on exit")
    .example(`${PROGRAM} clerk --port 4010 --seed users.json --state .clerk-emulator.json`)
    .action((vendor: string, options: CliOptions) => {
      action = startEmulator({ vendor, port: port(options.port), host: text("--host", options.host), ...file("seed", options.seed), ...file("state", options.state) });
    });
  cli.help();
  cli.version("0.1.0");
  cli.parse([...argv], { run: false });
  if (cli.options.help || cli.options.version) return;
  if (cli.args.length === 0) throw new UsageError(`missing the vendor: ${PROGRAM} <${VENDOR_NAMES.join("|")}> (see --help)`);
  cli.runMatchedCommand();
  if (!action) return;
  const emulator = await action;
  const stop = (signal: NodeJS.Signals) => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${PROGRAM}: could not save the state on ${signal} (${error instanceof Error ? error.message : "unknown error"})\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Printed once the signals are handled: whoever waits for "# ready" may stop the emulator at once.
  process.stdout.write(banner(emulator, formatEnvironment));
}

/**
 * The emulator, imported here rather than at the top: the vendor fakes import msw, and a missing msw is then one
 * line naming it instead of Node's stack.
 */
async function loadEmulator() {
  try {
    const [emulator, vendors] = await Promise.all([import("./emulator.js"), import("./vendors.js")]);
    return { ...emulator, ...vendors };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === "ERR_MODULE_NOT_FOUND" && /['"]msw['"]/.test(e.message)) {
      throw new Error("the vendor fakes need the package msw: install it (npm install --save-dev msw)");
    }
    throw error;
  }
}

function banner(emulator: Emulator, formatEnvironment: (lines: Emulator["env"]) => string): string {
  const seeded = emulator.seeded.filter((s) => s.id !== null).length;
  const kept = emulator.seeded.length - seeded;
  return [
    `# authmux emulator: the ${emulator.vendor.name} fake at ${emulator.origin} (its own test keys, not secrets of any account)`,
    ...(emulator.seeded.length > 0 ? [`# seeded ${seeded} user(s)${kept > 0 ? `, ${kept} already in the saved state` : ""}`] : []),
    "# point your app, the authmux adapter or the vendor's SDK here with:",
    formatEnvironment(emulator.env),
    "# ready: Ctrl-C to stop",
    "",
  ].join("\n");
}

function port(value: unknown): number {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError("--port must be a port number from 0 to 65535");
  return n;
}

function text(flag: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`${flag} needs a value`);
  return value;
}

function file(name: "seed" | "state", value: unknown): { seed?: string; state?: string } {
  return value === undefined ? {} : { [name]: text(`--${name}`, value) };
}

main(process.argv).catch((error: unknown) => {
  // Usage problems (ours, and cac's own CACError) are one line and exit 2; anything else is a bug worth its message.
  const usage = error instanceof UsageError || (error instanceof Error && error.name === "CACError");
  process.stderr.write(`${PROGRAM}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(usage ? 2 : 1);
});
