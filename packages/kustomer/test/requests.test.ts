import type { AuthmuxError } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { setup } from "./helpers.js";

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: AuthmuxError) => e);
const calls = (fake: ReturnType<typeof setup>["fake"]) => fake.requests.map((r) => `${r.method} ${r.path}`);

// What reaches Kustomer for each operation, checked against vendors/kustomer.md §1–§5.
describe("requests the adapter sends", () => {
  it("users.get: GET /v1/customers/{id} with the bearer key at the org host; the envelope unwrapped", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "ada@example.com", name: "Ada Lovelace", phone: "+447700900123", metadata: { plan: "pro", seats: 5 } });
    const user = await auth.users.get(id);
    expect(user).toMatchObject({ id, email: "ada@example.com", emailVerified: false, phone: "+447700900123", phoneVerified: false, name: "Ada Lovelace", metadata: { plan: "pro", seats: 5 }, provider: "kustomer" });
    expect((user!.raw as { attributes: { custom: unknown } }).attributes.custom).toEqual({ planStr: "pro", seatsNum: 5 });
    const [req] = fake.requests;
    expect(req).toMatchObject({ method: "GET", path: `/v1/customers/${id}`, query: {}, body: undefined });
    expect(req!.headers.authorization).toBe(`Bearer ${fake.options.apiKey}`);
    expect(req!.headers["content-type"]).toBeUndefined();
    expect(id).toMatch(/^[0-9a-f]{24}$/);
  });

  it("users.getByEmail: the email= path segment, percent-encoded; a 404 is null", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "o'brien+chat@example.com" });
    expect((await auth.users.getByEmail("o'brien+chat@example.com"))?.id).toBe(id);
    expect(await auth.users.getByEmail("nobody@example.com")).toBeNull();
    expect(calls(fake)).toEqual(["GET /v1/customers/email=o'brien%2Bchat%40example.com", "GET /v1/customers/email=nobody%40example.com"]);
  });

  it("users.list: page, pageSize and sort=createdAt; the cursor is the next page while links.next is set", async () => {
    const { fake, auth } = setup();
    for (let i = 0; i < 3; i++) await fake.controls.seedUser({ email: `u${i}@example.com` });
    const first = await auth.users.list({ limit: 2 });
    expect(first.items.map((u) => u.email)).toEqual(["u0@example.com", "u1@example.com"]);
    expect(first.nextCursor).toBe("2");
    const second = await auth.users.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((u) => u.email)).toEqual(["u2@example.com"]);
    expect(second.nextCursor).toBeNull();
    expect(fake.requests.map((r) => [r.path, r.query])).toEqual([
      ["/v1/customers", { page: "1", pageSize: "2", sort: "createdAt" }],
      ["/v1/customers", { page: "2", pageSize: "2", sort: "createdAt" }],
    ]);
    expect((await fail(auth.users.list({ cursor: "abc" }))).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(2);
  });

  it("users.create: POST /v1/customers with a flat body (emails, phones, custom); 201 unwrapped", async () => {
    const { fake, auth } = setup();
    const user = await auth.users.create({ email: "grace@example.com", name: "Grace Hopper", phone: "+15551234567", metadata: { plan: "pro", beta: true } });
    expect(user).toMatchObject({ email: "grace@example.com", phone: "+15551234567", name: "Grace Hopper", metadata: { plan: "pro", beta: true } });
    expect(fake.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/customers",
      body: { name: "Grace Hopper", emails: [{ type: "home", email: "grace@example.com" }], phones: [{ type: "mobile", phone: "+15551234567" }], custom: { planStr: "pro", betaBool: true } },
    });
    expect(fake.requests[0]!.headers["content-type"]).toBe("application/json");
    // Kustomer derives these (vendors/kustomer.md §3, "Create").
    expect((user.raw as { attributes: Record<string, unknown> }).attributes).toMatchObject({ firstName: "Grace", lastName: "Hopper", displayName: "Grace Hopper", rev: 1, verified: false });
    const error = await fail(auth.users.create({ email: "x@example.com", password: "hunter2hunter2" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).not.toContain("hunter2");
    expect(fake.requests).toHaveLength(1);
  });

  it("users.update: PATCH /v1/customers/{id} with only the given attributes; phone null clears the phones", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "old@example.com", name: "Old", phone: "+15551234567", metadata: { plan: "free" } });
    const user = await auth.users.update(id, { email: "new@example.com", phone: null });
    expect(user).toMatchObject({ id, email: "new@example.com", phone: null, name: "Old", metadata: { plan: "free" } });
    expect(fake.requests[0]).toMatchObject({ method: "PATCH", path: `/v1/customers/${id}`, body: { emails: [{ type: "home", email: "new@example.com" }], phones: [] } });
    expect((user.raw as { attributes: { rev: number } }).attributes.rev).toBe(2);
    expect((await fail(auth.users.update(id, {}))).code).toBe("invalid_input");
    expect((await fail(auth.users.update("email=x@example.com", { name: "x" }))).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(1);
  });

  it("users.delete: DELETE /v1/customers/{id} → 204; then every lookup is 404", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "gone@example.com", externalId: "usr_1" });
    await auth.users.delete(id);
    expect(fake.requests[0]).toMatchObject({ method: "DELETE", path: `/v1/customers/${id}`, body: undefined });
    expect(await auth.users.getByEmail("gone@example.com")).toBeNull();
    expect(await auth.vendor.getByExternalId("usr_1")).toBeNull();
  });

  it("patchMetadata: one PATCH of custom, null kept to clear; replaceMetadata: read, then clear the rest", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "m@example.com", metadata: { plan: "free", seats: 3, region: "eu" } });
    expect((await auth.users.patchMetadata(id, { plan: "pro", region: null, tier: "gold" })).metadata).toEqual({ plan: "pro", seats: 3, tier: "gold" });
    expect(fake.requests[0]).toMatchObject({ method: "PATCH", path: `/v1/customers/${id}`, body: { custom: { planStr: "pro", regionStr: null, tierStr: "gold" } } });
    fake.requests.length = 0;
    expect((await auth.users.replaceMetadata(id, { a: 1 })).metadata).toEqual({ a: 1 });
    expect(calls(fake)).toEqual([`GET /v1/customers/${id}`, `PATCH /v1/customers/${id}`]);
    expect(fake.requests[1]!.body).toEqual({ custom: { aNum: 1, planStr: null, seatsNum: null, tierStr: null } });
    expect((await auth.users.get(id))?.metadata).toEqual({ a: 1 });
  });

  it("tokens.issue: reads the customer, signs its externalId (else its email) with the secret fetched once", async () => {
    const { fake, auth } = setup();
    fake.controls.setClock(Date.UTC(2030, 0, 15, 12, 0, 0, 500));
    const withExternal = await fake.controls.seedUser({ email: "ext@example.com", externalId: "usr_8412" });
    const emailOnly = await fake.controls.seedUser({ email: "mail@example.com" });
    const t1 = await auth.tokens.issue(withExternal.id);
    const t2 = await auth.tokens.issue(emailOnly.id);
    expect(calls(fake)).toEqual([`GET /v1/customers/${withExternal.id}`, "GET /v1/auth/customer/settings", `GET /v1/customers/${emailOnly.id}`]);
    expect(await fake.controls.verifyChatToken(t1)).toEqual({ externalId: "usr_8412" });
    expect(await fake.controls.verifyChatToken(t2)).toEqual({ email: "mail@example.com" });
    const [header, payload] = t1.split(".").slice(0, 2).map((p) => JSON.parse(atob(p.replace(/-/g, "+").replace(/_/g, "/"))));
    const iat = Math.floor(fake.clock() / 1000);
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toEqual({ externalId: "usr_8412", iat, exp: iat + 900, iss: "https://authmux-test.api.kustomerapp.com" });
    // Verified from the cache that issue filled: no further request.
    expect((await auth.tokens.verify(t1)).userId).toBe(withExternal.id);
    expect(fake.requests).toHaveLength(3);
  });

  it("vendor: externalId= and phone= lookups, and customer search with Kustomer's criteria body", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "ada@example.com", name: "Ada", phone: "+447700900123", externalId: "usr 1/2" });
    expect((await auth.vendor.getByExternalId("usr 1/2"))?.id).toBe(id);
    expect((await auth.vendor.getByPhone("+447700900123"))?.id).toBe(id);
    const page = await auth.vendor.searchCustomers({ and: [{ customer_email: { equals: "ADA@example.com" } }] }, { limit: 10 });
    expect(page).toMatchObject({ items: [{ id, name: "Ada" }], nextCursor: null });
    expect(fake.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ["GET", "/v1/customers/externalId=usr%201%2F2", {}, undefined],
      ["GET", "/v1/customers/phone=%2B447700900123", {}, undefined],
      ["POST", "/v1/customers/search", { page: "1", pageSize: "10" }, { queryContext: "customer", and: [{ customer_email: { equals: "ADA@example.com" } }] }],
    ]);
    expect((await fail(auth.vendor.getByPhone("0770"))).code).toBe("invalid_input");
    const raw = await auth.vendor.request("GET", `/v1/customers/${id}`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get("x-ratelimit-limit")).toBe("1000");
  });
});
