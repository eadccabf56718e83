// Which provider the app runs on, from the environment alone:
//   AUTHMUX_PROVIDER unset or "mock"          → the in-memory mock (nothing to set up)
//   AUTHMUX_PROVIDER=<vendor> AUTHMUX_FAKE=1  → the real adapter against that vendor's strict fake, in-process
//   AUTHMUX_PROVIDER=<vendor>                 → the real vendor, credentials from its variables (STYTCH_PROJECT_ID, …)
// Next bundles the server code: the adapters and fakes are named here (static import specifiers the bundler can
// follow) instead of being looked up by name at run time.
import { type AnyProviderDefinition, AuthmuxError, loadProvider, type ProviderWith } from "@authmux/core";
import type { FakeFactory, FakeProviderControls, LoadableFake } from "@authmux/core/testing";

/** What the app needs of any vendor; a vendor without one fails at start-up, never mid-request. */
export const REQUIRES = ["users.read", "tokens.verify"] as const;
export type AppProvider = ProviderWith<(typeof REQUIRES)[number]>;

const ADAPTERS: Record<string, () => Promise<AnyProviderDefinition>> = {
  clerk: async () => (await import("@authmux/clerk")).definition,
  stytch: async () => (await import("@authmux/stytch")).definition,
};
// Loaded only with AUTHMUX_FAKE=1 (they need msw, a dev dependency).
const FAKES: Record<string, () => Promise<FakeFactory>> = {
  clerk: async () => (await import("@authmux/clerk/testing")).createClerkFake,
  stytch: async () => (await import("@authmux/stytch/testing")).createStytchFake,
};

export interface LoadedProvider {
  provider: AppProvider;
  mode: "mock" | "fake" | "live";
  controls: FakeProviderControls | null;
  fake: LoadableFake | null;
}

export async function providerFromEnv(env: Record<string, string | undefined>): Promise<LoadedProvider> {
  const name = (env.AUTHMUX_PROVIDER ?? "").trim().toLowerCase() || "mock";
  const useFake = ["1", "true", "yes"].includes((env.AUTHMUX_FAKE ?? "").trim().toLowerCase());
  if (name !== "mock" && !ADAPTERS[name]) {
    throw new AuthmuxError("invalid_input", `AUTHMUX_PROVIDER="${name}" is not one this app ships with: mock, ${Object.keys(ADAPTERS).join(", ")}`);
  }
  if (name === "mock" || useFake) {
    // Tests and development only: loadFakeProvider refuses NODE_ENV=production.
    const { loadFakeProvider } = await import("@authmux/core/testing");
    const bundled = name === "mock" ? {} : { adapters: [await ADAPTERS[name]!()], fakes: { [name]: await FAKES[name]!() } };
    const { provider, controls, fake } = await loadFakeProvider({ provider: name, requires: REQUIRES, env, ...bundled });
    return { provider, mode: name === "mock" ? "mock" : "fake", controls, fake };
  }
  // The vendor's variables are read and checked now: a missing one is an invalid_input naming it.
  const provider = await loadProvider({ provider: name, requires: REQUIRES, env, adapters: [await ADAPTERS[name]!()] });
  return { provider, mode: "live", controls: null, fake: null };
}
