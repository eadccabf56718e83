import { describe, expectTypeOf, it } from "vitest";
import type { Provider } from "../src/index.js";
import { type FakeProviderControls, type LoadableFake, loadFakeProvider } from "../src/testing/index.js";

declare const fakeParts: LoadableFake;

describe("loadFakeProvider's result is typed by requires", () => {
  it("only the required capabilities' members compile", async () => {
    const { provider, controls, fake } = await loadFakeProvider({ provider: "clerk", requires: ["users.read", "tokens.verify"] });
    expectTypeOf(provider).toEqualTypeOf<Provider<string, "users.read" | "tokens.verify">>();
    expectTypeOf(provider.users.get).toBeFunction();
    expectTypeOf(provider.tokens.verify).toBeFunction();
    // @ts-expect-error users.create was not required
    provider.users.create;
    // @ts-expect-error no sessions capability was required
    provider.sessions;
    expectTypeOf(controls).toEqualTypeOf<FakeProviderControls>();
    expectTypeOf(controls.seedUser).parameter(0).toHaveProperty("email");
    expectTypeOf(fake).toEqualTypeOf<LoadableFake | null>();
  });

  it("without requires, only the base members are there", async () => {
    const { provider } = await loadFakeProvider({ provider: "mock" });
    expectTypeOf(provider.name).toBeString();
    // @ts-expect-error nothing was required
    provider.users;
  });

  it("requires takes capability names only; fake options pass through", () => {
    // @ts-expect-error not a capability
    void loadFakeProvider({ provider: "clerk", requires: ["users.fly"] });
    void loadFakeProvider({ provider: "kobble", quotas: [{ name: "requests", limit: 5 }] });
    // A vendor's factory takes its own options type; it fits as it is.
    const createAcmeFake = (options: { region?: "eu" | "us" } = {}): LoadableFake & { region: string } => ({ ...fakeParts, region: options.region ?? "eu" });
    void loadFakeProvider({ provider: "acme", fakes: { acme: createAcmeFake } });
    // @ts-expect-error fakes are factories returning a fake
    void loadFakeProvider({ provider: "acme", fakes: { acme: () => 42 } });
  });
});
