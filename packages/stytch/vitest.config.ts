import { defineProject, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.js";

export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: "stytch",
      include: ["test/**/*.test.ts"],
      // The fake checks imported password hashes for real (bcrypt, argon2, scrypt, 600,000-round PBKDF2): slow by design.
      testTimeout: 30_000,
      typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    },
  }),
);
