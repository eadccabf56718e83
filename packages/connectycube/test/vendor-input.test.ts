import { isAuthmuxError } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { connectycube } from "../src/index.js";
import { setup } from "./helpers.js";

type Loose = (...args: unknown[]) => Promise<unknown>;

/** What a call threw (synchronously or not), or "no error". */
async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return "no error";
}

describe("vendor methods check their arguments before any request", () => {
  const token = "C93E51A0B7D24F68A1E0937B5C2D8E4F6A10";
  const cases: [string, (auth: ReturnType<typeof setup>["auth"]) => unknown][] = [
    ["guestSession(null)", (a) => (a.vendor.guestSession as Loose)(null)],
    ["guestSession({ fullName: 5 })", (a) => (a.vendor.guestSession as Loose)({ fullName: 5 })],
    ["guestSession({ fullName: '  ' })", (a) => a.vendor.guestSession({ fullName: "  " })],
    ["login(token, null)", (a) => (a.vendor.login as Loose)(token, null)],
    ["login(token, { login: 'ab', password: 'x' })", (a) => a.vendor.login(token, { login: "ab", password: "x" })],
    ["resetPassword(5)", (a) => (a.vendor.resetPassword as Loose)(5)],
    ["search(null)", (a) => (a.vendor.search as Loose)(null)],
    ["search([])", (a) => (a.vendor.search as Loose)([])],
    ["search({ nope: 1 })", (a) => (a.vendor.search as Loose)({ nope: 1 })],
    ["search({ id: {} })", (a) => (a.vendor.search as Loose)({ id: {} })],
    ["search({ id: { in: [] } })", (a) => a.vendor.search({ id: { in: [] } })],
    ["search({ id: { in: 5 } })", (a) => (a.vendor.search as Loose)({ id: { in: 5 } })],
    ["search({ id: Symbol() })", (a) => (a.vendor.search as Loose)({ id: Symbol("x") })],
    ["search({ id: NaN })", (a) => a.vendor.search({ id: Number.NaN })],
    ["search({ id: { gt: 1 } })", (a) => (a.vendor.search as Loose)({ id: { gt: 1 } })],
    ["search({ created_at: new Date(NaN), id: 1 })", (a) => (a.vendor.search as Loose)({ id: 1, created_at: { gt: new Date(Number.NaN) } })],
    ["search({ updated_at: 5, id: 1 })", (a) => (a.vendor.search as Loose)({ id: 1, updated_at: 5 })],
    ["search({ id: 1 }, null)", (a) => (a.vendor.search as Loose)({ id: 1 }, null)],
    ["search({ id: 1 }, { offset: -1 })", (a) => a.vendor.search({ id: 1 }, { offset: -1 })],
    ["search({ id: 1 }, { sortAsc: 'x' })", (a) => (a.vendor.search as Loose)({ id: 1 }, { sortAsc: "x" })],
    ["search({ id: 1 }, { sortAsc: 'id', sortDesc: 'id' })", (a) => a.vendor.search({ id: 1 }, { sortAsc: "id", sortDesc: "id" })],
    ["asUser(token).update(null)", (a) => (a.vendor.asUser(token).update as Loose)(null)],
    ["asUser(token).update({})", (a) => a.vendor.asUser(token).update({})],
    ["asUser(token).update({ full_name: undefined })", (a) => a.vendor.asUser(token).update({ full_name: undefined as unknown as string })],
    ["asUser(token).update({ nope: 1 })", (a) => (a.vendor.asUser(token).update as Loose)({ nope: 1 })],
    ["asUser(token).update({ full_name: 5 })", (a) => (a.vendor.asUser(token).update as Loose)({ full_name: 5 })],
    ["asUser(token).update({ email: 'bad' })", (a) => a.vendor.asUser(token).update({ email: "bad" })],
    ["asUser(token).update({ password: 'new' })", (a) => a.vendor.asUser(token).update({ password: "new" })],
    ["asUser(token).update({ tag_list: 6 tags })", (a) => a.vendor.asUser(token).update({ tag_list: ["a", "b", "c", "d", "e", "f"] })],
    ["asUser(token).update({ timezone: 10n })", (a) => (a.vendor.asUser(token).update as Loose)({ timezone: 10n })],
  ];
  for (const [label, call] of cases) {
    it(`${label} is invalid_input, as a rejection`, async () => {
      const { fake, auth } = setup();
      // An async method refuses by rejecting: a synchronous throw would escape a caller's `.catch`.
      const pending = call(auth);
      expect(pending).toBeInstanceOf(Promise);
      const error = await thrown(() => pending);
      expect(isAuthmuxError(error) && error.code, String(error)).toBe("invalid_input");
      expect(fake.controls.requestCount()).toBe(0);
    });
  }

  it("a token no token can be is token_invalid, for login, logout and asUser alike", async () => {
    const { fake, auth } = setup();
    for (const call of [() => auth.vendor.login("has space", { login: "own_user", password: "x" }), () => (auth.vendor.logout as Loose)(5), () => auth.vendor.asUser("")]) {
      const error = await thrown(call);
      expect(isAuthmuxError(error) && error.code).toBe("token_invalid");
    }
    expect(fake.controls.requestCount()).toBe(0);
  });

  it("passwords sent to login and a profile update never show in the error, even when ConnectyCube echoes them", async () => {
    const { fake } = setup();
    const { id } = await fake.controls.seedUser({ email: "echo@example.com" });
    const own = await fake.controls.issueToken(id);
    // The token check reaches the fake; the calls carrying passwords get a 422 that echoes what they sent.
    const echoed: string[] = [];
    const echo = async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.method !== "PUT" && !request.url.endsWith("/login")) return fake.fetch(request);
      echoed.push(`${request.method} ${new URL(request.url).pathname}`);
      return Response.json({ errors: { base: [`you sent ${await request.text()}`] } }, { status: 422 });
    };
    const auth = connectycube({ ...fake.adapterOptions, fetch: echo, retry: { limit: 0 } });
    const login = await thrown(() => auth.vendor.login(own, { login: "own_user", password: "Sup3rSecretPassw0rd" }));
    const update = await thrown(() => auth.vendor.asUser(own).update({ password: "N3wSecretPassw0rd", old_password: "0ldSecretPassw0rd" }));
    expect(echoed).toEqual(["POST /login", `PUT /users/${id}`]);
    for (const error of [login, update]) {
      expect(error).toMatchObject({ code: "provider_error", status: 422 });
      const seen = `${(error as Error).message} ${JSON.stringify(error)} ${JSON.stringify((error as Error).cause)}`;
      for (const secret of ["Sup3rSecretPassw0rd", "N3wSecretPassw0rd", "0ldSecretPassw0rd"]) expect(seen).not.toContain(secret);
    }
  });
});
