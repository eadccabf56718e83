import { describe, expect, it } from "vitest";
// One comparison for every vendor whose reference gives examples rather than a schema.
import { shapeDifferences } from "../../kobble/test/same-shape.js";
import { createKustomerFake } from "../src/testing/index.js";
import reference from "./fixtures/kustomer-reference.json" with { type: "json" };

const shapeOf = (name: Exclude<keyof typeof reference, "_about">) => reference[name].body;

/** A list envelope of the reference as its only page would be: no previous or next page. */
const onePage = <P extends { links: object }>(page: P) => ({ ...page, links: { ...page.links, prev: null, next: null } });

/** The reference's example customer as a create body: the attributes a client can send. */
const ADA = {
  name: "Ada Lovelace",
  externalId: "usr_8412",
  username: "ada@example.com",
  signedUpAt: "2025-11-02T09:15:00.000Z",
  emails: [{ type: "home", email: "ada@example.com" }],
  phones: [{ type: "mobile", phone: "+447700900123" }],
  locale: "en_GB",
  timeZone: "Europe/London",
  custom: { planStr: "pro", seatsNum: 5 },
};

// Every answer of the fake has the key set and value types of the reference's example (fixtures/kustomer-reference.json).
describe("the fake's answers have the shapes of vendors/kustomer.md", () => {
  function world() {
    const fake = createKustomerFake();
    const call = async (method: string, path: string, body?: object) => {
      const headers = { authorization: `Bearer ${fake.options.apiKey}`, ...(body ? { "content-type": "application/json" } : {}) };
      const response = await fake.fetch(`${fake.options.baseUrl}${path}`, { method, headers, body: body ? JSON.stringify(body) : null });
      return (await response.json()) as { data: { id: string; attributes: Record<string, unknown> } };
    };
    return { fake, call };
  }

  it("a customer: create, get by id, email, externalId and phone, and update answer the §4 example's shape", async () => {
    const { call } = world();
    const created = await call("POST", "/v1/customers", ADA);
    expect(shapeDifferences(created, shapeOf("customer"))).toEqual([]);
    for (const path of [created.data.id, "email=ada%40example.com", "externalId=usr_8412", "phone=%2B447700900123"]) {
      expect(shapeDifferences(await call("GET", `/v1/customers/${path}`), shapeOf("customer"))).toEqual([]);
    }
    expect(shapeDifferences(await call("PATCH", `/v1/customers/${created.data.id}`, { custom: { seatsNum: 6 } }), shapeOf("customer"))).toEqual([]);
  });

  it("a customer made with an email only has every attribute of the example (optional ones null)", async () => {
    const { call } = world();
    const { data } = await call("POST", "/v1/customers", { emails: [{ email: "min@example.com" }] });
    const example = (shapeOf("customer") as { data: { attributes: object } }).data.attributes;
    expect(Object.keys(data.attributes).sort()).toEqual(Object.keys(example).sort());
    expect(data.attributes).toMatchObject({ name: null, firstName: null, lastName: null, username: null, signedUpAt: null, locale: null, timeZone: null, preview: {}, lastConversation: { channels: [], tags: [] } });
  });

  it("lists, search hits, the chat settings and errors", async () => {
    const { call } = world();
    await call("POST", "/v1/customers", ADA);
    expect(shapeDifferences(await call("GET", "/v1/customers?page=1&pageSize=1"), onePage(reference.customerPage.body))).toEqual([]);
    const search = await call("POST", "/v1/customers/search?page=1&pageSize=1", { queryContext: "customer", and: [{ customer_email: { equals: "ada@example.com" } }] });
    expect(shapeDifferences(search, onePage(reference.searchPage.body))).toEqual([]);
    expect(shapeDifferences(await call("GET", "/v1/auth/customer/settings"), shapeOf("settings"))).toEqual([]);
    expect(shapeDifferences(await call("GET", "/v1/customers/externalId=nobody"), shapeOf("notFound"))).toEqual([]);
    const badParam = await call("POST", "/v1/customers", { custom: { notAnActualAttribute: 1 } });
    expect(shapeDifferences({ errors: (badParam as unknown as { errors: object[] }).errors }, shapeOf("badParam"))).toEqual([]);
  });
});
