import { describe, expect, it } from "vitest";
import { isAuthmuxError, type Provider } from "../src/index.js";
import { runConformanceTest } from "../src/conformance/run.js";
import type { ConformanceTestId } from "../src/conformance/index.js";
import { createMockProvider, type MockProvider } from "../src/testing/index.js";

// The suite proves itself: each deliberately broken adapter below (the mock with one member made wrong the
// way a careless adapter would be) must fail the tests named for it, while the intact mock passes them.
// An adapter that reads back its own wrong writes, or makes up what the vendor should have said, is caught
// because the suite checks effects in the fake's own state.

type Full = MockProvider;
type Breakage = (mock: Full) => Partial<Provider<string, never>> & Record<string, unknown>;

const BROKEN: { name: string; break: Breakage; fails: ConformanceTestId[] }[] = [
  {
    name: "a login link whose URL is made up after calling the vendor",
    break: (mock) => ({
      loginLinks: {
        async create(userId: string, options?: { expiresInSeconds?: number }) {
          const link = await mock.loginLinks.create(userId, options);
          return { ...link, url: `https://mock.authmux.dev/login?token=${encodeURIComponent(`made-up-${userId}`)}` };
        },
      },
    }),
    fails: ["loginLinks › a link signs in its user at the vendor, with the exact expiry"],
  },
  {
    name: "a metadata patch that replaces the whole bag",
    break: (mock) => ({ users: { ...mock.users, patchMetadata: (id: string, partial: Record<string, never>) => mock.users.replaceMetadata(id, stripNulls(partial)) } }),
    fails: ["users.metadata › patchMetadata merges the top level and null removes a key"],
  },
  {
    name: "a list that hands back the first page again",
    break: (mock) => ({
      users: {
        ...mock.users,
        async list(options?: { limit?: number; cursor?: string | null }) {
          const first = await mock.users.list({ ...options, cursor: null });
          // Pages forward as far as the real list does, but every page is the first.
          const real = await mock.users.list(options);
          return { items: first.items, nextCursor: real.nextCursor };
        },
      },
    }),
    fails: ["users.list › pages of limit cover every user exactly once, in a stable order"],
  },
  {
    name: "a create retried after a 5xx (a POST sent twice)",
    break: (mock) => ({
      users: {
        ...mock.users,
        async create(input: { email: string }) {
          try {
            return await mock.users.create(input);
          } catch (error) {
            if (isAuthmuxError(error) && error.code === "provider_unavailable") return mock.users.create(input);
            throw error;
          }
        },
      },
    }),
    fails: ["failures › a create under a 5xx is sent exactly once, is provider_unavailable, and stores nothing"],
  },
  {
    name: "a getByEmail that answers the first user",
    break: (mock) => ({
      users: {
        ...mock.users,
        async getByEmail(email: string) {
          await mock.users.getByEmail(email);
          return (await mock.users.list({ limit: 1 })).items[0] ?? null;
        },
      },
    }),
    fails: ["users.read › getByEmail finds that user among others, whatever the case of the email"],
  },
  {
    name: "a revoke that does nothing",
    break: (mock) => ({ sessions: { ...mock.sessions, revoke: async (sessionId: string) => void (await mock.sessions.list("user_000001").catch(() => sessionId)) } }),
    fails: ["sessions.revoke › revoke ends that session at the vendor, and only that one", "sessions.authenticate › a revoked session is session_invalid"],
  },
  {
    name: "a create that stores the name it was not given",
    break: (mock) => ({ users: { ...mock.users, create: (input: { email: string; name?: string }) => mock.users.create({ ...input, name: "Someone Else" }) } }),
    fails: ["users.create › create stores the user with exact fields and returns it"],
  },
  {
    name: "a create that drops the fields it does not know (a misspelt one is lost silently)",
    break: (mock) => ({
      users: {
        ...mock.users,
        create: (input: { email: string }) =>
          mock.users.create(typeof input === "object" && input !== null ? (Object.fromEntries(Object.entries(input).filter(([key]) => ["email", "name", "phone", "password", "metadata"].includes(key))) as { email: string }) : input),
      },
    }),
    fails: ["users.create › bad input is invalid_input before any request"],
  },
  {
    name: "an update that reports the change without making it",
    break: (mock) => ({
      users: {
        ...mock.users,
        async update(id: string, patch: { name?: string | null }) {
          const user = await mock.users.get(id);
          if (!user) return mock.users.update(id, patch);
          return { ...user, ...patch };
        },
      },
    }),
    fails: ["users.update › update changes the given fields only"],
  },
  {
    name: "a delete that answers but keeps the user",
    break: (mock) => ({ users: { ...mock.users, delete: async (id: string) => void (await mock.users.get(id)) } }),
    fails: ["users.delete › delete removes the user and only them; deleting again is not_found"],
  },
  {
    name: "a quota increment that reports the new count without storing it",
    break: (mock) => ({
      quotas: {
        ...mock.quotas,
        async increment(userId: string, name: string, by = 1) {
          const quota = (await mock.quotas.get(userId, name))!;
          return { ...quota, used: quota.used + by, remaining: quota.remaining === null ? null : quota.remaining - by };
        },
      },
    }),
    fails: ["quotas › increment, decrement and set change the stored usage exactly"],
  },
];

function setupWith(breakage: Breakage | undefined) {
  return () => {
    const mock = createMockProvider({ quotas: { requests: { limit: 1000 }, exports: { limit: 10 } } });
    const provider = breakage ? { ...mock, ...breakage(mock) } : mock;
    return { provider: provider as Full, controls: mock.controls };
  };
}

function stripNulls(partial: Record<string, unknown>): Record<string, never> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== null)) as Record<string, never>;
}

describe("the conformance suite fails deliberately broken adapters", () => {
  for (const broken of BROKEN) {
    it(`${broken.name}: fails ${broken.fails.length === 1 ? "its test" : "its tests"}, which the intact mock passes`, async () => {
      for (const id of broken.fails) {
        await expect(runConformanceTest({ name: "intact mock", setup: setupWith(undefined) }, id), `intact mock: ${id}`).resolves.toBe("passed");
        // An assertion of the suite fails, not the broken code crashing.
        await expect(runConformanceTest({ name: broken.name, setup: setupWith(broken.break) }, id), `broken: ${id}`).rejects.toMatchObject({ name: "AssertionError" });
      }
    });
  }
});
