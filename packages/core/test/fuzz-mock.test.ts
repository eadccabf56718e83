import { runFuzz } from "../src/conformance/fuzz.js";
import { createMockProvider } from "../src/testing/index.js";

// Every public method of the mock, with generated bad arguments (invalid_input, no "vendor" call) and valid ones.
// AUTHMUX_FUZZ_RUNS=1000 for a long run.
runFuzz({
  name: "mock",
  setup: () => {
    const provider = createMockProvider();
    return { provider, controls: provider.controls };
  },
  withFetch: () => createMockProvider(),
});
