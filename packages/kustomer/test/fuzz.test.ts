import { runFuzz } from "@authmux/core/conformance/fuzz";
import { kustomer } from "../src/index.js";
import { createKustomerFake } from "../src/testing/index.js";

// Every public method with generated bad arguments (invalid_input before any request) and valid ones;
// AUTHMUX_FUZZ_RUNS=1000 for a long run. Metadata keys are the fake org's string attributes (planStr,
// regionStr, tierStr), the only kind a generated string value fits. Kustomer has no login links.
runFuzz({
  name: "kustomer",
  adapter: kustomer,
  fake: createKustomerFake,
  fixtures: { maxListLimit: 100, metadataKeys: ["plan", "region", "tier"], loginLinkTtlSec: null },
});
