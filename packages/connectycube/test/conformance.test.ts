import { runConformance } from "@authmux/core/conformance";
import { setup } from "./helpers.js";

// The same behaviour suite as the mock and every other adapter, against the strict fake of ConnectyCube's API.
runConformance({
  name: "connectycube",
  setup: () => {
    const { fake, auth } = setup();
    return { provider: auth, controls: fake.controls, secrets: [fake.options.authKey, fake.options.adminApiKey] };
  },
  fixtures: { retryLimit: 1 },
  skip: {
    "tokens.verify › an expired token is token_expired, and the message never holds the token":
      'ConnectyCube answers one "Required session does not exist" for expired, destroyed and unknown tokens alike, so an expired token is token_invalid (test/requests.test.ts checks that)',
    "tokens.verify › a token not valid yet is token_not_yet_valid": "ConnectyCube tokens are opaque session tokens: they have no not-before time",
  },
});
