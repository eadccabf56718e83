import { defineConfig } from "tsup";

const entry = { index: "src/index.ts" };
const external = [/^@authmux\//, "cac", "cli-progress", "csv-parse"];

export default defineConfig([
  { entry, format: ["esm"], dts: true, sourcemap: true, clean: true, target: "es2022", external },
  { entry, format: ["cjs"], dts: true, sourcemap: true, target: "es2022", external },
]);
