import { loadProvider } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { createKobbleFake } from "../src/testing/index.js";

describe("loadProvider builds the Kobble adapter", () => {
  it("from AUTHMUX_PROVIDER=kobble and Kobble's environment variables", async () => {
    const fake = createKobbleFake();
    const env = { AUTHMUX_PROVIDER: "kobble", KOBBLE_SDK_SECRET: fake.options.secret, KOBBLE_PROJECT_ID: fake.options.projectId, KOBBLE_WEBHOOK_SECRET: fake.options.webhookSecret };
    const auth = await loadProvider({ env, fetch: fake.fetch, requires: ["users.read", "quotas", "webhooks"] });
    expect(auth.name).toBe("kobble");
    const { id } = await fake.controls.seedUser({ email: "env@example.com" });
    expect((await auth.users.get(id))?.email).toBe("env@example.com");
    expect(await auth.quotas.hasRemaining(id, "requests")).toBe(true);
  });

  it("from { provider: 'kobble', secret }", async () => {
    const fake = createKobbleFake();
    const auth = await loadProvider({ provider: "kobble", secret: fake.options.secret, fetch: fake.fetch, env: {} });
    expect(auth.capabilities).not.toContain("webhooks");
  });

  it("says which variable is missing, and refuses capabilities Kobble lacks at start-up", async () => {
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "kobble" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: 'invalid kobble options: option "secret" (environment variable KOBBLE_SDK_SECRET) is missing',
    });
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "kobble", KOBBLE_SDK_SECRET: "x" }, requires: ["users.delete", "sessions.revoke"] })).rejects.toMatchObject({
      code: "not_supported",
      message: expect.stringContaining("lacks required capabilities: users.delete, sessions.revoke"),
    });
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "kobble", KOBBLE_SDK_SECRET: "x", KOBBLE_WEBHOOK_SECRET: "not-hex" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("KOBBLE_WEBHOOK_SECRET"),
    });
  });
});
