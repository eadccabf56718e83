import { runFuzz } from "@authmux/core/conformance/fuzz";
import { connectycube } from "../src/index.js";
import { createConnectyCubeFake } from "../src/testing/index.js";

// Every public method with generated bad arguments (invalid_input before any request) and valid ones;
// AUTHMUX_FUZZ_RUNS=1000 for a long run.
runFuzz({
  name: "connectycube",
  adapter: connectycube,
  fake: createConnectyCubeFake,
  // No users.list, users.update, users.metadata or loginLinks: the list limit, metadata keys, quotas and link
  // lifetimes do not apply, so the defaults stand.
});
