import { defineConfig } from "tsup";

const entry = {
  index: "src/index.ts",
  "testing/index": "src/testing/index.ts",
  "conformance/index": "src/conformance/index.ts",
  "conformance/fuzz": "src/conformance/fuzz.ts",
  "otel/index": "src/otel/index.ts",
  // The two sides of the #signature import (package.json "imports"), chosen at run time by condition.
  "jwt/node/signature": "src/jwt/node/signature.ts",
  "jwt/web/signature": "src/jwt/web/signature.ts",
};

export default defineConfig([
  {
    entry,
    format: ["esm"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    treeshake: true,
    external: ["vitest", "fast-check", "#signature", "@opentelemetry/api", "hash-wasm"],
  },
  {
    entry,
    format: ["cjs"],
    dts: true,
    sourcemap: true,
    target: "es2022",
    // jose 6 and ky 1 ship ESM only; CommonJS consumers on Node < 20.19 cannot
    // require() them, so the CJS build carries its own copy.
    noExternal: ["jose", "ky"],
    external: ["vitest", "fast-check", "#signature", "@opentelemetry/api", "hash-wasm"],
  },
]);
