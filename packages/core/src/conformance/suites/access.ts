import { expect } from "vitest";
import type { TestTable } from "../context.js";

export const quotasTests = {
  "a seeded user's quotas start unused": async (t) => {
    const [a, b] = t.fixtures.quotas;
    const id = await t.seed();
    const quotas = await t.auth.quotas.list(id);
    expect(quotas.find((q) => q.name === a.name)).toMatchObject({ name: a.name, used: 0, limit: a.limit, remaining: a.limit });
    expect(quotas.find((q) => q.name === b.name)).toMatchObject({ name: b.name, used: 0, limit: b.limit, remaining: b.limit });
    expect(await t.auth.quotas.get(id, a.name)).toMatchObject({ used: 0, remaining: a.limit });
  },
  "increment, decrement and set change the stored usage exactly": async (t) => {
    const [a, b] = t.fixtures.quotas;
    const id = await t.seed();
    const stored = async () => (await t.control("peekQuota")(id, a.name))?.used;
    expect(await t.auth.quotas.increment(id, a.name, 3)).toMatchObject({ used: 3, remaining: a.limit - 3 });
    expect(await stored()).toBe(3);
    expect(await t.auth.quotas.increment(id, a.name)).toMatchObject({ used: 4 });
    expect(await stored()).toBe(4);
    expect(await t.auth.quotas.decrement(id, a.name, 2)).toMatchObject({ used: 2 });
    expect(await stored()).toBe(2);
    expect(await t.auth.quotas.set(id, a.name, 1)).toMatchObject({ used: 1, remaining: a.limit - 1 });
    expect(await stored()).toBe(1);
    expect(await t.auth.quotas.get(id, a.name)).toMatchObject({ used: 1 });
    expect(await t.control("peekQuota")(id, b.name)).toEqual({ used: 0 });
  },
  "consume counts within the limit and refuses past it without counting": async (t) => {
    const [, b] = t.fixtures.quotas;
    const id = await t.seed();
    const stored = async () => (await t.control("peekQuota")(id, b.name))?.used;
    await t.auth.quotas.set(id, b.name, b.limit - 2);
    const refusal = await t.rejects(() => t.auth.quotas.consume(id, b.name, 3), "quota_exceeded");
    expect(refusal).toMatchObject({ quota: { name: b.name, used: b.limit - 2, limit: b.limit, remaining: 2 } });
    expect(await stored()).toBe(b.limit - 2);
    expect(await t.auth.quotas.consume(id, b.name, 2)).toMatchObject({ used: b.limit, remaining: 0 });
    expect(await stored()).toBe(b.limit);
    await t.rejects(() => t.auth.quotas.consume(id, b.name), "quota_exceeded");
    expect(await stored()).toBe(b.limit);
    await t.rejectsBeforeRequest(() => t.auth.quotas.consume(id, b.name, 0));
  },
  "hasRemaining is false once any named quota is used up": async (t) => {
    const [a, b] = t.fixtures.quotas;
    const id = await t.seed();
    expect(await t.auth.quotas.hasRemaining(id, a.name)).toBe(true);
    expect(await t.auth.quotas.hasRemaining(id, [a.name, b.name])).toBe(true);
    await t.auth.quotas.set(id, b.name, b.limit);
    expect(await t.control("peekQuota")(id, b.name)).toEqual({ used: b.limit });
    expect(await t.auth.quotas.hasRemaining(id, a.name)).toBe(true);
    expect(await t.auth.quotas.hasRemaining(id, b.name)).toBe(false);
    expect(await t.auth.quotas.hasRemaining(id, [a.name, b.name])).toBe(false);
  },
  "an unknown quota is null and has nothing remaining": async (t) => {
    const id = await t.seed();
    expect(await t.auth.quotas.get(id, "no-such-quota")).toBeNull();
    expect(await t.auth.quotas.hasRemaining(id, "no-such-quota")).toBe(false);
  },
  "bad amounts are invalid_input before any request": async (t) => {
    const [a] = t.fixtures.quotas;
    const id = await t.seed();
    await t.rejectsBeforeRequest(() => t.auth.quotas.increment(id, a.name, 0));
    await t.rejectsBeforeRequest(() => t.auth.quotas.increment(id, a.name, 1.5));
    await t.rejectsBeforeRequest(() => t.auth.quotas.set(id, a.name, -1));
    await t.rejectsBeforeRequest(() => t.auth.quotas.hasRemaining(id, []));
  },
} satisfies TestTable;

export const permissionsTests = {
  "list gives the user's permissions": async (t) => {
    const id = await t.seed();
    await seedPermissions(t, id, ["reports:read", "billing:write"]);
    expect([...(await t.auth.permissions.list(id))].sort()).toEqual(["billing:write", "reports:read"]);
  },
  "has is true only when every permission is held": async (t) => {
    const id = await t.seed();
    await seedPermissions(t, id, ["reports:read", "billing:write"]);
    expect(await t.auth.permissions.has(id, "reports:read")).toBe(true);
    expect(await t.auth.permissions.has(id, ["reports:read", "billing:write"])).toBe(true);
    expect(await t.auth.permissions.has(id, ["reports:read", "admin"])).toBe(false);
    expect(await t.auth.permissions.has(id, "admin")).toBe(false);
  },
  "no permission names is invalid_input before any request": async (t) => {
    const id = await t.seed();
    await t.rejectsBeforeRequest(() => t.auth.permissions.has(id, []));
  },
} satisfies TestTable;

async function seedPermissions(t: Parameters<(typeof permissionsTests)["list gives the user's permissions"]>[0], id: string, perms: string[]) {
  if (!t.controls.seedPermissions) throw new Error("the harness declares permissions but its controls have no seedPermissions");
  await t.controls.seedPermissions(id, perms);
}
