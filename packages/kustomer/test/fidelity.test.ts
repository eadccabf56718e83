import { describe, expect, it } from "vitest";
import { createKustomerFake, type KustomerFakeOptions } from "../src/testing/index.js";

type Fake = ReturnType<typeof createKustomerFake>;

/** A raw call to the fake with a key (default: the all-roles key): status and JSON (null for an empty body). */
async function call(fake: Fake, method: string, path: string, body?: object, key = fake.options.apiKey) {
  const headers = { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) };
  const response = await fake.fetch(`${fake.options.baseUrl}${path}`, { method, headers, body: body ? JSON.stringify(body) : null });
  const text = await response.text();
  return { status: response.status, json: (text === "" ? null : JSON.parse(text)) as { data: { id: string; attributes: Record<string, unknown> } } & Record<string, unknown> };
}

/** The stored attributes of a customer, from the fake's own state. */
const stored = (fake: Fake, id: string) => (fake.controls.snapshot().customers as { id: string; attributes: Record<string, unknown> }[]).find((c) => c.id === id)?.attributes;

const fakeWith = (options: KustomerFakeOptions = {}) => createKustomerFake(options);

// What the fake does with each documented attribute and parameter (vendors/kustomer.md §3), and what it does not emulate.
describe("Kustomer fake fidelity", () => {
  it("create keeps the documented attributes it was sent, createdAt and lastActivityAt included", async () => {
    const fake = fakeWith();
    const body = { name: "Imp Orted", createdAt: "2020-01-02T03:04:05.000Z", lastActivityAt: "2021-01-01T00:00:00.000Z", importedAt: "2025-01-01T00:00:00.000Z", company: "c0ffee", gender: "f", defaultLang: "fr" };
    const { status, json } = await call(fake, "POST", "/v1/customers", body);
    expect(status).toBe(201);
    expect(stored(fake, json.data.id)).toMatchObject(body);
    expect(stored(fake, json.data.id)!.updatedAt).not.toBe(body.createdAt);
  });

  it("sent externalIds are kept (Kustomer fills them from externalId only when none are sent)", async () => {
    const fake = fakeWith();
    const sent = [{ externalId: "crm-1", verified: false }, { externalId: "erp-9", verified: true }];
    const { json } = await call(fake, "POST", "/v1/customers", { externalId: "crm-1", externalIds: sent });
    expect(stored(fake, json.data.id)!.externalIds).toEqual(sent);
    await call(fake, "PATCH", `/v1/customers/${json.data.id}`, { externalId: "crm-2", externalIds: [{ externalId: "crm-2", verified: false }] });
    expect(stored(fake, json.data.id)!.externalIds).toEqual([{ externalId: "crm-2", verified: false }]);
    const derived = await call(fake, "POST", "/v1/customers", { externalId: "crm-3" });
    expect(stored(fake, derived.json.data.id)!.externalIds).toEqual([{ verified: true, externalId: "crm-3" }]);
  });

  it("search criteria on camelCase attributes (customer_last_seen_at → lastSeenAt); an undocumented operator is 501, not an empty result", async () => {
    const fake = fakeWith();
    const seen = (await call(fake, "POST", "/v1/customers", { name: "Seen", lastSeenAt: "2025-06-01T00:00:00.000Z" })).json.data.id;
    await call(fake, "POST", "/v1/customers", { name: "Unseen" });
    const { json } = await call(fake, "POST", "/v1/customers/search", { queryContext: "customer", and: [{ customer_last_seen_at: { gte: "2025-01-01" } }] });
    expect((json.data as unknown as { id: string }[]).map((c) => c.id)).toEqual([seen]);
    const contains = await call(fake, "POST", "/v1/customers/search", { queryContext: "customer", and: [{ customer_name: { contains: "Se" } }] });
    expect(contains.status).toBe(501);
    expect(contains.json.errors).toEqual([expect.objectContaining({ source: { parameter: "contains" }, detail: "the search operator contains is not emulated by the authmux Kustomer fake" })]);
  });

  it("overriding createdAt needs org.admin; a date attribute that is no date is badparam", async () => {
    const fake = fakeWith({ keys: { writer: ["org.permission.customer.create"] } });
    expect((await call(fake, "POST", "/v1/customers", { createdAt: "2020-01-02T03:04:05.000Z" }, "writer")).status).toBe(403);
    expect((await call(fake, "POST", "/v1/customers", { name: "W" }, "writer")).status).toBe(201);
    const bad = await call(fake, "POST", "/v1/customers", { signedUpAt: "yesterday" });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ status: 400, source: { parameter: "signedUpAt" }, code: "badparam", title: "Invalid date-time", detail: "/properties/signedUpAt/format" }]);
    expect(fake.controls.snapshot().customers).toHaveLength(1);
  });

  it("rev is answered 501 not emulated on create and update, and changes nothing", async () => {
    const fake = fakeWith();
    const created = await call(fake, "POST", "/v1/customers", { name: "R", rev: 7 });
    expect(created.status).toBe(501);
    expect(created.json.errors).toEqual([{ status: 501, code: "notimplemented", title: "Not Implemented", source: { parameter: "rev" }, detail: "the rev attribute is not emulated by the authmux Kustomer fake" }]);
    const { json } = await call(fake, "POST", "/v1/customers", { name: "R" });
    expect((await call(fake, "PATCH", `/v1/customers/${json.data.id}`, { rev: 9, name: "S" })).status).toBe(501);
    expect(stored(fake, json.data.id)).toMatchObject({ name: "R", rev: 1 });
  });

  it("PUT without company unlinks the customer from its company; PATCH keeps it", async () => {
    const fake = fakeWith();
    const { json } = await call(fake, "POST", "/v1/customers", { name: "Co", company: "5f7c80a713ba8c10ff3f2f6f" });
    await call(fake, "PATCH", `/v1/customers/${json.data.id}`, { name: "Co 2" });
    expect(stored(fake, json.data.id)!.company).toBe("5f7c80a713ba8c10ff3f2f6f");
    await call(fake, "PUT", `/v1/customers/${json.data.id}`, { name: "Co 3" });
    expect(stored(fake, json.data.id)).toMatchObject({ name: "Co 3", company: null });
  });

  it("search applies sort; fields, aggs, searchHash and a non-UTC timeZone answer 501 instead of being ignored", async () => {
    const fake = fakeWith();
    for (const [name, at] of [["B", "2024-01-02T00:00:00.000Z"], ["C", "2024-01-01T00:00:00.000Z"], ["A", "2024-01-03T00:00:00.000Z"]]) {
      fake.controls.setClock(Date.parse(at!));
      await call(fake, "POST", "/v1/customers", { name });
    }
    const names = async (sort: object[]) => {
      const { json } = await call(fake, "POST", "/v1/customers/search", { queryContext: "customer", sort, timeZone: "UTC" });
      return (json.data as unknown as { attributes: { name: string } }[]).map((c) => c.attributes.name);
    };
    expect(await names([])).toEqual(["B", "C", "A"]);
    expect(await names([{ customer_name: "asc" }])).toEqual(["A", "B", "C"]);
    expect(await names([{ customer_updated_at: "desc" }])).toEqual(["A", "B", "C"]);
    expect(await names([{ customer_created_at: "asc" }])).toEqual(["C", "B", "A"]);
    expect((await call(fake, "POST", "/v1/customers/search", { queryContext: "customer", sort: [{ customer_name: "up" }] })).status).toBe(400);
    for (const extra of [{ fields: ["name"] }, { aggs: {} }, { searchHash: "abc" }, { timeZone: "Europe/Paris" }]) {
      const answer = await call(fake, "POST", "/v1/customers/search", { queryContext: "customer", ...extra });
      expect([Object.keys(extra)[0], answer.status]).toEqual([Object.keys(extra)[0], 501]);
    }
  });

  it("documented endpoints the fake does not emulate answer 501; unknown paths keep Kustomer's 404", async () => {
    const fake = fakeWith();
    for (const [method, path] of [["POST", "/v1/customers/bulk"], ["PUT", "/v1/customers/bulk"], ["DELETE", "/v1/customers/bulk"], ["POST", "/v1/outbound-webhooks"], ["GET", "/v1/outbound-webhooks/abc"], ["DELETE", "/v1/outbound-webhooks/abc"], ["GET", "/v1/auth/tokens/current"]] as const) {
      const answer = await call(fake, method, path, method === "POST" || method === "PUT" ? {} : undefined);
      expect([method, path, answer.status]).toEqual([method, path, 501]);
    }
    expect((await call(fake, "GET", "/v1/customerz")).status).toBe(404);
  });

  it("snapshot and restore carry customers (deleted ones too) and the id sequence", async () => {
    const fake = fakeWith();
    const { id } = await fake.controls.seedUser({ email: "snap@example.com", name: "Snap Shot", metadata: { plan: "pro" }, externalId: "ext-1" });
    const gone = (await call(fake, "POST", "/v1/customers", { name: "Gone" })).json.data.id;
    await call(fake, "DELETE", `/v1/customers/${gone}`);
    const snapshot = fake.controls.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);

    const other = fakeWith();
    other.controls.restore(JSON.parse(JSON.stringify(snapshot)));
    expect(await other.controls.peekUser(id)).toEqual({ id, email: "snap@example.com", name: "Snap Shot", phone: null, metadata: { plan: "pro" } });
    expect((await call(other, "GET", "/v1/customers/externalId=ext-1")).json.data.id).toBe(id);
    expect((await call(other, "GET", `/v1/customers/${gone}`)).status).toBe(404);
    const withDeleted = await call(other, "POST", "/v1/customers/search", { queryContext: "customer", includeDeleted: true });
    expect((withDeleted.json.data as unknown as unknown[]).length).toBe(2);
    const next = (await call(other, "POST", "/v1/customers", { name: "Next" })).json.data.id;
    expect([id, gone]).not.toContain(next);
    expect(() => other.controls.restore({ customers: {} })).toThrow(/not a Kustomer fake snapshot/);
  });
});
