import { runFuzz } from "@authmux/core/conformance/fuzz";
import { clerk } from "../src/index.js";
import { createClerkFake } from "../src/testing/index.js";

// Every public method with generated bad arguments (invalid_input before any request) and valid ones;
// AUTHMUX_FUZZ_RUNS=1000 for a long run.
runFuzz({
  name: "clerk",
  adapter: clerk,
  fake: createClerkFake,
  // Clerk lists up to 500 users a page and takes sign-in token lifetimes of 1 s to 30 days.
  fixtures: { maxListLimit: 500, loginLinkTtlSec: 900 },
});
