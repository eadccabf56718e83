import { defineConfig } from "tsup";

const entry = { index: "src/index.ts" };
const external = [/^@authmux\//, "cac", "cli-progress"];

export default defineConfig([
  // The command (package.json "bin", ESM only) rides with the ESM build; tsup keeps its shebang.
  { entry: { ...entry, cli: "src/cli.ts" }, format: ["esm"], dts: true, sourcemap: true, clean: true, target: "es2022", external },
  { entry, format: ["cjs"], dts: true, sourcemap: true, target: "es2022", external },
]);
