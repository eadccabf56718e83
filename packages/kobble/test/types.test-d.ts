import type { ProviderSurface } from "@authmux/core/testing";
import { describe, expectTypeOf, it } from "vitest";
import { kobble } from "../src/index.js";

/** Every namespace and member a Kobble provider has: no user update or delete, no sessions, no passwords. */
type KobbleSurface = {
  users: "get" | "getByEmail" | "list" | "iterate" | "create" | "replaceMetadata" | "patchMetadata";
  tokens: "verify";
  quotas: "get" | "list" | "hasRemaining" | "consume" | "increment" | "decrement" | "set";
  permissions: "list" | "has";
  loginLinks: "create";
};

describe("the Kobble adapter's type carries exactly Kobble's capabilities", () => {
  it("the whole surface, member by member; webhooks only with a secret", () => {
    const auth = kobble({ secret: "s" });
    expectTypeOf<ProviderSurface<typeof auth>>().toEqualTypeOf<KobbleSurface>();
    const withHooks = kobble({ secret: "s", webhookSecret: "00ff" });
    expectTypeOf<Omit<ProviderSurface<typeof withHooks>, "webhooks">>().toEqualTypeOf<KobbleSurface>();
    expectTypeOf<ProviderSurface<typeof withHooks>["webhooks"]>().toEqualTypeOf<"verify">();
    expectTypeOf(auth.vendor.activeProducts).toBeFunction();
  });
});
