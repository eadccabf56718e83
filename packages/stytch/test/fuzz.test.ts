import { runFuzz } from "@authmux/core/conformance/fuzz";
import { stytch } from "../src/index.js";
import { createStytchFake } from "../src/testing/index.js";
import { REDIRECT } from "./helpers.js";

// Every public method with generated bad arguments (invalid_input before any request) and valid ones;
// AUTHMUX_FUZZ_RUNS=1000 for a long run. Stytch link lifetimes are whole minutes; search pages hold 1000 users.
// A user's trusted_metadata holds at most 20 keys, and the valid patches all land on one user: they draw
// their keys from 20 names, as an app within Stytch's limit would.
const metadataKeys = Array.from({ length: 20 }, (_, i) => `key${i}`);

runFuzz({
  name: "stytch",
  adapter: stytch,
  fake: () => createStytchFake({ loginRedirectUrl: REDIRECT }),
  fixtures: { maxListLimit: 1000, metadataKeys, loginLinkTtlSec: 900 },
});
