import { describe, expect, it } from "vitest";
import { type AuthmuxError, loadProviderFromEnv } from "../../src/index.js";
import { mockDefinition } from "../../src/testing/index.js";

const rejection = (p: Promise<unknown>): Promise<AuthmuxError> =>
  p.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error as AuthmuxError,
  );

describe("loadProviderFromEnv: mock, fake or live, from the environment alone", () => {
  it("no AUTHMUX_PROVIDER: the mock, with controls that reach the provider's state", async () => {
    const { provider, mode, controls, fake } = await loadProviderFromEnv({ env: {}, requires: ["users.read", "tokens.verify"] });
    expect([provider.name, mode, fake]).toEqual(["mock", "mock", null]);
    const { id } = await controls!.seedUser({ email: "ada@example.com" });
    expect((await provider.users.get(id))?.email).toBe("ada@example.com");
    expect((await provider.tokens.verify(await controls!.issueToken(id))).userId).toBe(id);
  });

  it("AUTHMUX_PROVIDER=<vendor> with AUTHMUX_FAKE=1: the real adapter, its calls answered by the vendor's fake", async () => {
    const { provider, mode, controls, fake } = await loadProviderFromEnv({ env: { AUTHMUX_PROVIDER: "Stytch", AUTHMUX_FAKE: "true" }, requires: ["users.read"] });
    expect([provider.name, mode]).toEqual(["stytch", "fake"]);
    const { id } = await controls!.seedUser({ email: "grace@example.com" });
    const seen = (fake as unknown as { requests: { method: string; path: string }[] }).requests.length;
    expect((await provider.users.get(id))?.email).toBe("grace@example.com");
    // Read back from the fake's own request log: the adapter asked the fake, not the mock.
    expect((fake as unknown as { requests: { method: string; path: string }[] }).requests.slice(seen).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/users/${id}`]);
  });

  it("AUTHMUX_PROVIDER=<vendor> alone: the live adapter, its credentials read from its own variables", async () => {
    const env = { AUTHMUX_PROVIDER: "kobble", KOBBLE_SDK_SECRET: "sk_live_from_env", KOBBLE_PROJECT_ID: "p", KOBBLE_APPLICATION_ID: "a", AUTHMUX_FAKE: "0" };
    const { provider, mode, controls, fake } = await loadProviderFromEnv({ env });
    expect([provider.name, mode, controls, fake]).toEqual(["kobble", "live", null, null]);
  });

  it("a missing vendor variable is invalid_input naming it, and never quotes another's value", async () => {
    const error = await rejection(loadProviderFromEnv({ env: { AUTHMUX_PROVIDER: "clerk", STYTCH_SECRET: "secret-live-do-not-echo" } }));
    expect(error).toMatchObject({ code: "invalid_input", message: expect.stringContaining("CLERK_SECRET_KEY") });
    expect(error.message).not.toContain("secret-live-do-not-echo");
  });

  it("an AUTHMUX_FAKE it cannot read is refused rather than taken as live", async () => {
    const error = await rejection(loadProviderFromEnv({ env: { AUTHMUX_PROVIDER: "clerk", AUTHMUX_FAKE: "please" } }));
    expect(error).toMatchObject({ code: "invalid_input", message: expect.stringContaining("AUTHMUX_FAKE") });
  });

  it("the mock and the fakes refuse NODE_ENV=production, saying to name the vendor", async () => {
    for (const [env, said] of [
      [{ NODE_ENV: "production" }, "no AUTHMUX_PROVIDER with NODE_ENV=production"],
      [{ NODE_ENV: "production", AUTHMUX_PROVIDER: "clerk", AUTHMUX_FAKE: "1" }, "AUTHMUX_FAKE with NODE_ENV=production"],
    ] as const) {
      const error = await rejection(loadProviderFromEnv({ env }));
      expect(error).toMatchObject({ code: "invalid_input", message: expect.stringContaining(said) });
      expect(error.message).toContain("name the vendor in AUTHMUX_PROVIDER (one of kobble, stytch, clerk, connectycube, kustomer)");
    }
  });

  it("requires is checked: a capability the vendor lacks fails at start-up", async () => {
    const error = await rejection(loadProviderFromEnv({ env: { AUTHMUX_PROVIDER: "kobble", AUTHMUX_FAKE: "1" }, requires: ["sessions.revoke"] }));
    expect(error.code).toBe("not_supported");
  });

  it("adapters are passed on (bundled apps)", async () => {
    const { provider, mode } = await loadProviderFromEnv({ env: { AUTHMUX_PROVIDER: "mock" }, adapters: [mockDefinition] });
    expect([provider.name, mode]).toEqual(["mock", "mock"]);
  });

  it("bad options are invalid_input", async () => {
    expect(await rejection(loadProviderFromEnv(null as never))).toMatchObject({ code: "invalid_input" });
  });
});
