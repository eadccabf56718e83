import { runFuzz } from "@authmux/core/conformance/fuzz";
import { kustomer } from "../src/index.js";
import { createKustomerFake } from "../src/testing/index.js";
import { setup, suiteSetup } from "./helpers.js";

// Every public method with generated bad arguments (invalid_input before any request) and valid ones;
// AUTHMUX_FUZZ_RUNS=1000 for a long run. Metadata keys are the fake org's string attributes (planStr,
// regionStr, tierStr), the only kind a generated string value fits. Kustomer has no login links.
runFuzz({
  name: "kustomer",
  setup: suiteSetup,
  withFetch: (fetch) => kustomer({ ...setup().fake.adapterOptions, fetch, retry: { limit: 0 } }),
  through: (wrap) => {
    const fake = createKustomerFake();
    return { provider: kustomer({ ...fake.adapterOptions, fetch: wrap(fake.fetch), retry: { limit: 0 } }), controls: fake.controls };
  },
  fixtures: { maxListLimit: 100, metadataKeys: ["plan", "region", "tier"], loginLinkTtlSec: null },
});
