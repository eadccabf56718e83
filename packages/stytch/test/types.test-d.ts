import { describe, expectTypeOf, it } from "vitest";
import { stytch } from "../src/index.js";

describe("the Stytch adapter's type", () => {
  it("has users, sessions and passwords; loginLinks and webhooks only when configured; never quotas", () => {
    const base = stytch({ projectId: "project-test-x", secret: "s" });
    expectTypeOf(base.sessions.revoke).toBeFunction();
    expectTypeOf(base.passwords.authenticate).toBeFunction();
    expectTypeOf(base.passwords.importHash).toBeFunction();
    expectTypeOf(base.passwords.set).toBeFunction();
    expectTypeOf(base.vendor.otps.sendSms).toBeFunction();
    // @ts-expect-error no loginRedirectUrl, no loginLinks
    base.loginLinks;
    // @ts-expect-error no webhookSecret, no webhooks
    base.webhooks;
    // @ts-expect-error Stytch has no quotas
    base.quotas;
    // @ts-expect-error Stytch does not issue tokens on the server
    base.tokens.issue;
    const full = stytch({ projectId: "project-test-x", secret: "s", loginRedirectUrl: "https://a.example", webhookSecret: "whsec_AAAA" });
    expectTypeOf(full.loginLinks.create).toBeFunction();
    expectTypeOf(full.webhooks.verify).toBeFunction();
  });
});
