import { defineConfig } from "tsup";

const entry = { index: "src/index.ts", "testing/index": "src/testing/index.ts" };
// Peers stay external: an app holds one copy of @authmux/core (and so of AuthmuxError).
const external = ["@authmux/core", "jose", "msw", "hash-wasm"];

export default defineConfig([
  { entry, format: ["esm"], dts: true, sourcemap: true, clean: true, target: "es2022", external },
  { entry, format: ["cjs"], dts: true, sourcemap: true, target: "es2022", external },
]);
