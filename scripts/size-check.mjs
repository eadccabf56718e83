// pnpm check:size — the edge bundle of "verify a token + get a user" for every adapter (and core's verify alone),
// bundled by esbuild (the one tsup uses) for a workerd-like platform: platform neutral, conditions
// workerd/worker/browser, minified, then gzipped. Fails when a bundle outgrows its recorded budget
// (scripts/size-budget.json), so the size can only go down unnoticed; `--update` records the sizes measured now
// as the new budgets. Also reports the goal of 20 KiB per bundle, which is not yet met (see the README).
// Run after `pnpm build`: it bundles the packages' dist.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const esbuild = createRequire(createRequire(join(root, "package.json")).resolve("tsup"))("esbuild");
const budgetFile = join(root, "scripts", "size-budget.json");
const GOAL = 20 * 1024;
// Growth tolerated over a recorded budget before the check fails: gzip output moves by a few bytes with any edit.
const SLACK = 256;

const adapters = ["clerk", "stytch", "kobble", "kustomer"];
const entries = {
  "core verify": `import { createJwtVerifier } from "@authmux/core";
export const verify = (options, token) => createJwtVerifier(options).verify(token);`,
  ...Object.fromEntries(
    adapters.map((name) => [
      `${name} verify + users.get`,
      `import { ${name} } from "@authmux/${name}";
export async function handle(options, token, id) {
  const auth = ${name}(options);
  return [await auth.tokens.verify(token), await auth.users.get(id)];
}`,
    ]),
  ),
};

async function measure(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const sizes = {};
for (const [name, contents] of Object.entries(entries)) sizes[name] = await measure(contents);

let budgets = {};
try {
  budgets = JSON.parse(readFileSync(budgetFile, "utf8"));
} catch {
  // no budgets recorded yet
}
const failures = [];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const [name, { minified, gzip }] of Object.entries(sizes)) {
  const budget = budgets[name];
  const verdict = budget === undefined ? "no budget" : gzip > budget + SLACK ? `OVER budget ${kib(budget)}` : `budget ${kib(budget)}`;
  console.log(`${name.padEnd(26)} ${kib(minified).padStart(10)} minified ${kib(gzip).padStart(9)} gzip  (${verdict}; goal ${kib(GOAL)} ${gzip <= GOAL ? "met" : "not met"})`);
  if (budget !== undefined && gzip > budget + SLACK) failures.push(`${name}: ${kib(gzip)} > ${kib(budget)}`);
}
if (process.argv.includes("--update")) {
  writeFileSync(budgetFile, `${JSON.stringify(Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, v.gzip])), null, 2)}\n`);
  console.log("budgets recorded in scripts/size-budget.json");
} else if (failures.length > 0) {
  console.error(`edge bundles grew beyond their budget: ${failures.join("; ")}`);
  process.exit(1);
}
