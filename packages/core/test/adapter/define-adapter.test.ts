import { describe, expect, it } from "vitest";
import { defineAdapter, loadProvider, type User, vendorPath } from "../../src/index.js";
import { acmeOptions } from "./acme-options.js";

/** A small adapter over a fetch that records what it sends. */
function acme() {
  const built: string[] = [];
  const adapter = defineAdapter({
    name: "acme",
    capabilities: ["users.read"],
    optional: { webhooks: "webhookSecret", "users.delete": "adminKey" },
    options: acmeOptions,
    env: { apiKey: "ACME_API_KEY", webhookSecret: "ACME_WEBHOOK_SECRET", adminKey: "ACME_ADMIN_KEY" },
    http: (o) => ({ baseUrl: o.baseUrl ?? "https://api.acme.test", headers: { authorization: `Bearer ${o.apiKey}` }, secrets: [o.apiKey] }),
    build(o, { http, clock }) {
      built.push("members");
      return {
        vendor: { now: clock },
        members: {
          users: {
            get: async (id: string) => (await http.request<User | null>("GET", vendorPath`/users/${id}`)).data,
            getByEmail: async () => null,
          },
        },
        optional: {
          webhooks: (secret) => {
            built.push(`webhooks:${secret}`);
            return { webhooks: { verify: async () => ({ id: "e", type: "unknown", vendorType: "x", occurredAt: new Date(clock()), data: {}, provider: "acme", raw: null }) } };
          },
          "users.delete": (key) => {
            built.push(`delete:${key}`);
            return { users: { delete: async (id: string) => void (await http.request("DELETE", vendorPath`/users/${id}`, { headers: { "x-admin-key": key } })) } };
          },
        },
      };
    },
  });
  return { adapter, built };
}

function recordingFetch(answer: () => Response = () => Response.json({ id: "u1" })) {
  const sent: { url: string; headers: Headers }[] = [];
  return {
    sent,
    fetch: async (input: Request | string | URL, init?: RequestInit) => {
      sent.push({ url: String(input), headers: new Headers(init?.headers) });
      return answer();
    },
  };
}

describe("defineAdapter at run time", () => {
  it("validates options first: invalid_input names the option and its variable, and nothing is built", () => {
    const { adapter, built } = acme();
    expect(() => adapter.create({ apiKey: "" })).toThrow(/option "apiKey" \(environment variable ACME_API_KEY\)/);
    expect(() => adapter.create({ apiKey: "k", timeoutMs: -5 } as never)).toThrow(expect.objectContaining({ code: "invalid_input" }));
    expect(built).toEqual([]);
  });

  it("declares exactly the capabilities the options enable, building each optional member only then, from its option's value", () => {
    const { adapter, built } = acme();
    const plain = adapter.create({ apiKey: "k" });
    expect(plain.capabilities).toEqual(["users.read"]);
    expect("webhooks" in plain).toBe(false);
    expect((plain as { users: object }).users).not.toHaveProperty("delete");
    const full = adapter.create({ apiKey: "k", webhookSecret: "whsec", adminKey: "adm" });
    expect(full.capabilities).toEqual(["users.read", "users.delete", "webhooks"]);
    expect(typeof full.users.delete).toBe("function");
    expect(typeof full.users.get).toBe("function");
    expect(built).toEqual(["members", "members", "delete:adm", "webhooks:whsec"]);
    expect(adapter.definition.capabilities).toEqual(["users.read", "users.delete", "webhooks"]);
  });

  it("builds the HTTP client with the common options: fetch, clock, retry, timeout and the response cap", async () => {
    const { adapter } = acme();
    const { fetch, sent } = recordingFetch(() => Response.json({ id: "x".repeat(200) }));
    const auth = adapter.create({ apiKey: "key-123", baseUrl: "https://eu.acme.test/v2", fetch, clock: () => 42, retry: { limit: 0 }, maxResponseBytes: 64 });
    expect(auth.vendor.now()).toBe(42);
    await expect(auth.users.get("u 1")).rejects.toMatchObject({ code: "provider_unavailable", message: expect.stringContaining("too large") });
    expect(sent.map((s) => [s.url, s.headers.get("authorization")])).toEqual([["https://eu.acme.test/v2/users/u%201", "Bearer key-123"]]);
    const removal = adapter.create({ apiKey: "key-123", adminKey: "adm", fetch });
    await removal.users.delete("u1");
    expect(sent[1]!.headers.get("x-admin-key")).toBe("adm");
  });

  it("is what loadProvider builds from the environment, without parsing twice", async () => {
    const { adapter } = acme();
    const { fetch } = recordingFetch();
    const auth = await loadProvider({
      provider: "acme",
      adapters: [adapter.definition],
      env: { ACME_API_KEY: "from-env", ACME_WEBHOOK_SECRET: "whsec_env" },
      fetch,
      requires: ["users.read", "webhooks"],
    });
    expect(auth.capabilities).toEqual(["users.read", "webhooks"]);
    await expect(loadProvider({ provider: "acme", adapters: [adapter.definition], env: { ACME_API_KEY: "k" }, requires: ["webhooks"] })).rejects.toMatchObject({ code: "not_supported" });
  });

  it("refuses at run time a build that lacks a declared member (a JavaScript adapter, or types cast away)", () => {
    const broken = defineAdapter({
      name: "broken",
      capabilities: ["users.read"],
      options: acmeOptions,
      env: {},
      http: () => ({ baseUrl: "https://api.acme.test" }),
      build: () => ({ vendor: {}, members: { users: { get: async () => null } } as never }),
    });
    expect(() => broken.create({ apiKey: "k" })).toThrow(/declares "users.read" but has no users.getByEmail/);
  });
});
