import { describe, expectTypeOf, it } from "vitest";
import { kustomer } from "../src/index.js";

describe("the Kustomer adapter's type carries exactly Kustomer's capabilities", () => {
  it("has customers in full and chat tokens; no sessions, passwords, quotas or links; webhooks only with a token", () => {
    const auth = kustomer({ apiKey: "k", orgName: "acme" });
    expectTypeOf(auth.users.update).toBeFunction();
    expectTypeOf(auth.users.delete).toBeFunction();
    expectTypeOf(auth.users.patchMetadata).toBeFunction();
    expectTypeOf(auth.tokens.issue).toBeFunction();
    expectTypeOf(auth.tokens.verify).toBeFunction();
    expectTypeOf(auth.vendor.getByExternalId).toBeFunction();
    expectTypeOf(auth.vendor.issueChatToken).parameter(0).toEqualTypeOf<{ externalId: string; email?: never } | { email: string; externalId?: never }>();
    // @ts-expect-error Kustomer has no sessions
    auth.sessions;
    // @ts-expect-error Kustomer customers have no passwords
    auth.passwords;
    // @ts-expect-error no quotas at Kustomer
    auth.quotas;
    // @ts-expect-error no login links at Kustomer
    auth.loginLinks;
    // @ts-expect-error no webhookToken, no webhooks
    auth.webhooks;
    const withHooks = kustomer({ apiKey: "k", orgName: "acme", webhookToken: "t" });
    expectTypeOf(withHooks.webhooks.verify).toBeFunction();
  });
});
