import { defineConfig } from "tsup";

const entry = { index: "src/index.ts", express: "src/express.ts", next: "src/next.ts", hono: "src/hono.ts", fastify: "src/fastify.ts" };
const external = ["@authmux/core", "express", "hono", "fastify"];

export default defineConfig([
  { entry, format: ["esm"], dts: true, sourcemap: true, clean: true, target: "es2022", external },
  { entry, format: ["cjs"], dts: true, sourcemap: true, target: "es2022", external },
]);
