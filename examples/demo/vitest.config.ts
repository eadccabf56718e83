import { defineProject, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.js";

export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: "demo",
      include: ["test/**/*.test.mjs"],
      // A real browser drives the page for six providers: give each test room, but a bound.
      testTimeout: 60_000,
      hookTimeout: 30_000,
    },
  }),
);
