import { defineConfig } from "tsup";

// `pnpm demo` bundles the server straight from the packages' TypeScript sources (the `authmux-source`
// export condition), so it starts in a second or two without building every package's types first.
export default defineConfig({
  entry: { server: "server.mjs" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  splitting: false,
  // Everything is bundled but the demo's own dependencies (resolvable from here at run time).
  external: ["hono", "@hono/node-server", "redis"],
  noExternal: [/^@authmux\//, "jose", "ky", "zod", "msw"],
  esbuildOptions(options) {
    options.conditions = ["authmux-source", "node", "import", "default"];
  },
});
