import { loadProvider } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { createStytchFake } from "../src/testing/index.js";

describe("loadProvider builds the Stytch adapter", () => {
  it("from AUTHMUX_PROVIDER=stytch and Stytch's variables", async () => {
    const fake = createStytchFake();
    const env = { AUTHMUX_PROVIDER: "stytch", STYTCH_PROJECT_ID: fake.options.projectId, STYTCH_SECRET: fake.options.secret, STYTCH_LOGIN_REDIRECT_URL: "https://app.example.com/auth" };
    const auth = await loadProvider({ env, fetch: fake.fetch, requires: ["users.read", "sessions.revoke", "loginLinks"] });
    const { id } = await fake.controls.seedUser({ email: "env@example.com" });
    expect((await auth.users.get(id))?.email).toBe("env@example.com");
  });

  it("from { provider: 'stytch', projectId, secret }; missing variables and capabilities fail at start-up", async () => {
    const fake = createStytchFake();
    const auth = await loadProvider({ provider: "stytch", projectId: fake.options.projectId, secret: fake.options.secret, env: {} });
    expect(auth.capabilities).not.toContain("webhooks");
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "stytch", STYTCH_PROJECT_ID: fake.options.projectId } })).rejects.toMatchObject({
      code: "invalid_input",
      message: 'invalid stytch options: option "secret" (environment variable STYTCH_SECRET) is missing',
    });
    await expect(loadProvider({ provider: "stytch", projectId: fake.options.projectId, secret: "s", env: {}, requires: ["quotas"] })).rejects.toMatchObject({ code: "not_supported" });
  });
});
