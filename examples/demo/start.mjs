// @ts-check
// `pnpm demo`: bundle the server only when what goes into the bundle changed, then start it.
//
// tsup bundles server.mjs with the packages' TypeScript sources (the `authmux-source` condition) into
// dist/server.js. That takes seconds (more on a cold machine), so it is not done on every start: the SHA-256 of
// every input (this package's server files and config, every package's src/ and package.json, and the lockfile,
// which pins the bundled dependencies) is kept in dist/.inputs-sha256 after a successful build, and a start whose
// inputs hash the same runs the existing bundle at once. A fresh clone has no dist/: the first start builds it.
// Content, not modification times, is hashed: a checkout or a touch that changes nothing does not rebuild.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const BUNDLE = join(HERE, "dist", "server.js");
const STAMP = join(HERE, "dist", ".inputs-sha256");
/** This package's files that go into the bundle or decide how it is made. */
const OWN_INPUTS = ["server.mjs", "provider.mjs", "tsup.config.ts", "package.json"];

/** Every file under `dir`, recursively, skipping node_modules and dist. */
function walk(dir) {
  /** @type {string[]} */
  const files = [];
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/**
 * The files the bundle is made from, sorted: the demo's own, the `src/` and `package.json` (its export conditions
 * decide what is bundled) of each workspace package the demo depends on, and the root lockfile.
 * @param {string} demoDir  the demo package's directory
 * @param {string} [root]   the repository root; default two levels up
 */
export function bundleInputs(demoDir, root = join(demoDir, "..", "..")) {
  const files = OWN_INPUTS.map((name) => join(demoDir, name)).filter((f) => existsSync(f));
  const manifest = JSON.parse(readFileSync(join(demoDir, "package.json"), "utf8"));
  const wanted = new Set(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }));
  const packages = join(root, "packages");
  if (existsSync(packages)) {
    for (const entry of readdirSync(packages, { withFileTypes: true })) {
      const pkg = join(packages, entry.name);
      if (!entry.isDirectory() || !existsSync(join(pkg, "package.json"))) continue;
      if (!wanted.has(JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).name)) continue;
      files.push(join(pkg, "package.json"), ...walk(join(pkg, "src")));
    }
  }
  if (existsSync(join(root, "pnpm-lock.yaml"))) files.push(join(root, "pnpm-lock.yaml"));
  return files.sort();
}

/**
 * One SHA-256 over the inputs' paths (relative to `root`) and contents: any added, removed, renamed or edited
 * input changes it.
 * @param {string} demoDir
 * @param {string} [root]
 */
export function inputsHash(demoDir, root = join(demoDir, "..", "..")) {
  const hash = createHash("sha256");
  for (const file of bundleInputs(demoDir, root)) {
    hash.update(relative(root, file).split("\\").join("/"));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/**
 * Bundles the server unless dist/server.js was built from the same inputs.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ built: boolean, ms: number }}
 */
export function ensureBuilt({ log = (line) => console.log(line) } = {}) {
  const started = performance.now();
  const hash = inputsHash(HERE);
  const stamp = existsSync(STAMP) ? readFileSync(STAMP, "utf8").trim() : null;
  if (stamp === hash && existsSync(BUNDLE)) return { built: false, ms: performance.now() - started };

  log(existsSync(BUNDLE) ? "authmux demo: the sources changed, bundling the server again…" : "authmux demo: bundling the server (first start)…");
  const tsup = createRequire(import.meta.url).resolve("tsup/dist/cli-default.js");
  const result = spawnSync(process.execPath, [tsup, "--silent"], { cwd: HERE, stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`bundling the server failed (tsup exited with ${result.status ?? result.signal}); the output above says why`);
  }
  // Written only after a build that succeeded (tsup's clean removed the old stamp): a failed build is retried.
  writeFileSync(STAMP, `${hash}\n`);
  return { built: true, ms: performance.now() - started };
}

// `node start.mjs` (what `pnpm demo` runs); `node start.mjs --build` only bundles, when the inputs changed (the
// package's `build` script, so a build writes the stamp the next start reads).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { built, ms } = ensureBuilt();
    if (process.argv.includes("--build")) {
      console.log(built ? `authmux demo: bundled in ${Math.round(ms)} ms` : "authmux demo: the bundle is up to date");
      process.exit(0);
    }
  } catch (error) {
    console.error(`authmux demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  /** @type {{ main: () => Promise<void> }} */
  const bundle = await import(pathToFileURL(BUNDLE).href);
  await bundle.main();
}
