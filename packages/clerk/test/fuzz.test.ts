import { runFuzz } from "@authmux/core/conformance/fuzz";
import { clerk } from "../src/index.js";
import { createClerkFake } from "../src/testing/index.js";
import { setup, suiteSetup } from "./helpers.js";

// Every public method with generated bad arguments (invalid_input before any request) and valid ones;
// AUTHMUX_FUZZ_RUNS=1000 for a long run.
runFuzz({
  name: "clerk",
  setup: suiteSetup,
  withFetch: (fetch) => clerk({ ...setup().fake.adapterOptions, fetch, retry: { limit: 0 } }),
  through: (wrap) => {
    const fake = createClerkFake();
    return { provider: clerk({ ...fake.adapterOptions, fetch: wrap(fake.fetch), retry: { limit: 0 } }), controls: fake.controls };
  },
  // Clerk lists up to 500 users a page and takes sign-in token lifetimes of 1 s to 30 days.
  fixtures: { maxListLimit: 500, loginLinkTtlSec: 900 },
});
