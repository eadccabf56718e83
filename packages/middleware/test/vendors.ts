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

export function vendorSetups(): VendorSetup[] {
  return [
    {
      name: "mock",
      async make() {
        const provider = createMockProvider();
        const { id } = await provider.controls.seedUser({ email: "mock@example.com" });
        return { provider, userId: id, token: await provider.controls.issueToken(id), requests: provider.controls.requestCount };
      },
    },
    {
      name: "clerk",
      async make() {
        const fake = createClerkFake();
        const provider = clerk({ secretKey: fake.options.secretKey, publishableKey: fake.options.publishableKey, webhookSecret: fake.options.webhookSecret, fetch: fake.fetch, clock: fake.clock });
        const { id } = await fake.controls.seedUser({ email: "clerk@example.com" });
        return { provider, userId: id, token: await fake.controls.issueToken(id), requests: fake.controls.requestCount };
      },
    },
    {
      name: "stytch",
      async make() {
        const fake = createStytchFake();
        const provider = stytch({ projectId: fake.options.projectId, secret: fake.options.secret, webhookSecret: fake.options.webhookSecret, fetch: fake.fetch, clock: fake.clock });
        const { id } = await fake.controls.seedUser({ email: "stytch@example.com" });
        return { provider, userId: id, token: await fake.controls.issueToken(id), requests: fake.controls.requestCount };
      },
    },
    {
      name: "kobble",
      async make() {
        const fake = createKobbleFake();
        const provider = kobble({ secret: fake.options.secret, projectId: fake.options.projectId, webhookSecret: fake.options.webhookSecret, fetch: fake.fetch, clock: fake.clock });
        const { id } = await fake.controls.seedUser({ email: "kobble@example.com" });
        return { provider, userId: id, token: await fake.controls.issueToken(id), requests: fake.controls.requestCount };
      },
    },
  ];
}
