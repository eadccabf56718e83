import { describe, expect, it } from "vitest";
import type { ProviderHooks } from "@authmux/core";
import type { Fault } from "@authmux/core/testing";
import { clerk } from "../src/index.js";
import { createClerkFake } from "../src/testing/index.js";

// The observability hooks on the real adapter against Clerk's fake: what an app's logger would see.
describe("hooks on the Clerk adapter", () => {
  it("vendor calls, the key-set fetch and verifications are reported with templates, statuses and capabilities, never a secret", async () => {
    const fake = createClerkFake();
    const events: Array<[string, Record<string, unknown>]> = [];
    const record = (name: string) => (event: object) => events.push([name, { ...event }]);
    const hooks: ProviderHooks = { onRequest: record("onRequest"), onResponse: record("onResponse"), onRetry: record("onRetry"), onJwksFetch: record("onJwksFetch"), onVerify: record("onVerify") };
    const auth = clerk({ ...fake.adapterOptions, hooks });

    const { id } = await fake.controls.seedUser({ email: "ada@example.com" });
    const token = await fake.controls.issueToken(id);
    expect((await auth.users.get(id))?.email).toBe("ada@example.com");
    expect((await auth.tokens.verify(token)).userId).toBe(id);
    expect((await auth.tokens.verify(token)).userId).toBe(id);
    fake.controls.failNext({ kind: "unavailable" });
    expect((await auth.users.getByEmail("ada@example.com"))?.id).toBe(id);

    const responses = events.filter(([name]) => name === "onResponse").map(([, e]) => [e.member, e.method, e.path, e.status, e.attempt, e.retrying]);
    expect(responses).toEqual([
      ["users.get", "GET", "/users/{param}", 200, 1, false],
      ["users.getByEmail", "GET", "/users", 503, 1, true],
      ["users.getByEmail", "GET", "/users", 200, 2, false],
    ]);
    expect(events.filter(([name]) => name === "onRetry")).toHaveLength(1);
    expect(events.filter(([name]) => name === "onJwksFetch").map(([, e]) => [e.ok, e.status])).toEqual([[true, 200]]);
    expect(events.filter(([name]) => name === "onVerify").map(([, e]) => [e.provider, e.cached, e.ok])).toEqual([
      ["clerk", false, true],
      ["clerk", true, true],
    ]);
    const text = JSON.stringify(events);
    for (const secret of [fake.options.secretKey, token, id, "ada@example.com"]) expect(text).not.toContain(secret);
  });
});

describe("the fake's failNext", () => {
  it("refuses a fault written wrong instead of injecting another", () => {
    const fake = createClerkFake();
    expect(() => fake.controls.failNext({ status: 503 } as unknown as Fault)).toThrow(/kind/);
    expect(fake.controls.requestCount()).toBe(0);
  });
});
