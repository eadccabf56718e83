// The Express example on a real loopback port, held to the behaviour all four framework examples share
// (../../contract.mjs), against the mock and against Clerk's fake (the real Clerk adapter talking to an in-memory
// Clerk), both chosen from an environment the way src/server.mjs chooses.
import { expect } from "vitest";
import { runAppContract } from "../../contract.mjs";
import { createApp } from "../src/app.mjs";
import { providerFromEnv } from "../src/provider.mjs";

runAppContract({
  framework: "Express",
  providerFromEnv,
  async start(provider, options) {
    const server = createApp(provider, options).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${server.address().port}`;
    return { request: (path, init) => fetch(base + path, init), close: () => new Promise((resolve) => server.close(resolve)) };
  },
  vendor: {
    label: "Clerk fake",
    env: { AUTHMUX_PROVIDER: "clerk", AUTHMUX_FAKE: "1" },
    name: "clerk",
    serverSessions: true,
    // The Clerk adapter fetched the signing keys, then asked Clerk for the token's session and its user.
    vendorCalls: (requests, { userId, sessionId }) =>
      expect(requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(["GET /v1/jwks", `GET /v1/sessions/${sessionId}`, `GET /v1/users/${userId}`]),
  },
  missingCredentials: { env: { AUTHMUX_PROVIDER: "clerk" }, variable: "CLERK_SECRET_KEY" },
});
