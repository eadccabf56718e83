import { createKobbleFake, type KobbleFakeOptions } from "../src/testing/index.js";
import { kobble } from "../src/index.js";

/** A fresh fake and an adapter wired to it (one retry keeps failure tests short). */
export function setup(fakeOptions: KobbleFakeOptions = {}, withProjectId = true) {
  const fake = createKobbleFake(fakeOptions);
  const { projectId, ...rest } = fake.adapterOptions;
  const auth = kobble({ ...rest, ...(withProjectId ? { projectId } : {}), retry: { limit: 1 } });
  return { fake, auth };
}
