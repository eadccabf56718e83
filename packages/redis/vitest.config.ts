import { defineProject, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.js";

export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: "redis",
      include: ["test/**/*.test.ts"],
      // The tests share one Redis server: files run one after another.
      fileParallelism: false,
      testTimeout: 60_000,
    },
  }),
);
