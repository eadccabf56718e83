import { describe, expectTypeOf, it } from "vitest";
import { type Capability, loadProvider, memoryQuotaStore, type Provider, type ProviderWith, supports, withQuotas } from "../src/index.js";
import { createMockProvider } from "../src/testing/index.js";

describe("a provider's type carries only its declared capabilities", () => {
  it("undeclared members do not compile", () => {
    const auth = createMockProvider({ capabilities: ["users.read", "tokens.verify"] });
    expectTypeOf(auth.users.get).toBeFunction();
    expectTypeOf(auth.tokens.verify).toBeFunction();
    // @ts-expect-error users.create was not declared
    auth.users.create;
    // @ts-expect-error users.list was not declared
    auth.users.list;
    // @ts-expect-error no sessions capability at all
    auth.sessions;
    // @ts-expect-error tokens.issue was not declared
    auth.tokens.issue;
  });

  it("a static provider type is exactly its capabilities", () => {
    type Kobbleish = Provider<"k", "users.read" | "quotas" | "permissions">;
    expectTypeOf<Kobbleish["users"]>().toHaveProperty("get");
    expectTypeOf<Kobbleish["quotas"]>().toHaveProperty("hasRemaining");
    expectTypeOf<Kobbleish>().not.toHaveProperty("sessions");
    expectTypeOf<Kobbleish["users"]>().not.toHaveProperty("delete");
  });

  it("supports narrows to the capability's members", () => {
    const auth = createMockProvider({ capabilities: ["users.read"] });
    // @ts-expect-error loginLinks unknown before narrowing
    auth.loginLinks;
    if (supports(auth, "loginLinks")) expectTypeOf(auth.loginLinks.create).toBeFunction();
  });

  it("loadProvider is typed by requires", async () => {
    const auth = await loadProvider({ requires: ["users.read", "sessions.revoke"] });
    expectTypeOf(auth.users.getByEmail).toBeFunction();
    expectTypeOf(auth.sessions.revoke).toBeFunction();
    // @ts-expect-error not required, so not there
    auth.sessions.list;
    const bare = await loadProvider();
    // @ts-expect-error nothing required, nothing typed
    bare.users;
    expectTypeOf(bare.capabilities).toEqualTypeOf<readonly never[]>();
  });

  it("withQuotas adds quotas to the type", () => {
    const auth = withQuotas(createMockProvider({ capabilities: ["users.read"] }), memoryQuotaStore({ limits: {} }));
    expectTypeOf(auth.quotas.increment).toBeFunction();
    expectTypeOf(auth.users.get).toBeFunction();
    // @ts-expect-error still no users.delete
    auth.users.delete;
    expectTypeOf<(typeof auth.capabilities)[number]>().toEqualTypeOf<"users.read" | "quotas">();
  });

  it("a provider with more capabilities is a ProviderWith of fewer; one with fewer is not", () => {
    const full = createMockProvider();
    const small = createMockProvider({ capabilities: ["users.read"] });
    const needsVerify = (_auth: ProviderWith<"tokens.verify">) => undefined;
    needsVerify(full);
    // @ts-expect-error no tokens.verify
    needsVerify(small);
  });

  it("requires accepts only capability names", () => {
    // @ts-expect-error not a capability
    void loadProvider({ requires: ["users.teleport"] });
    expectTypeOf<Capability>().toEqualTypeOf<(typeof import("../src/index.js").CAPABILITIES)[number]>();
  });
});
