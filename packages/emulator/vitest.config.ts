import { defineProject, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.js";

export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: "emulator",
      include: ["test/**/*.test.ts"],
      // Child processes and loopback servers: files run one after another.
      fileParallelism: false,
      testTimeout: 60_000,
    },
  }),
);
