import { runConformance } from "@authmux/core/conformance";
import { setup } from "./helpers.js";

// The same behaviour suite as the mock and every other adapter, against the strict fake of Kobble's API.
runConformance({
  name: "kobble",
  setup: () => {
    const { fake, auth } = setup();
    return { provider: auth, controls: fake.controls, secrets: [fake.options.secret, fake.options.webhookSecret] };
  },
  fixtures: {
    quotas: [
      { name: "requests", limit: 1000 },
      { name: "exports", limit: 10 },
    ],
    webhookTypes: ["user.created", "quota.updated"],
    loginLinks: { ttlSec: 900, configurable: false },
    retryLimit: 1,
  },
  skip: {
    "webhooks › a stale delivery is webhook_invalid": "Kobble signs no timestamp, so a stale delivery cannot be told from a fresh one (refuse replays with webhookDedupe)",
  },
});
