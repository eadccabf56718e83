import { expect } from "vitest";
import type { TestContext, TestTable } from "../context.js";

/** A call that reaches the vendor, from whatever the provider declares. */
export function probeFor(t: TestContext): ((userId: string) => Promise<unknown>) | null {
  const a = t.auth as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>> | undefined>;
  if (a.users?.get) return (id) => a.users!.get!(id);
  if (a.permissions?.list) return (id) => a.permissions!.list!(id);
  if (a.quotas?.list) return (id) => a.quotas!.list!(id);
  if (a.sessions?.list) return (id) => a.sessions!.list!(id);
  return null;
}

async function withProbe(t: TestContext, run: (probe: (userId: string) => Promise<unknown>, userId: string) => Promise<void>) {
  const probe = probeFor(t);
  if (!probe) return;
  await run(probe, await t.seed());
}

export const failuresTests = {
  "a 429 is rate_limited with retryAfter and the vendor error as cause": async (t) => {
    await withProbe(t, async (probe, id) => {
      // Above the HTTP layer's Retry-After cap, so the client gives up at once instead of waiting.
      t.controls.failNext({ kind: "rate_limited", retryAfterSec: 120 }, 5);
      const error = await t.rejects(() => probe(id), "rate_limited");
      expect(error.retryAfter).toBe(120);
      expect(error.status).toBe(429);
      expect(error.provider).toBe(t.auth.name);
      expect(error.cause).toBeDefined();
    });
  },
  "repeated 5xx is provider_unavailable with the status": async (t) => {
    await withProbe(t, async (probe, id) => {
      t.controls.failNext({ kind: "unavailable", status: 503 }, 10);
      const error = await t.rejects(() => probe(id), "provider_unavailable");
      expect(error.status).toBe(503);
      expect(error.cause).toBeDefined();
    });
  },
  "the vendor refusing our credentials is provider_auth_failed": async (t) => {
    await withProbe(t, async (probe, id) => {
      t.controls.failNext({ kind: "auth_failed" }, 10);
      const error = await t.rejects(() => probe(id), "provider_auth_failed");
      expect(error.status).toBe(401);
      expect(error.cause).toBeDefined();
    });
  },
  "a body that is not the promised JSON is provider_unavailable": async (t) => {
    await withProbe(t, async (probe, id) => {
      t.controls.failNext({ kind: "malformed_body" }, 10);
      const error = await t.rejects(() => probe(id), "provider_unavailable");
      expect(error.cause).toBeDefined();
    });
  },
  "the provider works again once the vendor recovers": async (t) => {
    await withProbe(t, async (probe, id) => {
      t.controls.failNext({ kind: "unavailable", status: 502 }, 1);
      await probe(id).catch(() => undefined);
      await expect(probe(id)).resolves.toBeDefined();
    });
  },
} satisfies TestTable;
