import { runFuzz } from "@authmux/core/conformance/fuzz";
import { kobble } from "../src/index.js";
import { createKobbleFake } from "../src/testing/index.js";
import { setup } from "./helpers.js";

// Every public method with generated bad arguments (invalid_input before any request) and valid ones;
// AUTHMUX_FUZZ_RUNS=1000 for a long run.
runFuzz({
  name: "kobble",
  setup: () => {
    const { fake, auth } = setup();
    return { provider: auth, controls: fake.controls };
  },
  withFetch: (fetch) => kobble({ ...setup().fake.adapterOptions, fetch, retry: { limit: 0 } }),
  through: (wrap) => {
    const fake = createKobbleFake();
    return { provider: kobble({ ...fake.adapterOptions, fetch: wrap(fake.fetch), retry: { limit: 0 } }), controls: fake.controls };
  },
  fixtures: { quotaNames: ["requests", "exports"], loginLinkTtlSec: null },
});
