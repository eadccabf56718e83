import { describe, expect, it } from "vitest";
import { createKobbleFake } from "../src/testing/index.js";

// What the fake does with each documented field (vendors/kobble.md), and what it does not emulate.
describe("Kobble fake fidelity", () => {
  const post = (fake: ReturnType<typeof createKobbleFake>, path: string, body: object) =>
    fake.fetch(`${fake.options.baseUrl}${path}`, { method: "POST", headers: { "kobble-sdk-secret": fake.options.secret, "content-type": "application/json" }, body: JSON.stringify(body) });

  it("create applies markPhoneNumberAsVerified: a phone-only user is verified only when told so", async () => {
    const fake = createKobbleFake();
    const marked = await post(fake, "/users/create", { phoneNumber: "+15551230001", markPhoneNumberAsVerified: true });
    expect(marked.status).toBe(201);
    const markedUser = (await marked.json()) as { id: string; isVerified: boolean };
    expect(markedUser.isVerified).toBe(true);
    expect(await fake.controls.peekVerified(markedUser.id)).toBe(true);
    const plain = (await (await post(fake, "/users/create", { phoneNumber: "+15551230002" })).json()) as { id: string; isVerified: boolean };
    expect(plain.isVerified).toBe(false);
    expect(await fake.controls.peekVerified(plain.id)).toBe(false);
  });

  it("create applies markEmailAsVerified: false, and refuses flags that are not booleans", async () => {
    const fake = createKobbleFake();
    const unverified = (await (await post(fake, "/users/create", { email: "u@example.com", markEmailAsVerified: false })).json()) as { id: string; isVerified: boolean };
    expect(unverified.isVerified).toBe(false);
    const bad = await post(fake, "/users/create", { email: "v@example.com", markPhoneNumberAsVerified: "yes" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ statusCode: 400, message: ["markPhoneNumberAsVerified must be a boolean value"], error: "Bad Request" });
    expect(await fake.controls.peekUser({ email: "v@example.com" })).toBeNull();
  });

  it("findByMetadata refuses a page or limit below 1 instead of answering a wrong slice", async () => {
    const fake = createKobbleFake();
    await fake.controls.seedUser({ email: "p@example.com", metadata: { plan: "pro" } });
    for (const paging of [{ page: 0 }, { limit: 0 }, { page: 1.5 }]) {
      const answer = await post(fake, "/users/findByMetadata", { metadata: { plan: "pro" }, ...paging });
      expect([paging, answer.status]).toEqual([paging, 400]);
    }
    const ok = (await (await post(fake, "/users/findByMetadata", { metadata: { plan: "pro" }, page: 1, limit: 1 })).json()) as { total: number; count: number };
    expect(ok).toMatchObject({ total: 1, count: 1 });
  });

  it("the documented gateway key endpoint answers 501 not emulated; an unknown path keeps Kobble's 404", async () => {
    const fake = createKobbleFake();
    const get = (path: string) => fake.fetch(`${fake.options.baseUrl}${path}`, { headers: { "kobble-sdk-secret": fake.options.secret } });
    const gateway = await get("/gateway/getPublicKey");
    expect(gateway.status).toBe(501);
    expect(((await gateway.json()) as { message: string }).message).toBe("GET /gateway/getPublicKey is not emulated by the authmux Kobble fake");
    const unknown = await get("/users/nothing");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ statusCode: 404, message: "Cannot GET /users/nothing", error: "Not Found" });
  });

  it("snapshot and restore carry users, metadata, quotas, permissions, login links and the id sequence", async () => {
    const fake = createKobbleFake();
    const { id } = await fake.controls.seedUser({ email: "s@example.com", name: "Snap", phone: "+15551230003", metadata: { plan: "pro" } });
    await fake.controls.seedPermissions(id, ["export"]);
    await post(fake, "/quotas/incrementUsage", { userId: id, quotaName: "exports", incrementBy: 4 });
    const link = (await (await post(fake, "/users/mintLoginLink", { userId: id })).json()) as { url: string };
    const snapshot = fake.controls.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);

    const other = createKobbleFake();
    other.controls.restore(JSON.parse(JSON.stringify(snapshot)));
    expect(await other.controls.peekUser(id)).toEqual({ id, email: "s@example.com", name: "Snap", phone: "+15551230003", metadata: { plan: "pro" } });
    expect(await other.controls.peekVerified(id)).toBe(true);
    expect(await other.controls.peekQuota(id, "exports")).toEqual({ used: 4 });
    expect(await other.controls.redeemLoginLink(link.url)).toEqual({ userId: id });
    const perms = await other.fetch(`${other.options.baseUrl}/users/listPermissions?userId=${id}`, { headers: { "kobble-sdk-secret": other.options.secret } });
    expect(((await perms.json()) as { permissions: { name: string }[] }).permissions.map((p) => p.name)).toEqual(["export"]);
    // New ids continue the sequence instead of reusing the restored user's.
    const { id: next } = await other.controls.seedUser({ email: "t@example.com" });
    expect(next).not.toBe(id);
    expect(other.controls.snapshot()).not.toEqual(snapshot);
    expect(() => other.controls.restore({ users: "nope" })).toThrow(/not a Kobble fake snapshot/);
  });
});
