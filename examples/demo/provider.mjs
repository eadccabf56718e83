// @ts-check
// Which provider the demo drives, from the environment alone:
//   AUTHMUX_PROVIDER unset or "mock"          → the in-memory mock (embedded, nothing to set up)
//   AUTHMUX_PROVIDER=<vendor> AUTHMUX_FAKE=1  → the REAL adapter, talking to that vendor's strict fake in-process
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
 * @property {import("@authmux/core").AnyProvider} provider
 * @property {"mock" | "fake" | "live"} mode
 * @property {DemoControls | null} controls
 */

/** Each adapter against its vendor's fake: `fake.adapterOptions` is all the wiring. */
const FAKES = {
  async kobble() {
    const [{ kobble }, { createKobbleFake }] = await Promise.all([import("@authmux/kobble"), import("@authmux/kobble/testing")]);
    // Kobble has quotas of its own: the fake's product gets the demo's quota.
    const fake = createKobbleFake({ quotas: [{ name: DEMO_QUOTA, limit: DEMO_QUOTA_LIMIT }] });
    return { provider: kobble(fake.adapterOptions), controls: fake.controls };
  },
  async stytch() {
    const [{ stytch }, { createStytchFake }] = await Promise.all([import("@authmux/stytch"), import("@authmux/stytch/testing")]);
    const fake = createStytchFake({ loginRedirectUrl: "http://127.0.0.1:3000/authenticate" });
    return { provider: stytch(fake.adapterOptions), controls: fake.controls };
  },
  async clerk() {
    const [{ clerk }, { createClerkFake }] = await Promise.all([import("@authmux/clerk"), import("@authmux/clerk/testing")]);
    const fake = createClerkFake();
    return { provider: clerk(fake.adapterOptions), controls: fake.controls };
  },
  async connectycube() {
    const [{ connectycube }, { createConnectyCubeFake }] = await Promise.all([import("@authmux/connectycube"), import("@authmux/connectycube/testing")]);
    const fake = createConnectyCubeFake();
    return { provider: connectycube(fake.adapterOptions), controls: fake.controls };
  },
  async kustomer() {
    const [{ kustomer }, { createKustomerFake }] = await Promise.all([import("@authmux/kustomer"), import("@authmux/kustomer/testing")]);
    // The chat secret is not among the options: the adapter fetches it once, as in production.
    const fake = createKustomerFake();
    return { provider: kustomer(fake.adapterOptions), controls: fake.controls };
  },
};

/** The adapter definitions, handed to loadProvider so it needs no import resolution of its own. */
const DEFINITIONS = {
  kobble: () => import("@authmux/kobble").then((m) => m.definition),
  stytch: () => import("@authmux/stytch").then((m) => m.definition),
  clerk: () => import("@authmux/clerk").then((m) => m.definition),
  connectycube: () => import("@authmux/connectycube").then((m) => m.definition),
  kustomer: () => import("@authmux/kustomer").then((m) => m.definition),
};

/**
 * Builds the provider the environment asks for.
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<DemoProvider>}
 */
export async function createDemoProvider(env) {
  const name = (env.AUTHMUX_PROVIDER || "mock").trim().toLowerCase();
  const useFake = ["1", "true", "yes"].includes((env.AUTHMUX_FAKE ?? "").trim().toLowerCase());

  if (name === "mock") {
    const { createMockProvider } = await import("@authmux/core/testing");
    const mock = createMockProvider({ quotas: { [DEMO_QUOTA]: { limit: DEMO_QUOTA_LIMIT } } });
    return { provider: /** @type {any} */ (mock), mode: "mock", controls: wrap(mock.controls) };
  }
  if (!isVendor(name)) {
    throw new AuthmuxError("invalid_input", `AUTHMUX_PROVIDER="${name}" is not one of mock, ${VENDORS.join(", ")}`);
  }
  if (useFake) {
    const { provider, controls } = await FAKES[name]();
    return { provider: /** @type {any} */ (provider), mode: "fake", controls: wrap(/** @type {any} */ (controls)) };
  }
  // Real credentials from the environment (e.g. CLERK_SECRET_KEY); a missing one fails here, at start-up.
  const provider = await loadProvider({ provider: name, env, adapters: [await DEFINITIONS[name]()], requires: ["users.read", "tokens.verify"] });
  return { provider: /** @type {any} */ (provider), mode: "live", controls: null };
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
