// What the suites import as "vitest" when bundled for a runtime vitest does not run on.
export { afterAll, afterEach, beforeAll, beforeEach, describe, it, test } from "./runner.mjs";
export { expect } from "./expect.mjs";
