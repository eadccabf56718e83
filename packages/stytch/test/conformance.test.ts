import { runConformance } from "@authmux/core/conformance";
import { setup } from "./helpers.js";

// The same behaviour suite as the mock and every other adapter, against the strict fake of Stytch's API.
runConformance({
  name: "stytch",
  setup: () => {
    const { fake, auth } = setup();
    return { provider: auth, controls: fake.controls, secrets: [fake.options.secret, fake.options.webhookSecret] };
  },
  fixtures: {
    maxListLimit: 1000,
    webhookTypes: ["user.created", "user.updated", "user.deleted"],
    retryLimit: 1,
  },
});
