import { runFuzz } from "@authmux/core/conformance/fuzz";
import { kobble } from "../src/index.js";
import { createKobbleFake } from "../src/testing/index.js";

// Every public method with generated bad arguments (invalid_input before any request) and valid ones;
// AUTHMUX_FUZZ_RUNS=1000 for a long run.
runFuzz({
  name: "kobble",
  adapter: kobble,
  fake: createKobbleFake,
  fixtures: { quotaNames: ["requests", "exports"], loginLinkTtlSec: null },
});
