import { expect } from "vitest";
import type { User } from "../../types/neutral.js";
import { needs, T0, type TestTable, wrongType } from "../context.js";
import { expectUserShape } from "../shapes.js";

export const usersReadTests = {
  "get returns the seeded user with exact fields": async (t) => {
    const email = t.email("ada");
    const { id } = await t.controls.seedUser({ email, name: "Ada Lovelace", metadata: { plan: "pro" } });
    const user = await t.auth.users.get(id);
    expect(user).not.toBeNull();
    expectUserShape(user!, t.auth.name);
    expect(user!.id).toBe(id);
    expect(user!.email).toBe(email);
    expect(user!.name).toBe("Ada Lovelace");
    expect(user!.metadata).toEqual({ plan: "pro" });
    expect(Math.abs(user!.createdAt.getTime() - T0)).toBeLessThan(1000);
  },
  "get of an unknown id is null": async (t) => {
    await t.seed();
    expect(await t.auth.users.get("user_does_not_exist_42")).toBeNull();
  },
  "getByEmail finds that user among others, whatever the case of the email": async (t) => {
    await t.seed();
    const email = t.email("grace");
    const { id } = await t.controls.seedUser({ email });
    await t.seed();
    expect((await t.auth.users.getByEmail(email))?.id).toBe(id);
    expect((await t.auth.users.getByEmail(email.toUpperCase()))?.id).toBe(id);
  },
  "getByEmail of an unknown email is null": async (t) => {
    await t.seed();
    expect(await t.auth.users.getByEmail("nobody.here@example.com")).toBeNull();
  },
  "bad ids and emails are invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.users.get(""));
    await t.rejectsBeforeRequest(() => t.auth.users.get("../admin"));
    await t.rejectsBeforeRequest(() => t.auth.users.getByEmail("not-an-email"));
    await t.rejectsBeforeRequest(() => t.auth.users.get(42 as unknown as string));
  },
} satisfies TestTable;

export const usersListTests = {
  "pages of limit cover every user exactly once, in a stable order": async (t) => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await t.seed());
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await t.auth.users.list({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(10);
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...ids].sort());
    const again: string[] = [];
    for await (const user of t.auth.users.iterate({ limit: 2 })) again.push(user.id);
    expect(again).toEqual(seen);
  },
  "an empty last page ends with nextCursor null": async (t) => {
    await t.seed();
    const page = await t.auth.users.list({ limit: t.fixtures.maxListLimit });
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
  },
  "limit outside the provider's range is invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.users.list({ limit: 0 }));
    await t.rejectsBeforeRequest(() => t.auth.users.list({ limit: t.fixtures.maxListLimit + 1 }));
    await t.rejectsBeforeRequest(() => t.auth.users.list({ limit: 2.5 }));
  },
} satisfies TestTable;

export const usersCreateTests = {
  "create stores the user with exact fields and returns it": async (t) => {
    const email = t.email("new");
    const user = await t.auth.users.create({ email, name: "Katherine Johnson", metadata: { plan: "pro" } });
    expectUserShape(user, t.auth.name);
    expect(user.email).toBe(email);
    expect(user.name).toBe("Katherine Johnson");
    expect(user.metadata).toEqual({ plan: "pro" });
    expect(Math.abs(user.createdAt.getTime() - T0)).toBeLessThan(1000);
    expect(await t.stored(user.id)).toEqual({ id: user.id, email, name: "Katherine Johnson", phone: null, metadata: { plan: "pro" } });
  },
  "a duplicate email is a conflict with the vendor error as cause, and nothing is stored": async (t) => {
    const email = t.email("dup");
    const { id } = await t.controls.seedUser({ email });
    const error = await t.rejects(() => t.auth.users.create({ email, name: "Second" }), "conflict");
    expect(error.cause).toBeDefined();
    expect(await t.stored(id)).toMatchObject({ email, name: null });
    expect((await t.controls.peekUser({ email }))?.id).toBe(id);
  },
  "bad input is invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.users.create({ email: "nope" }));
    await t.rejectsBeforeRequest(() => t.auth.users.create(wrongType({})));
    await t.rejectsBeforeRequest(() => t.auth.users.create(wrongType(null)));
    // A misspelt field is refused, never dropped: the user would be created without it.
    await t.rejectsBeforeRequest(() => t.auth.users.create(wrongType({ email: t.email("typo"), nmae: "Ada" })));
  },
} satisfies TestTable;

