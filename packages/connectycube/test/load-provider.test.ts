import { loadProvider } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { createConnectyCubeFake } from "../src/testing/index.js";

describe("loadProvider builds the ConnectyCube adapter", () => {
  it("from AUTHMUX_PROVIDER=connectycube and ConnectyCube's variables", async () => {
    const fake = createConnectyCubeFake();
    const env = {
      AUTHMUX_PROVIDER: "connectycube",
      CONNECTYCUBE_APP_ID: String(fake.options.appId),
      CONNECTYCUBE_AUTH_KEY: fake.options.authKey,
      CONNECTYCUBE_ADMIN_API_KEY: fake.options.adminApiKey,
    };
    const auth = await loadProvider({ env, fetch: fake.fetch, requires: ["users.read", "users.delete", "sessions.authenticate"] });
    expect(auth.name).toBe("connectycube");
    const { id } = await fake.controls.seedUser({ email: "env@example.com" });
    expect((await auth.users.get(id))?.email).toBe("env@example.com");
    await auth.users.delete(id);
    expect(await auth.users.get(id)).toBeNull();
  });

  it("from { provider: 'connectycube', appId, authKey }: no users.delete without the admin key", async () => {
    const fake = createConnectyCubeFake();
    const auth = await loadProvider({ provider: "connectycube", appId: fake.options.appId, authKey: fake.options.authKey, fetch: fake.fetch, env: {} });
    expect(auth.capabilities).toEqual(["users.read", "users.create", "tokens.verify", "sessions.authenticate", "sessions.revoke", "passwords"]);
    await expect(loadProvider({ provider: "connectycube", appId: 1, authKey: "k", env: {}, requires: ["users.delete"] })).rejects.toMatchObject({ code: "not_supported" });
  });

  it("names the missing variable and refuses what ConnectyCube cannot do at start-up", async () => {
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "connectycube", CONNECTYCUBE_APP_ID: "4711" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: 'invalid connectycube options: option "authKey" (environment variable CONNECTYCUBE_AUTH_KEY) is missing',
    });
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "connectycube", CONNECTYCUBE_APP_ID: "app-1", CONNECTYCUBE_AUTH_KEY: "k" } })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("CONNECTYCUBE_APP_ID"),
    });
    await expect(loadProvider({ env: { AUTHMUX_PROVIDER: "connectycube", CONNECTYCUBE_APP_ID: "4711", CONNECTYCUBE_AUTH_KEY: "k" }, requires: ["users.list", "sessions.list"] })).rejects.toMatchObject({
      code: "not_supported",
    });
  });
});
