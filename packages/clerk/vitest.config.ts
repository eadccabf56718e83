import { defineProject, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.js";

export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: "clerk",
      include: ["test/**/*.test.ts"],
      // Imported password hashes are checked at their real cost (bcrypt 10, argon2 at 19 MiB, PBKDF2 at 100,000
      // iterations): about two seconds for the whole conformance vector set, more on a busy machine.
      testTimeout: 30_000,
      typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    },
  }),
);
