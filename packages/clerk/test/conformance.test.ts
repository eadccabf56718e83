import { runConformance } from "@authmux/core/conformance";
import { suiteSetup } from "./helpers.js";

// The same behaviour suite as the mock and every other adapter, against the strict fake of Clerk's Backend API.
runConformance({
  name: "clerk",
  setup: suiteSetup,
  fixtures: {
    maxListLimit: 500,
    webhookTypes: ["user.created", "user.updated", "user.deleted", "session.created", "session.ended"],
    retryLimit: 1,
  },
});
