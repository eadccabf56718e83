import { clerk } from "../src/index.js";
import { type ClerkFakeOptions, createClerkFake } from "../src/testing/index.js";

/** A fresh fake and an adapter wired to it (same clock, the fake's fetch, one retry). */
export function setup(fakeOptions: ClerkFakeOptions = {}, adapter: { metadataField?: "public" | "private"; authorizedParties?: string[] } = {}) {
  const fake = createClerkFake(fakeOptions);
  const auth = clerk({
    secretKey: fake.options.secretKey,
    publishableKey: fake.options.publishableKey,
    webhookSecret: fake.options.webhookSecret,
    fetch: fake.fetch,
    clock: fake.clock,
    retry: { limit: 1 },
    ...adapter,
  });
  return { fake, auth };
}
