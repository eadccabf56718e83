import { describe, expect, it } from "vitest";
// One comparison for every vendor whose reference gives examples rather than a schema.
import { shapeDifferences } from "../../kobble/test/same-shape.js";
import { createConnectyCubeFake } from "../src/testing/index.js";
import reference from "./fixtures/connectycube-reference.json" with { type: "json" };

const shapeOf = (name: Exclude<keyof typeof reference, "_about">) => reference[name].body;

// Every answer of the fake has the key set and value types of the reference's example (fixtures/connectycube-reference.json).
describe("the fake's answers have the shapes of vendors/connectycube.md", () => {
  async function world() {
    const fake = createConnectyCubeFake();
    const call = async (method: string, path: string, headers: Record<string, string>, body?: object) => {
      const init = { method, headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : null };
      return (await (await fake.fetch(`${fake.options.baseUrl}${path}`, init)).json()) as Record<string, unknown>;
    };
    const credentials = { application_id: fake.options.appId, auth_key: fake.options.authKey };
    // A user as complete as the reference's: signed up with every field the example shows, then signed in once.
    const profile = { login: "dacia_k", email: "dacia@example.com", password: "dacia-password", full_name: "Dacia Kail", phone: "+6110797757", external_id: "acme-42", custom_data: '{"plan":"pro"}', tag_list: ["vip", "accountant"], timezone: 180 };
    const { user } = await call("POST", "/users.json", { "CB-AuthKey": fake.options.authKey }, { user: profile });
    const { session } = (await call("POST", "/session.json", {}, { ...credentials, user: { login: "dacia_k", password: "dacia-password" } })) as { session: { token: string } };
    return { fake, call, credentials, user: user as { id: number }, token: session.token };
  }

  it("users: signup, GET /users/{id}, the v2 search and the by_login lookup answer the §6.1 user", async () => {
    const { call, user, token } = await world();
    await call("GET", "/session.json", { "CB-Token": token });
    expect(shapeDifferences(await call("GET", `/users/${user.id}.json`, { "CB-Token": token }), { user: shapeOf("user") })).toEqual([]);
    expect(shapeDifferences(await call("GET", "/users/by_login.json?login=dacia_k", { "CB-Token": token }), { user: shapeOf("user") })).toEqual([]);
    expect(shapeDifferences(await call("GET", "/users/v2.json?login=dacia_k", { "CB-Token": token }), shapeOf("usersV2"))).toEqual([]);
  });

  it("sessions: an application session, a user session (POST and GET) and the admin delete", async () => {
    const { fake, call, credentials, token, user } = await world();
    expect(shapeDifferences(await call("POST", "/session.json", {}, credentials), shapeOf("appSession"))).toEqual([]);
    expect(shapeDifferences(await call("POST", "/session.json", {}, { ...credentials, user: { email: "dacia@example.com", password: "dacia-password" } }), shapeOf("userSession"))).toEqual([]);
    expect(shapeDifferences(await call("GET", "/session.json", { "CB-Token": token }), shapeOf("userSession"))).toEqual([]);
    expect(shapeDifferences(await call("DELETE", `/admin/user/${user.id}`, { "CB-Administration-API-Key": fake.options.adminApiKey }), shapeOf("adminDelete"))).toEqual([]);
  });

  it("errors: a field map, a base map and a list, as ConnectyCube words them", async () => {
    const { call, credentials } = await world();
    expect(shapeDifferences(await call("GET", "/session.json", { "CB-Token": "0".repeat(36) }), shapeOf("errorBase"))).toEqual([]);
    expect(shapeDifferences(await call("GET", "/session.json", {}), shapeOf("errorList"))).toEqual([]);
    expect(shapeDifferences(await call("POST", "/session.json", {}, { ...credentials, user: { login: "dacia_k" } }), shapeOf("errorField"))).toEqual([]);
  });
});
