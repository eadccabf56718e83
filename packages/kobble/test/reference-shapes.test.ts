import { describe, expect, it } from "vitest";
import { createKobbleFake } from "../src/testing/index.js";
import reference from "./fixtures/kobble-reference.json" with { type: "json" };
import { shapeDifferences } from "./same-shape.js";

// Every answer of the fake has the key set and value types of the reference's example (fixtures/kobble-reference.json).
describe("the fake's answers have the shapes of vendors/kobble.md", () => {
  async function world() {
    const fake = createKobbleFake();
    const { id } = await fake.controls.seedUser({ email: "ada.lovelace@example.org", name: "Ada Lovelace", metadata: { plan: "pro", region: "eu-west" } });
    await fake.controls.seedPermissions(id, ["read:reports"]);
    const call = async (method: string, path: string, body?: object) => {
      const headers: Record<string, string> = { "kobble-sdk-secret": fake.options.secret, ...(body ? { "content-type": "application/json" } : {}) };
      const response = await fake.fetch(`${fake.options.baseUrl}${path}`, { method, headers, body: body ? JSON.stringify(body) : null });
      return (await response.json()) as unknown;
    };
    return { fake, id, call };
  }

  const shapeOf = (name: keyof typeof reference) => (reference[name] as { body: unknown }).body;

  it("users: findById, findByEmail, list, findByMetadata and create answer ApiUser and Paginated<ApiUser>", async () => {
    const { id, call } = await world();
    expect(shapeDifferences(await call("GET", `/users/findById?userId=${id}&includeMetadata=true`), shapeOf("user"))).toEqual([]);
    expect(shapeDifferences(await call("GET", `/users/findByEmail?email=ada.lovelace%40example.org&includeMetadata=true`), shapeOf("user"))).toEqual([]);
    expect(shapeDifferences(await call("GET", "/users/list?includeMetadata=true"), shapeOf("page"))).toEqual([]);
    expect(shapeDifferences(await call("POST", "/users/findByMetadata", { metadata: { plan: "pro" } }), shapeOf("page"))).toEqual([]);
    expect(shapeDifferences(await call("POST", "/users/create", { email: "grace@example.org", name: "Grace", metadata: { plan: "free", region: "us" } }), shapeOf("user"))).toEqual([]);
  });

  it("whoami, metadata, login links, products, quotas, permissions and errors", async () => {
    const { id, call } = await world();
    expect(shapeDifferences(await call("GET", "/auth/whoami"), shapeOf("whoami"))).toEqual([]);
    expect(shapeDifferences(await call("POST", "/users/patchMetadata", { userId: id, metadata: { region: "us" } }), shapeOf("patchMetadata"))).toEqual([]);
    expect(shapeDifferences(await call("POST", "/users/mintLoginLink", { userId: id }), shapeOf("loginLink"))).toEqual([]);
    expect(shapeDifferences(await call("GET", `/users/listActiveProducts?userId=${id}`), shapeOf("activeProducts"))).toEqual([]);
    const { quotas } = (await call("GET", `/users/listQuotas?userId=${id}`)) as { quotas: unknown[] };
    expect(quotas.length).toBeGreaterThan(0);
    expect(shapeDifferences({ quotas }, shapeOf("quotas"))).toEqual([]);
    expect(shapeDifferences(await call("GET", `/users/listPermissions?userId=${id}`), shapeOf("permissions"))).toEqual([]);
    expect(shapeDifferences(await call("GET", "/users/findById?userId=cnobody"), shapeOf("error"))).toEqual([]);
  });

  it("the comparison sees a missing key, an extra key and a changed type", () => {
    const user = shapeOf("user") as Record<string, unknown>;
    const { name: _name, ...withoutName } = user;
    expect(shapeDifferences(withoutName, user)).toEqual(["$.name: missing"]);
    expect(shapeDifferences({ ...user, extra: 1 }, user)).toEqual(["$.extra: not in the reference"]);
    expect(shapeDifferences({ ...user, isVerified: "yes" }, user)).toEqual(["$.isVerified: string, the reference has boolean"]);
    expect(shapeDifferences({ ...user, metadata: { plan: 1, region: "x" } }, user)).toEqual(["$.metadata.plan: number, the reference has string"]);
  });
});
