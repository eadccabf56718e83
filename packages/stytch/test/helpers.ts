import { stytch } from "../src/index.js";
import { createStytchFake, type StytchFakeOptions } from "../src/testing/index.js";

export const REDIRECT = "https://app.example.com/authenticate";

/** A fresh fake and an adapter wired to it (one retry keeps failure tests short). */
export function setup(fakeOptions: StytchFakeOptions = {}) {
  const fake = createStytchFake({ loginRedirectUrl: REDIRECT, ...fakeOptions });
  const auth = stytch({ ...fake.adapterOptions, retry: { limit: 1 } });
  return { fake, auth };
}
