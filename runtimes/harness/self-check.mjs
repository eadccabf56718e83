// Proves the stand-in runner can fail: hooks in vitest's order, async describe bodies collected, and each
// kind of failure (assertion, rejects, expect.assertions, timeout, broken collection) counted as failed.
// Run by run.mjs before the matrix; exits 1 when the runner misreports.
import { afterEach, beforeEach, describe, expect, it } from "./vitest.mjs";
import { run } from "./runner.mjs";

const order = [];
describe("outer", async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  beforeEach(() => void order.push("beforeEach outer"));
  afterEach(() => void order.push("afterEach outer"));
  describe("inner", () => {
    beforeEach(() => void order.push("beforeEach inner"));
    afterEach(() => void order.push("afterEach inner"));
    it("passes", async () => {
      order.push("test");
      expect({ a: 1, b: "xyz" }).toMatchObject({ b: expect.stringContaining("y") });
      await expect(Promise.reject(Object.assign(new Error("no"), { code: "conflict" }))).rejects.toMatchObject({ code: "conflict" });
    });
    it("fails on toBe", () => expect(1).toBe(2));
    it("fails on rejects", async () => expect(Promise.resolve(1)).rejects.toMatchObject({ code: "x" }));
    it("fails on expect.assertions", () => {
      expect.assertions(2);
      expect(1).toBe(1);
    });
    it("fails on a timeout", () => new Promise(() => undefined), 30);
    it.skip("is skipped", () => {
      throw new Error("a skipped test ran");
    });
  });
});
describe("broken collection", async () => {
  throw new Error("setup failed");
});

const results = await run();
const got = { passed: results.passed, failed: results.failed, skipped: results.skipped, order: order.slice(0, 5) };
const want = { passed: 1, failed: 5, skipped: 1, order: ["beforeEach outer", "beforeEach inner", "test", "afterEach inner", "afterEach outer"] };
if (JSON.stringify(got) !== JSON.stringify(want)) {
  console.log(`harness self-check: the runner misreports\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
  process.exit(1);
}
console.log("harness self-check ok: the planted pass, five failures and skip were reported as such");
