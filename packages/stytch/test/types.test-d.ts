import type { ProviderSurface } from "@authmux/core/testing";
import { describe, expectTypeOf, it } from "vitest";
import { stytch } from "../src/index.js";

/** Every namespace and member a Stytch provider always has: users in full, sessions, passwords; never quotas, no token issuing. */
type StytchSurface = {
  users: "get" | "getByEmail" | "list" | "iterate" | "create" | "update" | "delete" | "replaceMetadata" | "patchMetadata";
  tokens: "verify";
  sessions: "list" | "authenticate" | "revoke";
  passwords: "authenticate" | "set" | "canImport" | "importHash";
};

describe("the Stytch adapter's type", () => {
  it("the whole surface, member by member; loginLinks and webhooks only when configured", () => {
    const base = stytch({ projectId: "project-test-x", secret: "s" });
    expectTypeOf<ProviderSurface<typeof base>>().toEqualTypeOf<StytchSurface>();
    const full = stytch({ projectId: "project-test-x", secret: "s", loginRedirectUrl: "https://a.example", webhookSecret: "whsec_AAAA" });
    expectTypeOf<Omit<ProviderSurface<typeof full>, "loginLinks" | "webhooks">>().toEqualTypeOf<StytchSurface>();
    expectTypeOf<Pick<ProviderSurface<typeof full>, "loginLinks" | "webhooks">>().toEqualTypeOf<{ loginLinks: "create"; webhooks: "verify" }>();
    expectTypeOf(base.vendor.otps.sendSms).toBeFunction();
  });
});
