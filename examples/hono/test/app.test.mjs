// The Hono example through app.request() (Hono's own Request → Response entry, no socket), held to the behaviour
// all four framework examples share (../../contract.mjs), against the mock and against Kobble's fake (the real
// Kobble adapter talking to an in-memory Kobble), both chosen from an environment the way src/server.mjs chooses.
import { expect } from "vitest";
import { runAppContract } from "../../contract.mjs";
import { createApp } from "../src/app.mjs";
import { providerFromEnv } from "../src/provider.mjs";

runAppContract({
  framework: "Hono",
  providerFromEnv,
  async start(provider, options) {
    const app = createApp(provider, options);
    return { request: async (path, init) => app.request(path, init) };
  },
  vendor: {
    label: "Kobble fake",
    env: { AUTHMUX_PROVIDER: "kobble", AUTHMUX_FAKE: "1" },
    name: "kobble",
    // Kobble keeps no server sessions: its tokens are the truth until they expire, and nothing revokes one.
    serverSessions: false,
    // The Kobble adapter verified the token locally (keys fetched once) and asked Kobble for the user only.
    vendorCalls: (requests, { userId }) => {
      const users = requests.filter((r) => r.path.endsWith("/users/findById"));
      expect(users.map((r) => [r.method, r.query.userId])).toEqual([["GET", userId]]);
      expect(requests.filter((r) => !r.path.endsWith("/users/findById")).every((r) => r.method === "GET" && /jwks|keys/i.test(r.path))).toBe(true);
    },
  },
  missingCredentials: { env: { AUTHMUX_PROVIDER: "kobble" }, variable: "KOBBLE_SDK_SECRET" },
});
