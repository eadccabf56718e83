import type { ProviderSurface } from "@authmux/core/testing";
import { describe, expectTypeOf, it } from "vitest";
import { kustomer } from "../src/index.js";

/** Every namespace and member a Kustomer provider has: customers in full and chat tokens; no sessions, passwords, quotas or links. */
type KustomerSurface = {
  users: "get" | "getByEmail" | "list" | "iterate" | "create" | "update" | "delete" | "replaceMetadata" | "patchMetadata";
  tokens: "verify" | "issue";
};

describe("the Kustomer adapter's type carries exactly Kustomer's capabilities", () => {
  it("the whole surface, member by member; webhooks only with a token", () => {
    const auth = kustomer({ apiKey: "k", orgName: "acme" });
    expectTypeOf<ProviderSurface<typeof auth>>().toEqualTypeOf<KustomerSurface>();
    const withHooks = kustomer({ apiKey: "k", orgName: "acme", webhookToken: "t" });
    expectTypeOf<Omit<ProviderSurface<typeof withHooks>, "webhooks">>().toEqualTypeOf<KustomerSurface>();
    expectTypeOf<ProviderSurface<typeof withHooks>["webhooks"]>().toEqualTypeOf<"verify">();
    expectTypeOf(auth.vendor.getByExternalId).toBeFunction();
    expectTypeOf(auth.vendor.issueChatToken).parameter(0).toEqualTypeOf<{ externalId: string; email?: never } | { email: string; externalId?: never }>();
  });
});
