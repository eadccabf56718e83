import type { ProviderWith } from "@authmux/core";
import { createMockProvider } from "@authmux/core/testing";
import { clerk } from "@authmux/clerk";
import { createClerkFake } from "@authmux/clerk/testing";
import { kobble } from "@authmux/kobble";
import { createKobbleFake } from "@authmux/kobble/testing";
import { stytch } from "@authmux/stytch";
import { createStytchFake } from "@authmux/stytch/testing";

/** A provider with a signed-in user: the mock, and real adapters against their vendor fakes. */
export interface VendorSetup {
  name: string;
  make(): Promise<{ provider: ProviderWith<"tokens.verify" | "users.read">; userId: string; token: string; requests(): number }>;
}

type Made = { provider: ProviderWith<"tokens.verify" | "users.read">; controls: { seedUser(input: { email: string }): Promise<{ id: string }>; issueToken(id: string): Promise<string>; requestCount(): number } };

// Each fake is wired to its adapter in one line: `fake.adapterOptions` is everything the adapter needs.
const MAKERS: Record<string, () => Made> = {
  mock: () => {
    const mock = createMockProvider();
    return { provider: mock, controls: mock.controls };
  },
  clerk: () => {
    const fake = createClerkFake();
    return { provider: clerk(fake.adapterOptions), controls: fake.controls };
  },
  stytch: () => {
    const fake = createStytchFake();
    return { provider: stytch(fake.adapterOptions), controls: fake.controls };
  },
  kobble: () => {
    const fake = createKobbleFake();
    return { provider: kobble(fake.adapterOptions), controls: fake.controls };
  },
};

export function vendorSetups(): VendorSetup[] {
  return Object.entries(MAKERS).map(([name, made]) => ({
    name,
    async make() {
      const { provider, controls } = made();
      const { id } = await controls.seedUser({ email: `${name}@example.com` });
      return { provider, userId: id, token: await controls.issueToken(id), requests: () => controls.requestCount() };
    },
  }));
}
