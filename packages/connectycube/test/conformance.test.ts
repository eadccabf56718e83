import { runConformance } from "@authmux/core/conformance";
import { setup } from "./helpers.js";

// The same behaviour suite as the mock and every other adapter, against the strict fake of ConnectyCube's API.
runConformance({
  name: "connectycube",
  setup: () => {
    const { fake, auth } = setup();
    return { provider: auth, controls: fake.controls, secrets: [fake.options.authKey, fake.options.adminApiKey] };
  },
  fixtures: {
    // Opaque tokens have no not-before time. And ConnectyCube answers one "Required session does not exist"
    // for expired, destroyed and unknown tokens alike, so an expired token is token_invalid like a foreign
    // one (test/requests.test.ts checks that) and cannot meet the suite's token_expired expectation.
    tokenKinds: ["valid", "foreign"],
  },
});
