// Runs a bundled test worker inside workerd through miniflare and prints its report:
//   node miniflare.mjs <worker.mjs> '<compatibility flags as JSON>' <name>
import { Miniflare } from "miniflare";
import { printReport } from "./report.mjs";

const [scriptPath, flags, name] = process.argv.slice(2);
const mf = new Miniflare({
  modules: true,
  scriptPath,
  compatibilityDate: "2026-07-01",
  compatibilityFlags: JSON.parse(flags),
});
let failed = true;
try {
  const response = await mf.dispatchFetch("http://localhost/");
  if (!response.ok) throw new Error(`the worker answered ${response.status}: ${await response.text()}`);
  failed = printReport(name, await response.json());
} finally {
  await mf.dispose();
}
process.exit(failed ? 1 : 0);
