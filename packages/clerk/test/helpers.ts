import { clerk } from "../src/index.js";
import { type ClerkFakeOptions, createClerkFake } from "../src/testing/index.js";

/** A fresh fake and an adapter wired to it (one retry keeps failure tests short). */
export function setup(fakeOptions: ClerkFakeOptions = {}, adapter: { metadataField?: "public" | "private"; authorizedParties?: string[] } = {}) {
  const fake = createClerkFake(fakeOptions);
  const auth = clerk({ ...fake.adapterOptions, retry: { limit: 1 }, ...adapter });
  return { fake, auth };
}

/** A fresh provider and fake as the conformance and fuzz suites take them, with the secrets no error may show. */
export function suiteSetup() {
  const { fake, auth } = setup();
  return { provider: auth, controls: fake.controls, secrets: [fake.options.secretKey, fake.options.webhookSecret] };
}
