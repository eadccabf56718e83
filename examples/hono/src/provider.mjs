// @ts-check
// Which provider the app runs on, from the environment alone (core's loadProviderFromEnv):
//   AUTHMUX_PROVIDER unset or "mock"          → the in-memory mock (nothing to set up)
//   AUTHMUX_PROVIDER=<vendor> AUTHMUX_FAKE=1  → the real adapter against that vendor's strict fake, in-process
//   AUTHMUX_PROVIDER=<vendor>                 → the real vendor, credentials from its variables (KOBBLE_SDK_SECRET, …)
// The mock and the fakes refuse NODE_ENV=production; the fakes need msw, a dev dependency.
import { loadProviderFromEnv } from "@authmux/core";

/** What the app needs of any vendor; a vendor without one fails here, at start-up, never mid-request. */
export const REQUIRES = /** @type {const} */ (["users.read", "tokens.verify"]);

/** @typedef {import("@authmux/core").ProviderWith<typeof REQUIRES[number]>} AppProvider */
/** @typedef {import("@authmux/core/testing").FakeProviderControls} Controls */

/** @param {Record<string, string | undefined>} env */
export const providerFromEnv = (env) => loadProviderFromEnv({ requires: REQUIRES, env });
