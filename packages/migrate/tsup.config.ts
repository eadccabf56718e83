import { defineConfig } from "tsup";

const entry = { index: "src/index.ts" };
const external = [/^@authmux\//, "cac", "cli-progress", "csv-parse"];

export default defineConfig([
  { entry, format: ["esm"], dts: true, sourcemap: true, clean: true, target: "es2022", external },
  { entry, format: ["cjs"], dts: true, sourcemap: true, target: "es2022", external },
  // Node-only: files (journal, id map, Clerk CSV) and the `authmux` command.
  { entry: { node: "src/node/index.ts" }, format: ["esm", "cjs"], dts: true, sourcemap: true, target: "node20", platform: "node", external },
  { entry: { cli: "src/cli.ts" }, format: ["esm"], sourcemap: true, target: "node20", platform: "node", external, banner: { js: "#!/usr/bin/env node" } },
]);
