import { type KustomerOptions, kustomer } from "../src/index.js";
import { createKustomerFake, type KustomerFakeOptions } from "../src/testing/index.js";

/**
 * A fresh fake and an adapter wired to it (one retry keeps failure tests short), with `adapterOptions` laid
 * over the fake's. The chat secret is NOT given: the adapter fetches it once, as in production.
 */
export function setup(fakeOptions: KustomerFakeOptions = {}, adapterOptions: Partial<Omit<KustomerOptions, "webhookToken">> = {}) {
  const fake = createKustomerFake(fakeOptions);
  const auth = kustomer({ ...fake.adapterOptions, retry: { limit: 1 }, ...adapterOptions });
  return { fake, auth };
}

/** A fresh provider and fake for core's shared suites (conformance, fuzz), with the secrets no error may contain. */
export function suiteSetup() {
  const { fake, auth } = setup();
  return { provider: auth, controls: fake.controls, secrets: [fake.options.apiKey, fake.options.chatSecret, fake.options.webhookToken] };
}