export const usersUpdateTests = {
  "update changes the given fields only": async (t) => {
    const email = t.email("upd");
    const { id } = await t.controls.seedUser({ email, name: "Old Name", metadata: { plan: "free" } });
    const user = await t.auth.users.update(id, { name: "New Name" });
    expect(user.id).toBe(id);
    expect(user.name).toBe("New Name");
    expect(user.email).toBe(email);
    expect(await t.stored(id)).toEqual({ id, email, name: "New Name", phone: null, metadata: { plan: "free" } });
    const other = t.email("moved");
    expect((await t.auth.users.update(id, { email: other })).email).toBe(other);
    expect(await t.stored(id)).toMatchObject({ email: other, name: "New Name" });
  },
  "update of an unknown user is not_found": async (t) => {
    await t.rejects(() => t.auth.users.update("user_does_not_exist_42", { name: "X" }), "not_found");
  },
  "taking another user's email is a conflict": async (t) => {
    const taken = t.email("taken");
    await t.controls.seedUser({ email: taken });
    const id = await t.seed();
    await t.rejects(() => t.auth.users.update(id, { email: taken }), "conflict");
    expect((await t.stored(id)).email).not.toBe(taken);
  },
  "bad input is invalid_input before any request": async (t) => {
    const id = await t.seed();
    await t.rejectsBeforeRequest(() => t.auth.users.update(id, { email: "bad" }));
    await t.rejectsBeforeRequest(() => t.auth.users.update(id, wrongType({ nmae: "Ada" })));
    await t.rejectsBeforeRequest(() => t.auth.users.update("", { name: "x" }));
  },
} satisfies TestTable;

export const usersDeleteTests = {
  "delete removes the user and only them; deleting again is not_found": async (t) => {
    const id = await t.seed();
    const other = await t.seed();
    await t.auth.users.delete(id);
    expect(await t.controls.peekUser(id)).toBeNull();
    expect(await t.controls.peekUser(other)).not.toBeNull();
    await t.rejects(() => t.auth.users.delete(id), "not_found");
  },
  "a deleted user reads as null": needs(["users.read"], async (t) => {
    const id = await t.seed();
    await t.auth.users.delete(id);
    expect(await t.auth.users.get(id)).toBeNull();
  }),
  "a bad id is invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.users.delete(""));
  },
} satisfies TestTable;

export const usersMetadataTests = {
  "patchMetadata merges the top level and null removes a key": async (t) => {
    const id = await t.seed({ metadata: { plan: "free", seats: 3, flags: { beta: true } } });
    const user = await t.auth.users.patchMetadata(id, { plan: "pro", flags: null, region: "eu" });
    expect(user.metadata).toEqual({ plan: "pro", seats: 3, region: "eu" });
    expect((await t.stored(id)).metadata).toEqual({ plan: "pro", seats: 3, region: "eu" });
  },
  "replaceMetadata leaves exactly the new object": async (t) => {
    const id = await t.seed({ metadata: { plan: "free", seats: 3 } });
    const user = await t.auth.users.replaceMetadata(id, { tier: "gold" });
    expect(user.metadata).toEqual({ tier: "gold" });
    expect((await t.stored(id)).metadata).toEqual({ tier: "gold" });
  },
  "metadata of an unknown user is not_found": async (t) => {
    await t.rejects(() => t.auth.users.patchMetadata("user_does_not_exist_42", { a: 1 }), "not_found");
    await t.rejects(() => t.auth.users.replaceMetadata("user_does_not_exist_42", { a: 1 }), "not_found");
  },
  "non-JSON metadata is invalid_input before any request": async (t) => {
    const id = await t.seed();
    await t.rejectsBeforeRequest(() => t.auth.users.replaceMetadata(id, wrongType({ when: new Date() })));
    await t.rejectsBeforeRequest(() => t.auth.users.patchMetadata(id, wrongType([])));
    await t.rejectsBeforeRequest(() => t.auth.users.patchMetadata(id, { n: Number.NaN }));
  },
} satisfies TestTable;
