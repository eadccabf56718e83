// The Fastify example through app.inject() (Fastify's in-process requests, no socket), held to the behaviour all
// four framework examples share (../../contract.mjs), against the mock and against Kustomer's fake (the real
// Kustomer adapter talking to an in-memory Kustomer), both chosen from an environment the way src/server.mjs chooses.
import { expect } from "vitest";
import { runAppContract } from "../../contract.mjs";
import { createApp } from "../src/app.mjs";
import { providerFromEnv } from "../src/provider.mjs";

runAppContract({
  framework: "Fastify",
  providerFromEnv,
  async start(provider, options) {
    const app = createApp(provider, options);
    return {
      async request(path, init = {}) {
        const res = await app.inject({ method: init.method ?? "GET", url: path, headers: init.headers, payload: init.body });
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) for (const v of [value].flat()) if (v !== undefined) headers.append(name, String(v));
        return new Response(res.rawPayload, { status: res.statusCode, headers });
      },
      close: () => app.close(),
    };
  },
  vendor: {
    label: "Kustomer fake",
    env: { AUTHMUX_PROVIDER: "kustomer", AUTHMUX_FAKE: "1" },
    name: "kustomer",
    // Kustomer keeps no sessions: a chat token is the truth until it expires, and nothing revokes one.
    serverSessions: false,
    // The adapter fetched the org's chat secret, verified the token with it, found the customer it names and read it.
    // (The secret and the email → id lookup are cached: a second request costs the customer read only.)
    vendorCalls: (requests, { userId }) =>
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/auth/customer/settings", "GET /v1/customers/email=ada%40example.com", `GET /v1/customers/${userId}`]),
  },
  missingCredentials: { env: { AUTHMUX_PROVIDER: "kustomer" }, variable: "KUSTOMER_API_KEY" },
});
