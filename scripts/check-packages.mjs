#!/usr/bin/env node
// Packs every publishable workspace package the way it would be published (pnpm rewrites workspace:
// ranges), checks it carries its LICENSE and README, and runs publint and arethetypeswrong on it; any problem fails the run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const packagesDir = join(root, "packages");
const bin = (name) => join(root, "node_modules", ".bin", name);
const pnpm = process.env.npm_execpath && process.env.npm_execpath.includes("pnpm") ? [process.execPath, process.env.npm_execpath] : ["pnpm"];

const failures = [];
const out = mkdtempSync(join(tmpdir(), "authmux-pack-"));
try {
  for (const dir of readdirSync(packagesDir).sort()) {
    const pkgDir = join(packagesDir, dir);
    const manifestPath = join(pkgDir, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (manifest.private) continue;
    if (!existsSync(join(pkgDir, "dist"))) {
      failures.push(`${manifest.name}: no dist/ (run pnpm build first)`);
      continue;
    }
    const dest = join(out, dir);
    execFileSync(pnpm[0], [...pnpm.slice(1), "pack", "--pack-destination", dest], { cwd: pkgDir, stdio: "ignore" });
    const tarball = join(dest, readdirSync(dest).find((f) => f.endsWith(".tgz")));
    // package.json says MIT: the tarball carries the licence text, the README and the CHANGELOG (Changesets writes it).
    const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    for (const file of ["package/LICENSE", "package/README.md", "package/CHANGELOG.md"]) {
      if (!listed.includes(file)) failures.push(`${manifest.name}: the tarball has no ${file.slice("package/".length)}`);
    }
    for (const [tool, args] of [
      ["publint", ["run", tarball, "--strict"]],
      ["attw", [tarball, "--profile", "node16", "--format", "ascii"]],
    ]) {
      process.stdout.write(`\n== ${manifest.name}: ${tool}\n`);
      try {
        execFileSync(bin(tool), args, { stdio: "inherit" });
      } catch {
        failures.push(`${manifest.name}: ${tool} found problems`);
      }
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\ncheck:packages failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\ncheck:packages: every package passes publint and arethetypeswrong");
