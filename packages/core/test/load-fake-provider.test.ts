import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as z from "zod/mini";
import { afterEach, describe, expect, it, vi } from "vitest";
import { assembleProvider, type AuthmuxError, type ProviderDefinition } from "../src/index.js";
import { createMockProvider, type LoadableFake, loadFakeProvider } from "../src/testing/index.js";
import { importFakeFactory } from "../src/testing/load-fake-provider.js";

/** The error `p` rejects with (the test fails if it resolves). */
const rejection = (p: Promise<unknown>): Promise<AuthmuxError> =>
  p.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error as AuthmuxError,
  );

/** An `invalid_input` error whose message contains `text`. */
const invalid = (text: string) => ({ code: "invalid_input", message: expect.stringContaining(text) });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("loadFakeProvider: each real adapter against its vendor's fake", () => {
  it.each(["clerk", "stytch", "kobble", "connectycube", "kustomer"])("%s: a seeded user is read through the adapter, a minted token verifies", async (vendor) => {
    const { provider, fake, controls } = await loadFakeProvider({ provider: vendor, requires: ["users.read", "tokens.verify"] });
    expect(provider.name).toBe(vendor);
    const { id } = await controls.seedUser({ email: "ada@example.com", name: "Ada Lovelace" });
    const before = controls.requestCount();
    const user = await provider.users.get(id);
    expect(user).toMatchObject({ id, email: "ada@example.com", provider: vendor });
    // The adapter went through the fake (its own request log), not somewhere else.
    expect(controls.requestCount()).toBeGreaterThan(before);
    expect(fake).not.toBeNull();
    const verified = await provider.tokens.verify(await controls.issueToken(id));
    expect(verified.userId).toBe(id);
    expect((await controls.peekUser(id))?.email).toBe("ada@example.com");
  });

  it("provider names are case-insensitive, and AUTHMUX_PROVIDER names one when `provider` is absent", async () => {
    expect((await loadFakeProvider({ provider: " Clerk " })).provider.name).toBe("clerk");
    expect((await loadFakeProvider({ env: { AUTHMUX_PROVIDER: "STYTCH" } })).provider.name).toBe("stytch");
  });

  it("other keys are the fake's options: Kobble's quotas reach the adapter through the fake", async () => {
    const { provider, controls } = await loadFakeProvider({ provider: "kobble", requires: ["quotas"], quotas: [{ name: "exports", limit: 7 }] });
    const { id } = await controls.seedUser({ email: "q@example.com" });
    const quota = await provider.quotas.get(id, "exports");
    expect(quota).toMatchObject({ name: "exports", used: 0, limit: 7, remaining: 7 });
  });

  it("adapterOptions lie over the fake's: Clerk reads private metadata when told to", async () => {
    const { provider, controls } = await loadFakeProvider({ provider: "clerk", requires: ["users.read"], adapterOptions: { metadataField: "private" } });
    const seed = controls.seedUser as (input: { email: string; metadata?: object; privateMetadata?: object }) => Promise<{ id: string }>;
    const { id } = await seed({ email: "p@example.com", metadata: { side: "public" }, privateMetadata: { side: "private" } });
    expect((await provider.users.get(id))?.metadata).toEqual({ side: "private" });
  });

  it("an invalid adapter option is invalid_input naming it", async () => {
    const error = await rejection(loadFakeProvider({ provider: "clerk", adapterOptions: { timeoutMs: -5 } }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/timeoutMs/);
  });

  it("the host's vendor variables never reach the fake's adapter", async () => {
    vi.stubEnv("CLERK_JWT_KEY", "not a pem key");
    vi.stubEnv("CLERK_SECRET_KEY", "sk_live_a_real_looking_secret");
    const { provider, controls } = await loadFakeProvider({ provider: "clerk", requires: ["users.read"] });
    const { id } = await controls.seedUser({ email: "env@example.com" });
    expect((await provider.users.get(id))?.email).toBe("env@example.com");
  });

  it("a missing required capability is not_supported, as with loadProvider", async () => {
    const error = await rejection(loadFakeProvider({ provider: "connectycube", requires: ["users.list"] }));
    expect(error.code).toBe("not_supported");
    expect(error.message).toContain("users.list");
  });
});

describe("loadFakeProvider: the mock", () => {
  it("provider \"mock\" gives the mock with its controls, its options applied, and no fake", async () => {
    const { provider, fake, controls } = await loadFakeProvider({ provider: "Mock", requires: ["users.read", "quotas"], quotas: { seats: { limit: 4 } } });
    expect(provider.name).toBe("mock");
    expect(fake).toBeNull();
    const { id } = await controls.seedUser({ email: "m@example.com" });
    expect((await provider.users.get(id))?.email).toBe("m@example.com");
    expect(await provider.quotas.get(id, "seats")).toMatchObject({ used: 0, limit: 4 });
  });

  it("requires is checked against the mock's declared capabilities", async () => {
    const error = await rejection(loadFakeProvider({ provider: "mock", capabilities: ["users.read"], requires: ["loginLinks"] }));
    expect(error.code).toBe("not_supported");
  });
});

describe("loadFakeProvider: refusals", () => {
  it("NODE_ENV=production in the given env is refused before anything is built", async () => {
    const fakes = { acme: vi.fn() };
    const error = await rejection(loadFakeProvider({ provider: "acme", env: { NODE_ENV: "production" }, fakes }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("NODE_ENV=production");
    expect(fakes.acme).not.toHaveBeenCalled();
  });

  it("NODE_ENV=production on the host is refused even when `env` says otherwise", async () => {
    vi.stubEnv("NODE_ENV", "production");
    await expect(loadFakeProvider({ provider: "mock", env: { NODE_ENV: "test" } })).rejects.toMatchObject(invalid("NODE_ENV=production"));
  });

  it("no provider at all is invalid_input saying what to set", async () => {
    await expect(loadFakeProvider({ env: {} })).rejects.toMatchObject(invalid("AUTHMUX_PROVIDER"));
  });

  it("an unknown or malformed name is invalid_input listing the known providers", async () => {
    await expect(loadFakeProvider({ provider: "acme" })).rejects.toMatchObject(invalid("clerk"));
    await expect(loadFakeProvider({ provider: "../etc" })).rejects.toMatchObject(invalid("clerk"));
  });
});

describe("loadFakeProvider: bundled apps pass adapters and fakes", () => {
  // A tiny vendor: its definition and its fake, given without any package import.
  const store = new Map<string, string>();
  const acmeDefinition: ProviderDefinition<"acme", { apiKey: string; fetch?: unknown }> = {
    name: "acme",
    capabilities: ["users.read"],
    optionsSchema: z.object({ apiKey: z.string().check(z.minLength(4)), fetch: z.optional(z.any()) }) as never,
    envVariables: { apiKey: "ACME_API_KEY" },
    fromEnv: () => ({}),
    create: (options) =>
      assembleProvider({
        name: "acme",
        capabilities: ["users.read"],
        vendor: {},
        implementation: {
          users: {
            get: async (id: string) => {
              const email = options.apiKey === "acme-test-key" ? store.get(id) : undefined;
              return email ? { id, email, emailVerified: true, phone: null, phoneVerified: false, name: null, metadata: {}, createdAt: new Date(0), updatedAt: null, provider: "acme", raw: {} } : null;
            },
            getByEmail: async () => null,
          },
        },
      }),
  };
  const createAcmeFake = vi.fn((options: Record<string, unknown>): LoadableFake => {
    const mock = createMockProvider();
    return {
      adapterOptions: { apiKey: options.key ?? "acme-test-key" },
      controls: { ...mock.controls, seedUser: async ({ email }) => (store.set("u1", email), { id: "u1" }) },
    };
  });

  it("the given fake factory gets the fake options; the given definition builds the adapter from its adapterOptions", async () => {
    const { provider, controls } = await loadFakeProvider({ provider: "ACME", adapters: [acmeDefinition], fakes: { acme: createAcmeFake }, region: "eu", requires: ["users.read"] });
    expect(createAcmeFake).toHaveBeenCalledWith({ region: "eu" });
    const { id } = await controls.seedUser({ email: "b@example.com" });
    expect((await provider.users.get(id))?.email).toBe("b@example.com");
  });

  it("a factory that is not a vendor fake is invalid_input", async () => {
    const error = await rejection(loadFakeProvider({ provider: "acme", adapters: [acmeDefinition], fakes: { acme: () => ({}) as LoadableFake } }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("adapterOptions");
  });
});

describe("importFakeFactory", () => {
  it("finds create<Vendor>Fake whatever its case", async () => {
    const createConnectyCubeFake = () => ({});
    const found = await importFakeFactory("connectycube", async () => ({ createConnectyCubeFake, other: 1 }));
    expect(found).toBe(createConnectyCubeFake);
  });

  it("a module without a fake factory is invalid_input", async () => {
    const error = await rejection(importFakeFactory("clerk", async () => ({ clerk: () => null })));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("create…Fake");
  });

  it("a /testing entry whose msw is not installed: the error names the package to install", async () => {
    // Node's own error for a module importing msw from a folder where msw cannot be resolved (vitest's resolver
    // would find the workspace's copy, so the import runs in a plain node child).
    const dir = mkdtempSync(join(tmpdir(), "authmux-no-msw-"));
    let thrown: Error & { code?: string };
    try {
      writeFileSync(join(dir, "testing.mjs"), 'import { http } from "msw";\nexport const createAcmeFake = () => http;\n');
      writeFileSync(join(dir, "probe.mjs"), 'try { await import("./testing.mjs"); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }\n');
      const seen = JSON.parse(execFileSync(process.execPath, [join(dir, "probe.mjs")], { cwd: dir, encoding: "utf8" })) as { code: string; message: string };
      thrown = Object.assign(new Error(seen.message), { code: seen.code });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(thrown.code).toBe("ERR_MODULE_NOT_FOUND");
    const error = await rejection(importFakeFactory("acme", async () => Promise.reject(thrown)));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("@authmux/acme/testing needs the package msw: install it as a dev dependency (npm install --save-dev msw)");
    expect(error.cause).toBe(thrown);
  });

  it("a vendor package that is not installed: the error says which to install", async () => {
    const missing = Object.assign(new Error("Cannot find package '@authmux/kobble' imported from /app/x.js"), { code: "ERR_MODULE_NOT_FOUND" });
    const error = await rejection(importFakeFactory("kobble", async () => Promise.reject(missing)));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("npm install @authmux/kobble");
  });

  it("any other import failure keeps its own error", async () => {
    const broken = new SyntaxError("Unexpected token");
    await expect(importFakeFactory("kobble", async () => Promise.reject(broken))).rejects.toBe(broken);
  });
});
