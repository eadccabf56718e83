// @ts-check
// Which provider the app runs on, from the environment alone:
//   AUTHMUX_PROVIDER unset or "mock"          → the in-memory mock (nothing to set up)
//   AUTHMUX_PROVIDER=<vendor> AUTHMUX_FAKE=1  → the real adapter against that vendor's strict fake, in-process
//   AUTHMUX_PROVIDER=<vendor>                 → the real vendor, credentials from its variables (KUSTOMER_API_KEY, …)
import { loadProvider } from "@authmux/core";

/** What the app needs of any vendor; a vendor without one fails here, at start-up, never mid-request. */
export const REQUIRES = /** @type {const} */ (["users.read", "tokens.verify"]);

/** @typedef {import("@authmux/core").ProviderWith<typeof REQUIRES[number]>} AppProvider */
/** @typedef {import("@authmux/core/testing").FakeProviderControls} Controls */

/**
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<{ provider: AppProvider, mode: "mock" | "fake" | "live", controls: Controls | null, fake: import("@authmux/core/testing").LoadableFake | null }>}
 */
export async function providerFromEnv(env) {
  const name = (env.AUTHMUX_PROVIDER ?? "").trim().toLowerCase() || "mock";
  const useFake = ["1", "true", "yes"].includes((env.AUTHMUX_FAKE ?? "").trim().toLowerCase());
  if (name === "mock" || useFake) {
    // Tests and development only (it refuses NODE_ENV=production); the vendor fakes need msw, a dev dependency.
    const { loadFakeProvider } = await import("@authmux/core/testing");
    const { provider, controls, fake } = await loadFakeProvider({ provider: name, requires: REQUIRES, env });
    return { provider, mode: name === "mock" ? "mock" : "fake", controls, fake };
  }
  // The vendor's variables are read and checked now: a missing one is an invalid_input naming it.
  return { provider: await loadProvider({ provider: name, requires: REQUIRES, env }), mode: "live", controls: null, fake: null };
}
