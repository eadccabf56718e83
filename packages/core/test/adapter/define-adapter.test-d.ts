import { describe, expectTypeOf, it } from "vitest";
import * as z from "zod/mini";
import { defineAdapter, type User } from "../../src/index.js";
import { type AcmeOptions, acmeOptions } from "./acme-options.js";

const http = () => ({ baseUrl: "https://api.acme.test" });
const users = {
  get: async (_id: string): Promise<User | null> => null,
  getByEmail: async (_email: string): Promise<User | null> => null,
};
const webhooks = { verify: async () => ({ id: "e", type: "unknown" as const, vendorType: "ping", occurredAt: new Date(), data: {}, provider: "acme", raw: null }) };

describe("defineAdapter types the adapter from its description", () => {
  it("a declared capability whose members are not all built does not compile", () => {
    defineAdapter({
      name: "acme",
      capabilities: ["users.read"],
      options: acmeOptions,
      env: {},
      http,
      // @ts-expect-error users.read needs getByEmail as well as get
      build: () => ({ vendor: {}, members: { users: { get: users.get } } }),
    });
    defineAdapter({
      name: "acme",
      capabilities: ["users.read", "users.list"],
      options: acmeOptions,
      env: {},
      http,
      // @ts-expect-error users.list is declared but list is not built (iterate is derived, list is not)
      build: () => ({ vendor: {}, members: { users } }),
    });
  });

  it("an optional capability needs its builder, keyed to an option that exists", () => {
    defineAdapter({
      name: "acme",
      capabilities: ["users.read"],
      optional: { webhooks: "webhookSecret" },
      options: acmeOptions,
      env: {},
      http,
      // @ts-expect-error webhooks is optional here, so its builder must be given
      build: () => ({ vendor: {}, members: { users } }),
    });
    defineAdapter({
      name: "acme",
      capabilities: ["users.read"],
      // @ts-expect-error no such option
      optional: { webhooks: "webhookSecrett" },
      options: acmeOptions,
      env: {},
      http,
      build: () => ({ vendor: {}, members: { users }, optional: { webhooks: () => ({ webhooks }) } }),
    });
  });

  it("the factory's type has exactly the capabilities its options enable", () => {
    const adapter = defineAdapter({
      name: "acme",
      capabilities: ["users.read"],
      optional: { webhooks: "webhookSecret", "users.delete": "adminKey" },
      options: acmeOptions,
      env: {},
      http,
      build: () => ({
        vendor: { ping: () => "pong" },
        members: { users },
        optional: {
          webhooks: (secret) => {
            expectTypeOf(secret).toEqualTypeOf<string>();
            return { webhooks };
          },
          "users.delete": () => ({ users: { delete: async (_id: string) => undefined } }),
        },
      }),
    });
    const plain = adapter.create({ apiKey: "k" });
    expectTypeOf(plain.users.get).toBeFunction();
    expectTypeOf(plain.vendor.ping).toBeFunction();
    // @ts-expect-error no webhookSecret, no webhooks
    plain.webhooks;
    // @ts-expect-error no adminKey, no users.delete
    plain.users.delete;
    const full = adapter.create({ apiKey: "k", webhookSecret: "w", adminKey: "a" });
    expectTypeOf(full.webhooks.verify).toBeFunction();
    expectTypeOf(full.users.delete).toBeFunction();
    // An option that may be undefined does not promise the capability: narrow with supports() instead.
    const maybe = adapter.create({ apiKey: "k", webhookSecret: undefined as string | undefined });
    // @ts-expect-error webhookSecret may be missing at run time
    maybe.webhooks;
    expectTypeOf(adapter.definition.capabilities).toEqualTypeOf<readonly ("users.read" | "users.list" | "users.create" | "users.update" | "users.delete" | "users.metadata" | "tokens.verify" | "tokens.issue" | "sessions.authenticate" | "sessions.list" | "sessions.revoke" | "quotas" | "permissions" | "loginLinks" | "passwords" | "passwords.import" | "passwords.set" | "webhooks")[]>();
  });

  it("the options schema must parse the documented options type", () => {
    // @ts-expect-error apiKey parses to a number, not the string AcmeOptions documents
    const _wrong: OptionsSchema<AcmeOptions> = z.object({ apiKey: z.number() });
  });
});
