import { type KustomerOptions, kustomer } from "../src/index.js";
import { createKustomerFake, type KustomerFakeOptions } from "../src/testing/index.js";

/**
 * A fresh fake and an adapter wired to it (same clock, the fake's fetch, the org's custom attributes, one retry to
 * keep failure tests short). The chat secret is NOT given: the adapter fetches it once, as in production.
 */
export function setup(fakeOptions: KustomerFakeOptions = {}, adapterOptions: Partial<KustomerOptions> = {}) {
  const fake = createKustomerFake(fakeOptions);
  const auth = kustomer({
    apiKey: fake.options.apiKey,
    orgName: fake.options.org,
    webhookToken: fake.options.webhookToken,
    customAttributes: fake.options.customAttributes,
    fetch: fake.fetch,
    clock: fake.clock,
    retry: { limit: 1 },
    ...adapterOptions,
  });
  return { fake, auth };
}
