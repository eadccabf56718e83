import { describe, expectTypeOf, it } from "vitest";
import { kobble } from "../src/index.js";

describe("the Kobble adapter's type carries exactly Kobble's capabilities", () => {
  it("has no user update or delete, no sessions, no passwords; webhooks only with a secret", () => {
    const auth = kobble({ secret: "s" });
    expectTypeOf(auth.users.get).toBeFunction();
    expectTypeOf(auth.quotas.hasRemaining).toBeFunction();
    expectTypeOf(auth.vendor.activeProducts).toBeFunction();
    // @ts-expect-error Kobble cannot update users
    auth.users.update;
    // @ts-expect-error Kobble cannot delete users
    auth.users.delete;
    // @ts-expect-error Kobble has no sessions
    auth.sessions;
    // @ts-expect-error Kobble has no passwords
    auth.passwords;
    // @ts-expect-error no webhookSecret, no webhooks
    auth.webhooks;
    const withHooks = kobble({ secret: "s", webhookSecret: "00ff" });
    expectTypeOf(withHooks.webhooks.verify).toBeFunction();
  });
});
