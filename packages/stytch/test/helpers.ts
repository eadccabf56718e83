import { stytch } from "../src/index.js";
import { createStytchFake, type StytchFakeOptions } from "../src/testing/index.js";

export const REDIRECT = "https://app.example.com/authenticate";

/** A fresh fake and an adapter wired to it (same clock, the fake's fetch, one retry). */
export function setup(fakeOptions: StytchFakeOptions = {}) {
  const fake = createStytchFake(fakeOptions);
  const auth = stytch({
    projectId: fake.options.projectId,
    secret: fake.options.secret,
    webhookSecret: fake.options.webhookSecret,
    loginRedirectUrl: REDIRECT,
    fetch: fake.fetch,
    clock: fake.clock,
    retry: { limit: 1 },
  });
  return { fake, auth };
}
