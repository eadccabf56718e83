import { loadProvider } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { createKustomerFake } from "../src/testing/index.js";

describe("loadProvider builds the Kustomer adapter", () => {
  it("from AUTHMUX_PROVIDER=kustomer and Kustomer's environment variables", async () => {
    const fake = createKustomerFake();
    const env = {
      AUTHMUX_PROVIDER: "kustomer",
      KUSTOMER_API_KEY: fake.options.apiKey,
      KUSTOMER_ORG_NAME: fake.options.org,
      KUSTOMER_WEBHOOK_TOKEN: fake.options.webhookToken,
      KUSTOMER_CUSTOM_ATTRIBUTES: "planStr, seatsNum",
    };
    const auth = await loadProvider({ env, fetch: fake.fetch, requires: ["users.read", "tokens.issue", "webhooks"] });
    expect(auth.name).toBe("kustomer");
    const { id } = await fake.controls.seedUser({ email: "env@example.com", metadata: { plan: "pro", seats: 3 } });
    expect(await auth.users.get(id)).toMatchObject({ id, email: "env@example.com", metadata: { plan: "pro", seats: 3 } });
    expect(await fake.controls.verifyChatToken(await auth.tokens.issue(id))).toEqual({ email: "env@example.com" });
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${fake.options.apiKey}`);
    expect(new URL(fake.requests[0]!.path, "https://x").pathname).toBe(`/v1/customers/${id}`);
  });

  it("from { provider: 'kustomer', apiKey, orgName }", async () => {
    const fake = createKustomerFake();
    const auth = await loadProvider({ provider: "kustomer", apiKey: fake.options.apiKey, orgName: fake.options.org, fetch: fake.fetch, env: {} });
    expect(auth.capabilities).toEqual(["users.read", "users.list", "users.create", "users.update", "users.delete", "users.metadata", "tokens.verify", "tokens.issue"]);
  });

  it("says which variable is missing or wrong, and refuses capabilities Kustomer lacks at start-up", async () => {
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "kustomer" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: 'invalid kustomer options: option "apiKey" (environment variable KUSTOMER_API_KEY) is missing',
    });
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "kustomer", KUSTOMER_API_KEY: "k" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: 'invalid kustomer options: give "orgName" (environment variable KUSTOMER_ORG_NAME) or "baseUrl" (KUSTOMER_API_URL)',
    });
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "kustomer", KUSTOMER_API_KEY: "k", KUSTOMER_ORG_NAME: "acme" }, requires: ["sessions.revoke", "quotas"] })).rejects.toMatchObject({
      code: "not_supported",
      message: expect.stringContaining("lacks required capabilities: sessions.revoke, quotas"),
    });
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "kustomer", KUSTOMER_API_KEY: "k", KUSTOMER_ORG_NAME: "acme", KUSTOMER_CUSTOM_ATTRIBUTES: "plan" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("KUSTOMER_CUSTOM_ATTRIBUTES"),
    });
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "kustomer", KUSTOMER_API_KEY: "k", KUSTOMER_ORG_NAME: "acme", KUSTOMER_CHAT_SECRET: "short" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("KUSTOMER_CHAT_SECRET"),
    });
  });
});
