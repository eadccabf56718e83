import { describe, expectTypeOf, it } from "vitest";
import { clerk } from "../src/index.js";

describe("the Clerk adapter's type", () => {
  it("has users, sessions, login links, passwords with import and set; webhooks only with a secret; no quotas", () => {
    const auth = clerk({ secretKey: "sk_test_x", issuer: "https://x.example" });
    expectTypeOf(auth.users.update).toBeFunction();
    expectTypeOf(auth.sessions.authenticate).toBeFunction();
    expectTypeOf(auth.vendor.ban).toBeFunction();
    expectTypeOf(auth.passwords.importHash).toBeFunction();
    expectTypeOf(auth.passwords.canImport).toBeFunction();
    expectTypeOf(auth.passwords.set).toBeFunction();
    // @ts-expect-error no webhookSecret, no webhooks
    auth.webhooks;
    // @ts-expect-error Clerk has no quotas
    auth.quotas;
    // @ts-expect-error Clerk does not issue tokens from the backend here
    auth.tokens.issue;
    expectTypeOf(clerk({ secretKey: "sk_test_x", issuer: "https://x.example", webhookSecret: "whsec_AAAA" }).webhooks.verify).toBeFunction();
  });
});
