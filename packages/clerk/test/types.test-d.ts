import type { ProviderSurface } from "@authmux/core/testing";
import { describe, expectTypeOf, it } from "vitest";
import { loadProvider } from "@authmux/core";
import { clerk } from "../src/index.js";

/** Every namespace and member a Clerk provider has: users in full, sessions, login links, passwords with import and set; no quotas, no token issuing. */
type ClerkSurface = {
  users: "get" | "getByEmail" | "list" | "iterate" | "create" | "update" | "delete" | "replaceMetadata" | "patchMetadata";
  tokens: "verify";
  sessions: "list" | "authenticate" | "revoke";
  loginLinks: "create";
  passwords: "authenticate" | "set" | "canImport" | "importHash";
};

describe("the Clerk adapter's type", () => {
  it("the whole surface, member by member; webhooks only with a secret", () => {
    const auth = clerk({ secretKey: "sk_test_x", issuer: "https://x.example" });
    expectTypeOf<ProviderSurface<typeof auth>>().toEqualTypeOf<ClerkSurface>();
    const withHooks = clerk({ secretKey: "sk_test_x", issuer: "https://x.example", webhookSecret: "whsec_AAAA" });
    expectTypeOf<Omit<ProviderSurface<typeof withHooks>, "webhooks">>().toEqualTypeOf<ClerkSurface>();
    expectTypeOf<ProviderSurface<typeof withHooks>["webhooks"]>().toEqualTypeOf<"verify">();
    expectTypeOf(auth.vendor.ban).toBeFunction();
  });
});

describe("loadProvider with this package's types loaded", () => {
  it("types Clerk's options by provider name: a misspelt or mistyped option does not compile", () => {
    // Only the types are under test here: the calls are never awaited.
    const never = false as boolean;
    if (never) {
      void loadProvider({ provider: "clerk", secretKey: "sk_test_x", authorizedParties: ["https://app.example"], timeoutMs: 5000 });
      // @ts-expect-error misspelt option
      void loadProvider({ provider: "clerk", secretKy: "sk_test_x" });
      // @ts-expect-error a number of milliseconds, not a string
      void loadProvider({ provider: "clerk", timeoutMs: "5000" });
      // @ts-expect-error metadataField is "public" or "private"
      void loadProvider({ provider: "clerk", metadataField: "secret" });
      // The vendor from AUTHMUX_PROVIDER: any registered adapter's options, still no misspelling.
      void loadProvider({ requires: ["users.read"], publishableKey: "pk_test_x", hooks: {} });
      // @ts-expect-error misspelt option, whatever the vendor
      void loadProvider({ requires: ["users.read"], publishabelKey: "pk_test_x" });
      // A name that is not registered (a variable, another spelling): checked at start-up only.
      const name: string = "Clerk";
      void loadProvider({ provider: name, anything: 1 });
    }
    expectTypeOf(loadProvider<"users.read">).returns.resolves.toHaveProperty("users");
  });
});
