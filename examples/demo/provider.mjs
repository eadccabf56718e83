// @ts-check
// Which provider the demo drives, from the environment alone:
//   AUTHMUX_PROVIDER unset or "mock"          → the in-memory mock (embedded, nothing to set up)
//   AUTHMUX_PROVIDER=<vendor> AUTHMUX_FAKE=1  → the REAL adapter, talking to that vendor's strict fake in-process (loadFakeProvider)
//   AUTHMUX_PROVIDER=<vendor>                 → the real adapter on the real vendor, credentials from the env (loadProvider)
// Mock and fake modes also return the test `controls` (seed a user, mint a token, sign a webhook): in
// production a vendor's frontend SDK obtains the token and the vendor signs the webhooks.
import { AuthmuxError, loadProvider } from "@authmux/core";

/** The quota the demo meters, and its limit where the demo (not the vendor) defines it. */
export const DEMO_QUOTA = "demo-actions";
export const DEMO_QUOTA_LIMIT = 3;

export const VENDORS = /** @type {const} */ (["kobble", "stytch", "clerk", "connectycube", "kustomer"]);

/**
 * @typedef {object} DemoControls  What mock and fake modes can do that production cannot.
 * @property {(input: { email: string, name?: string | null }) => Promise<{ id: string }>} seedUser
 * @property {((userId: string, permissions: readonly string[]) => Promise<void>) | undefined} seedPermissions
 * @property {(userId: string) => Promise<string>} issueToken
 * @property {((event: { type: "user.created", userId: string }) => Promise<{ body: string, headers: Record<string, string> }>) | undefined} signWebhook
 */

/**
 * @typedef {object} DemoProvider
 * @property {import("@authmux/core").ProviderWith<"users.read" | "tokens.verify">} provider
 * @property {"mock" | "fake" | "live"} mode
 * @property {DemoControls | null} controls
 */

/** The vendors' fake factories: handed to loadFakeProvider so the bundled demo needs no import resolution of its own. */
const FAKES = {
  kobble: () => import("@authmux/kobble/testing").then((m) => m.createKobbleFake),
  stytch: () => import("@authmux/stytch/testing").then((m) => m.createStytchFake),
  clerk: () => import("@authmux/clerk/testing").then((m) => m.createClerkFake),
  connectycube: () => import("@authmux/connectycube/testing").then((m) => m.createConnectyCubeFake),
  kustomer: () => import("@authmux/kustomer/testing").then((m) => m.createKustomerFake),
};

/** The adapter definitions, handed to loadProvider and loadFakeProvider for the same reason. */
const DEFINITIONS = {
  kobble: () => import("@authmux/kobble").then((m) => m.definition),
  stytch: () => import("@authmux/stytch").then((m) => m.definition),
  clerk: () => import("@authmux/clerk").then((m) => m.definition),
  connectycube: () => import("@authmux/connectycube").then((m) => m.definition),
  kustomer: () => import("@authmux/kustomer").then((m) => m.definition),
};

/** What the demo asks of the mock and of some fakes; the other fakes' defaults suit it. */
const FAKE_OPTIONS = {
  mock: { quotas: { [DEMO_QUOTA]: { limit: DEMO_QUOTA_LIMIT } } },
  // Kobble has quotas of its own: the fake's product gets the demo's quota.
  kobble: { quotas: [{ name: DEMO_QUOTA, limit: DEMO_QUOTA_LIMIT }] },
  stytch: { loginRedirectUrl: "http://127.0.0.1:3000/authenticate" },
};

/**
 * Builds the provider the environment asks for. `clock` drives the mock or the fake and the adapter talking to it
 * (a live vendor keeps its own time).
 * @param {Record<string, string | undefined>} env
 * @param {{ clock?: () => number }} [options]
 * @returns {Promise<DemoProvider>}
 */
export async function createDemoProvider(env, { clock } = {}) {
  const name = (env.AUTHMUX_PROVIDER || "mock").trim().toLowerCase();
  const useFake = ["1", "true", "yes"].includes((env.AUTHMUX_FAKE ?? "").trim().toLowerCase());
  if (name !== "mock" && !isVendor(name)) {
    throw new AuthmuxError("invalid_input", `AUTHMUX_PROVIDER="${name}" is not one of mock, ${VENDORS.join(", ")}`);
  }
  if (name === "mock" || useFake) {
    // The real adapter wired to its vendor's fake (or the mock), with the fake's controls, in one call.
    const { loadFakeProvider } = await import("@authmux/core/testing");
    const bundled = isVendor(name) ? { adapters: [await DEFINITIONS[name]()], fakes: { [name]: await FAKES[name]() } } : {};
    const options = /** @type {Record<string, unknown>} */ (FAKE_OPTIONS[/** @type {keyof typeof FAKE_OPTIONS} */ (name)] ?? {});
    const { provider, controls } = await loadFakeProvider({ ...options, ...(clock ? { clock } : {}), provider: name, env, requires: ["users.read", "tokens.verify"], ...bundled });
    return { provider, mode: name === "mock" ? "mock" : "fake", controls: wrap(controls) };
  }
  // Real credentials from the environment (e.g. CLERK_SECRET_KEY); a missing one fails here, at start-up.
  const provider = await loadProvider({ provider: name, env, adapters: [await DEFINITIONS[name]()], requires: ["users.read", "tokens.verify"] });
  return { provider, mode: "live", controls: null };
}

/** @param {string} name @returns {name is typeof VENDORS[number]} */
function isVendor(name) {
  return /** @type {readonly string[]} */ (VENDORS).includes(name);
}

/**
 * The subset of a mock's or fake's controls the demo uses.
 * @param {any} controls
 * @returns {DemoControls}
 */
function wrap(controls) {
  return {
    seedUser: (input) => controls.seedUser(input),
    seedPermissions: controls.seedPermissions ? (userId, perms) => controls.seedPermissions(userId, perms) : undefined,
    issueToken: (userId) => controls.issueToken(userId),
    signWebhook: controls.signWebhook ? (event) => controls.signWebhook(event) : undefined,
  };
}
