import { runCli } from "./cli/main.js";

// The `authmux` command. SIGINT/SIGTERM stop the run at the next batch boundary (journal intact); a second one exits.
const stop = new AbortController();
const onSignal = () => {
  if (stop.signal.aborted) process.exit(130);
  process.stderr.write("authmux: stopping after the current batch (again to quit now; --resume continues either way)\n");
  stop.abort();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal });
process.off("SIGINT", onSignal);
process.off("SIGTERM", onSignal);
