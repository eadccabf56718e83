import { runFuzz } from "@authmux/core/conformance/fuzz";
import { connectycube } from "../src/index.js";
import { createConnectyCubeFake } from "../src/testing/index.js";
import { setup } from "./helpers.js";

// Every public method with generated bad arguments (invalid_input before any request) and valid ones;
// AUTHMUX_FUZZ_RUNS=1000 for a long run.
runFuzz({
  name: "connectycube",
  setup: () => {
    const { fake, auth } = setup();
    return { provider: auth, controls: fake.controls, secrets: [fake.options.authKey, fake.options.adminApiKey] };
  },
  withFetch: (fetch) => connectycube({ ...setup().fake.adapterOptions, fetch, retry: { limit: 0 } }),
  through: (wrap) => {
    const fake = createConnectyCubeFake();
    return { provider: connectycube({ ...fake.adapterOptions, fetch: wrap(fake.fetch), retry: { limit: 0 } }), controls: fake.controls };
  },
  // No users.list, users.update, users.metadata or loginLinks: the list limit, metadata keys, quotas and link
  // lifetimes do not apply, so the defaults stand.
});
