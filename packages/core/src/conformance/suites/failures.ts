import { expect } from "vitest";
import { needs, type TestContext, type TestTable } from "../context.js";

/** A read that reaches the vendor, from whatever the provider declares. */
export function probeFor(t: TestContext): (userId: string) => Promise<unknown> {
  const a = t.auth as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>> | undefined>;
  if (a.users?.get) return (id) => a.users!.get!(id);
  if (a.permissions?.list) return (id) => a.permissions!.list!(id);
  if (a.quotas?.list) return (id) => a.quotas!.list!(id);
  if (a.sessions?.list) return (id) => a.sessions!.list!(id);
  throw new Error("the suite probes vendor failures with users.get, permissions.list, quotas.list or sessions.list; the provider has none");
}

export const failuresTests = {
  "a 429 is rate_limited with retryAfter and the vendor error as cause": async (t) => {
    const probe = probeFor(t);
    const id = await t.seed();
    // Above the HTTP layer's Retry-After cap, so the client gives up at once instead of waiting.
    t.controls.failNext({ kind: "rate_limited", retryAfterSec: 120 }, 5);
    const error = await t.rejects(() => probe(id), "rate_limited");
    expect(error.retryAfter).toBe(120);
    expect(error.status).toBe(429);
    expect(error.provider).toBe(t.auth.name);
    expect(error.cause).toBeDefined();
  },
  "a read under a lasting 5xx is retried as configured, then provider_unavailable with the status": async (t) => {
    const probe = probeFor(t);
    const id = await t.seed();
    t.controls.failNext({ kind: "unavailable", status: 503 }, 10);
    const { requests, error } = await t.counting(() => probe(id));
    expect(error).toMatchObject({ code: "provider_unavailable", status: 503 });
    expect((error as { cause?: unknown }).cause).toBeDefined();
    expect(requests, "attempts at the vendor: the first and retryLimit retries").toBe(t.fixtures.retryLimit + 1);
  },
  "a create under a 5xx is sent exactly once, is provider_unavailable, and stores nothing": needs(["users.create"], async (t) => {
    const email = t.email("once");
    t.controls.failNext({ kind: "unavailable", status: 503 }, 10);
    const { requests, error } = await t.counting(() => t.auth.users.create({ email }));
    expect(error).toMatchObject({ code: "provider_unavailable", status: 503 });
    expect(requests, "a create is not idempotent: one attempt only").toBe(1);
    expect(await t.controls.peekUser({ email })).toBeNull();
  }),
  "the vendor refusing our credentials is provider_auth_failed": async (t) => {
    const probe = probeFor(t);
    const id = await t.seed();
    t.controls.failNext({ kind: "auth_failed" }, 10);
    const error = await t.rejects(() => probe(id), "provider_auth_failed");
    expect(error.status).toBe(401);
    expect(error.cause).toBeDefined();
  },
  "a body that is not the promised JSON is provider_unavailable": async (t) => {
    const probe = probeFor(t);
    const id = await t.seed();
    t.controls.failNext({ kind: "malformed_body" }, 10);
    const error = await t.rejects(() => probe(id), "provider_unavailable");
    expect(error.cause).toBeDefined();
  },
  "the provider works again once the vendor recovers": async (t) => {
    const probe = probeFor(t);
    const id = await t.seed();
    t.controls.failNext({ kind: "unavailable", status: 502 }, t.fixtures.retryLimit + 1);
    await t.rejects(() => probe(id), "provider_unavailable");
    await expect(probe(id)).resolves.toBeDefined();
  },
} satisfies TestTable;
