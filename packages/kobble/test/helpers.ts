import { createKobbleFake, type KobbleFakeOptions } from "../src/testing/index.js";
import { kobble } from "../src/index.js";

/** A fresh fake and an adapter wired to it (same clock, fake's fetch, one retry to keep failure tests short). */
export function setup(fakeOptions: KobbleFakeOptions = {}, withProjectId = true) {
  const fake = createKobbleFake(fakeOptions);
  const auth = kobble({
    secret: fake.options.secret,
    webhookSecret: fake.options.webhookSecret,
    applicationId: fake.options.applicationId,
    ...(withProjectId ? { projectId: fake.options.projectId } : {}),
    fetch: fake.fetch,
    clock: fake.clock,
    retry: { limit: 1 },
  });
  return { fake, auth };
}
