import { loadProvider } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { createClerkFake } from "../src/testing/index.js";

describe("loadProvider builds the Clerk adapter", () => {
  it("from AUTHMUX_PROVIDER=clerk and Clerk's variables", async () => {
    const fake = createClerkFake();
    const env = { AUTHMUX_PROVIDER: "clerk", CLERK_SECRET_KEY: fake.options.secretKey, CLERK_PUBLISHABLE_KEY: fake.options.publishableKey, CLERK_AUTHORIZED_PARTIES: "http://localhost:3000, https://app.example.com" };
    const auth = await loadProvider({ env, fetch: fake.fetch, clock: fake.clock, requires: ["users.read", "tokens.verify"] });
    const { id } = await fake.controls.seedUser({ email: "env@example.com" });
    expect((await auth.tokens.verify(await fake.controls.issueToken(id))).userId).toBe(id);
  });

  it("names missing variables, and refuses absent capabilities at start-up", async () => {
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "clerk" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: 'invalid clerk options: option "secretKey" (environment variable CLERK_SECRET_KEY) is missing',
    });
    const fake = createClerkFake();
    await expect(loadProvider({ provider: "clerk", secretKey: fake.options.secretKey, publishableKey: fake.options.publishableKey, env: {}, requires: ["webhooks"] })).rejects.toMatchObject({
      code: "not_supported",
      message: expect.stringContaining('webhooks needs option "webhookSecret" (environment variable CLERK_WEBHOOK_SIGNING_SECRET)'),
    });
    await expect(loadProvider({ provider: "clerk", secretKey: fake.options.secretKey, publishableKey: fake.options.publishableKey, env: {}, timeoutMs: -5 })).rejects.toMatchObject({
      code: "invalid_input",
      message: 'invalid clerk options: option "timeoutMs": must be a whole number of milliseconds > 0',
    });
  });

  it("CLERK_API_URL points the adapter at another Backend API origin, as Clerk's SDKs read it (no /v1)", async () => {
    const fake = createClerkFake({ baseUrl: "http://127.0.0.1:4010/v1" });
    const env = { AUTHMUX_PROVIDER: "clerk", CLERK_SECRET_KEY: fake.options.secretKey, CLERK_PUBLISHABLE_KEY: fake.options.publishableKey, CLERK_API_URL: "http://127.0.0.1:4010" };
    const auth = await loadProvider({ env, fetch: fake.fetch, requires: ["users.read"] });
    const { id } = await fake.controls.seedUser({ email: "origin@example.com" });
    expect((await auth.users.get(id))?.email).toBe("origin@example.com");
    // The fake serves only its own origin (its fetch refuses any other), so the read proves where it went.
    expect(fake.requests.at(-1)?.path).toBe(`/v1/users/${id}`);
    await expect(loadProvider({ env: { ...env, CLERK_API_URL: "http://127.0.0.1:4010/v1" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("CLERK_API_URL"),
    });
  });
});
