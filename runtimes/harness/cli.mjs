// Entry for Node, Bun and Deno: loads the bundled test files, runs them, prints a report, exits 1 on any failure.
import { loadTests, RUNTIME } from "authmux-runtime-tests";
import { run } from "./runner.mjs";
import { printReport } from "./report.mjs";

const results = await loadTests().then(run);
const failed = printReport(RUNTIME, results);
if (globalThis.Deno) globalThis.Deno.exit(failed ? 1 : 0);
else globalThis.process.exit(failed ? 1 : 0);
