import * as z from "zod/mini";
import { describe, expect, it } from "vitest";
import { type AuthmuxError, isAuthmuxError, loadProvider, optionsFromEnv, type ProviderDefinition, assembleProvider } from "../src/index.js";
import { missingAdapterMessage } from "../src/config/load-provider.js";

async function rejection(p: Promise<unknown>): Promise<AuthmuxError> {
  try {
    await p;
  } catch (error) {
    return error as AuthmuxError;
  }
  throw new Error("expected a rejection");
}

// A tiny adapter, passed through `adapters`, to test option handling without a vendor package.
const created: unknown[] = [];
const acmeDefinition: ProviderDefinition<"acme", { apiKey: string; region: string }> = {
  name: "acme",
  capabilities: ["users.read"],
  optionsSchema: z.object({ apiKey: z.string().check(z.minLength(10)), region: z._default(z.string(), "eu") }) as never,
  envVariables: { apiKey: "ACME_API_KEY", region: "ACME_REGION" },
  fromEnv: (env) => optionsFromEnv(env, acmeDefinition.envVariables),
  create(options) {
    created.push(options);
    return assembleProvider({
      name: "acme",
      capabilities: ["users.read"],
      vendor: {},
      implementation: { users: { get: async () => null, getByEmail: async () => null } },
    });
  },
};

describe("loadProvider", () => {
  it("builds the mock from AUTHMUX_PROVIDER and types the result by `requires`", async () => {
    const auth = await loadProvider({ env: { AUTHMUX_PROVIDER: "mock" }, requires: ["users.create", "tokens.verify"] });
    expect(auth.name).toBe("mock");
    const user = await auth.users.create({ email: "ada@example.com" });
    expect(user.id).toBe("user_000001");
  });

  it("reads the host environment when no env is passed", async () => {
    const before = process.env.AUTHMUX_PROVIDER;
    process.env.AUTHMUX_PROVIDER = "mock";
    try {
      expect((await loadProvider()).name).toBe("mock");
    } finally {
      if (before === undefined) delete process.env.AUTHMUX_PROVIDER;
      else process.env.AUTHMUX_PROVIDER = before;
    }
  });

  it("matches the provider name in any case and around spaces", async () => {
    expect((await loadProvider({ env: { AUTHMUX_PROVIDER: " Mock " } })).name).toBe("mock");
    expect((await loadProvider({ provider: "MOCK", env: {} })).name).toBe("mock");
  });

  it("an explicit provider wins over AUTHMUX_PROVIDER", async () => {
    const auth = await loadProvider({ provider: "mock", env: { AUTHMUX_PROVIDER: "clerk" } });
    expect(auth.name).toBe("mock");
  });

  it("no provider at all is invalid_input saying what to set", async () => {
    const error = await rejection(loadProvider({ env: {} }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("AUTHMUX_PROVIDER");
  });

  it("an unknown provider name is invalid_input listing the known ones", async () => {
    const error = await rejection(loadProvider({ provider: "okta!", env: {} }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/unknown provider "okta!".*mock, kobble, stytch, clerk, connectycube, kustomer/);
    const unknownPkg = await rejection(loadProvider({ provider: "okta", env: {} }));
    expect(unknownPkg.code).toBe("invalid_input");
    expect(unknownPkg.message).toContain('unknown provider "okta"');
  });

  it("a known vendor whose package is missing says which package to install", () => {
    // Every adapter is installed in this workspace, so the message itself is what can be checked here;
    // the import failure that leads to it is exercised by the unknown-package test above.
    expect(missingAdapterMessage("kustomer")).toBe("provider \"kustomer\" needs the package @authmux/kustomer: install it (npm install @authmux/kustomer); in a bundled app, pass its definition in adapters");
    expect(missingAdapterMessage("mock")).toMatch(/adapters: \[mockDefinition\]/);
    expect(missingAdapterMessage("okta")).toContain("(or install a package named @authmux/okta)");
  });

  it("options come from the vendor's variables, explicit options win, and the schema applies defaults", async () => {
    created.length = 0;
    await loadProvider({ adapters: [acmeDefinition], env: { AUTHMUX_PROVIDER: "acme", ACME_API_KEY: "key_from_env_123" } });
    await loadProvider({ adapters: [acmeDefinition], provider: "acme", apiKey: "key_explicit_456", env: { ACME_API_KEY: "key_from_env_123", ACME_REGION: "us" } });
    expect(created).toEqual([
      { apiKey: "key_from_env_123", region: "eu" },
      { apiKey: "key_explicit_456", region: "us" },
    ]);
  });

  it("a missing variable is invalid_input naming the option and the variable, never a value", async () => {
    const missing = await rejection(loadProvider({ adapters: [acmeDefinition], env: { AUTHMUX_PROVIDER: "acme" } }));
    expect(missing.code).toBe("invalid_input");
    expect(missing.message).toBe('invalid acme options: option "apiKey" (environment variable ACME_API_KEY) is missing');
    const short = await rejection(loadProvider({ adapters: [acmeDefinition], env: { AUTHMUX_PROVIDER: "acme", ACME_API_KEY: "tiny-secret" .slice(0, 5) } }));
    expect(short.code).toBe("invalid_input");
    expect(short.message).toContain('option "apiKey" (environment variable ACME_API_KEY)');
    expect(short.message).not.toContain("tiny-");
  });

  it("a missing required capability fails at start-up with not_supported", async () => {
    const error = await rejection(
      loadProvider({ adapters: [acmeDefinition], provider: "acme", apiKey: "key_explicit_456", requires: ["users.read", "loginLinks"] }),
    );
    expect(error.code).toBe("not_supported");
    expect(error.message).toBe('provider "acme" lacks required capabilities: loginLinks (it has: users.read)');
  });

  it("an unknown capability in requires is invalid_input", async () => {
    const error = await rejection(loadProvider({ provider: "mock", requires: ["users.teleport" as never] }));
    expect(error.code).toBe("invalid_input");
  });
});

describe("loadProvider refuses options the adapter does not have", () => {
  it("a misspelt option is invalid_input naming it and the option meant, before anything is built", async () => {
    const error = await loadProvider({ provider: "mock", tiemoutMs: 5 } as never).catch((e: unknown) => e);
    expect(isAuthmuxError(error) && error.code).toBe("invalid_input");
    expect((error as Error).message).toBe('invalid mock options: unknown option "tiemoutMs" (did you mean "timeoutMs"?)');
    const two = await loadProvider({ provider: "mock", isuer: "x", zzz: 1 } as never).catch((e: unknown) => e);
    expect((two as Error).message).toBe('invalid mock options: unknown options "isuer" (did you mean "issuer"?), "zzz"');
  });

  it("the common options are accepted by every provider, the mock too", async () => {
    const auth = await loadProvider({ provider: "mock", timeoutMs: 5000, retry: { limit: 1 }, hooks: {} });
    expect(auth.name).toBe("mock");
  });
});
