import { createKobbleFake, type KobbleFake } from "@authmux/kobble/testing";
import { Kobble } from "@kobbleio/admin";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Served, serveFake } from "../../src/serve.js";

// Kobble's official admin SDK (@kobbleio/admin 2.2.2) against the Kobble fake on a loopback port: for every
// operation an adapter method uses (users, metadata, quotas, permissions, active products, whoami, the JWKS),
// the SDK must parse each answer, and the effect must be what vendors/kobble.md documents, read back through the
// fake's controls.
//
// Routing: the SDK takes any URL as `baseApiUrl` (its documented option) and builds every request with
// `new URL(path, baseApiUrl)` on the global fetch, so the loopback origin is passed as is; http:// is accepted.
//
// 2.2.2 is the newest release npm serves, and it predates users.create, createLoginLink, getByEmail and
// getByPhoneNumber (Kobble's repository adds them in v2.3.0/v2.4.0). The adapter uses those endpoints, so they
// are sent here through the SDK's own HTTP client (its `http` member, private in TypeScript only), which is how
// those later methods send them: the same headers, URL building and error handling.

let served: Served<KobbleFake>;
let fake: KobbleFake;
let sdk: Kobble;

/** The SDK's own HTTP client, for the endpoints 2.2.2 has no method for. */
interface SdkHttp {
  getJson<T>(path: string, params?: Record<string, unknown>): Promise<T>;
  postJson<T>(path: string, payload: Record<string, unknown>): Promise<T>;
}
const sdkHttp = () => (sdk as unknown as { http: SdkHttp }).http;

beforeAll(async () => {
  served = await serveFake((origin) => createKobbleFake({ baseUrl: origin }));
  fake = served.fake;
  sdk = new Kobble(fake.options.secret, { baseApiUrl: served.origin });
});
afterAll(() => served.close());
beforeEach(() => fake.controls.reset());

/** What an SDK call threw: the SDK throws `new Error(body text)` on any non-2xx (a call that succeeds fails the test). */
async function refusal(promise: Promise<unknown>): Promise<{ statusCode: number; message: unknown }> {
  const error = await promise.then(
    () => {
      throw new Error("expected Kobble to refuse the call");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return JSON.parse((error as Error).message) as { statusCode: number; message: unknown };
}

describe("project", () => {
  it("whoami and ping; a wrong secret is refused", async () => {
    expect(await sdk.whoami()).toEqual({ projectId: fake.options.projectId, projectSlug: "authmux-fake", userId: expect.stringMatching(/^c[0-9a-z]{24}$/) });
    expect(await sdk.ping()).toBe(true);
    const stranger = new Kobble("not-the-secret", { baseApiUrl: served.origin });
    expect(await refusal(stranger.whoami())).toMatchObject({ statusCode: 401 });
  });
});

describe("users", () => {
  it("create (every documented field), then getById with and without metadata", async () => {
    const created = await sdkHttp().postJson<{ id: string; isVerified: boolean; metadata: unknown }>("/users/create", {
      email: "ada@example.org",
      name: "Ada Lovelace",
      phoneNumber: "+447700900123",
      metadata: { plan: "pro" },
      markEmailAsVerified: false,
      markPhoneNumberAsVerified: true,
    });
    expect(created).toMatchObject({ email: "ada@example.org", name: "Ada Lovelace", isVerified: true, metadata: { plan: "pro" } });
    expect(await fake.controls.peekUser(created.id)).toEqual({ id: created.id, email: "ada@example.org", name: "Ada Lovelace", phone: "+447700900123", metadata: { plan: "pro" } });
    expect(await fake.controls.peekVerified(created.id)).toBe(true);

    const withMetadata = await sdk.users.getById(created.id, { includeMetadata: true });
    expect(withMetadata).toMatchObject({ id: created.id, email: "ada@example.org", metadata: { plan: "pro" }, isVerified: true });
    expect(withMetadata.createdAt).toBeInstanceOf(Date);
    expect(Number.isNaN(withMetadata.createdAt.getTime())).toBe(false);
    // Without includeMetadata Kobble sends null, which the SDK shows as {}.
    expect((await sdk.users.getById(created.id)).metadata).toEqual({});
    expect(await refusal(sdk.users.getById("cnobody000000000000000000"))).toMatchObject({ statusCode: 404, message: "User not found" });
  });

  it("create refuses what Kobble refuses: no email or phone, a phone that is not E.164, a duplicate", async () => {
    expect(await refusal(sdkHttp().postJson("/users/create", { name: "Nobody" }))).toMatchObject({ statusCode: 400 });
    expect(await refusal(sdkHttp().postJson("/users/create", { phoneNumber: "07700 900123" }))).toMatchObject({ statusCode: 400, message: ["phoneNumber must be a valid phone number"] });
    await fake.controls.seedUser({ email: "dup@example.org" });
    expect(await refusal(sdkHttp().postJson("/users/create", { email: "dup@example.org" }))).toMatchObject({ statusCode: 409 });
    expect((await sdk.users.listAll()).total).toBe(1);
  });

  it("findByEmail and findByPhoneNumber (includeMetadata applied), 404 for nobody", async () => {
    const { id } = await fake.controls.seedUser({ email: "grace@example.org", phone: "+15551230000", metadata: { team: "navy" } });
    expect(await sdkHttp().getJson("/users/findByEmail", { email: "GRACE@example.org", includeMetadata: true })).toMatchObject({ id, metadata: { team: "navy" } });
    expect(await sdkHttp().getJson("/users/findByPhoneNumber", { phoneNumber: "+15551230000", includeMetadata: false })).toMatchObject({ id, metadata: null });
    expect(await refusal(sdkHttp().getJson("/users/findByEmail", { email: "nobody@example.org" }))).toMatchObject({ statusCode: 404 });
  });

  it("listAll applies page, limit and includeMetadata", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await fake.controls.seedUser({ email: `u${i}@example.org`, metadata: { i: String(i) } })).id);
    const first = await sdk.users.listAll({ page: 1, limit: 2, includeMetadata: true });
    expect(first).toMatchObject({ total: 5, count: 2, page: 1, hasNext: true });
    expect(first.data.map((u) => u.id)).toEqual(ids.slice(0, 2));
    expect(first.data[0]!.metadata).toEqual({ i: "0" });
    const last = await sdk.users.listAll({ page: 3, limit: 2 });
    expect(last).toMatchObject({ total: 5, count: 1, page: 3, hasNext: false });
    expect(last.data.map((u) => [u.id, u.metadata])).toEqual([[ids[4], {}]]);
    // Kobble caps a page at 100.
    expect((await sdk.users.listAll({ limit: 500 })).count).toBe(5);
  });

  it("findByMetadata: every pair must match, paged", async () => {
    const a = await fake.controls.seedUser({ email: "a@example.org", metadata: { plan: "pro", region: "eu" } });
    await fake.controls.seedUser({ email: "b@example.org", metadata: { plan: "pro", region: "us" } });
    const found = await sdk.users.findByMetadata({ plan: "pro", region: "eu" }, { page: 1, limit: 10 });
    expect(found).toMatchObject({ total: 1, count: 1, hasNext: false });
    expect(found.data.map((u) => u.id)).toEqual([a.id]);
    expect((await sdk.users.findByMetadata({ plan: "pro" }, { limit: 1 })).hasNext).toBe(true);
  });

  it("updateMetadata replaces, patchMetadata merges (null kept as a value)", async () => {
    const { id } = await fake.controls.seedUser({ email: "m@example.org", metadata: { a: 1, b: 2 } });
    expect(await sdk.users.updateMetadata(id, { c: 3 })).toEqual({ metadata: { c: 3 } });
    expect((await fake.controls.peekUser(id))?.metadata).toEqual({ c: 3 });
    expect(await sdk.users.patchMetadata(id, { d: 4, c: null })).toEqual({ metadata: { c: null, d: 4 } });
    expect((await fake.controls.peekUser(id))?.metadata).toEqual({ c: null, d: 4 });
    expect(await refusal(sdk.users.patchMetadata("cnobody000000000000000000", { x: 1 }))).toMatchObject({ statusCode: 404 });
  });

  it("mintLoginLink: a link the portal signs the user in with once", async () => {
    const { id } = await fake.controls.seedUser({ email: "link@example.org" });
    const link = await sdkHttp().postJson<{ url: string; expiresAt: string }>("/users/mintLoginLink", { userId: id });
    expect(Date.parse(link.expiresAt) - fake.clock()).toBeGreaterThan(0);
    expect(await fake.controls.redeemLoginLink(link.url)).toEqual({ userId: id });
    await expect(fake.controls.redeemLoginLink(link.url)).rejects.toThrow(/unknown, used or expired/);
  });
});

describe("products, quotas and permissions", () => {
  it("getActiveProduct, listQuotas and getQuota parse Kobble's answers", async () => {
    const { id } = await fake.controls.seedUser({ email: "q@example.org" });
    expect(await sdk.users.getActiveProduct(id)).toEqual({ id: expect.stringMatching(/^c/), name: "Free" });
    const quotas = await sdk.users.listQuotas(id);
    expect(quotas.map((q) => [q.name, q.usage, q.limit, q.remaining])).toEqual([
      ["requests", 0, 1000, 1000],
      ["exports", 0, 10, 10],
    ]);
    expect(quotas[0]!.expiresAt).toBeInstanceOf(Date);
    expect(quotas[0]!.expiresAt.getTime()).toBeGreaterThan(fake.clock());
    expect(await sdk.users.getQuota(id, "exports")).toMatchObject({ name: "exports", remaining: 10 });
  });

  it("increment, decrement (a negative incrementBy) and set usage; hasRemainingQuota follows", async () => {
    const { id } = await fake.controls.seedUser({ email: "u@example.org" });
    await sdk.users.incrementQuotaUsage(id, "exports", { incrementBy: 7 });
    expect(await fake.controls.peekQuota(id, "exports")).toEqual({ used: 7 });
    await sdk.users.decrementQuotaUsage(id, "exports", { decrementBy: 2 });
    expect(await fake.controls.peekQuota(id, "exports")).toEqual({ used: 5 });
    expect(fake.requests.at(-1)?.body).toEqual({ userId: id, quotaName: "exports", incrementBy: -2 });
    await sdk.users.setQuotaUsage(id, "exports", 10);
    expect(await fake.controls.peekQuota(id, "exports")).toEqual({ used: 10 });
    expect(await sdk.users.hasRemainingQuota(id, "exports")).toBe(false);
    expect(await sdk.users.hasRemainingQuota(id, ["requests"])).toBe(true);
    expect(await refusal(sdk.users.incrementQuotaUsage(id, "nothing"))).toMatchObject({ statusCode: 404, message: "Quota not found" });
  });

  it("listPermissions and hasPermission", async () => {
    const { id } = await fake.controls.seedUser({ email: "p@example.org" });
    await fake.controls.seedPermissions(id, ["read", "write"]);
    expect((await sdk.users.listPermissions(id)).map((p) => p.name)).toEqual(["read", "write"]);
    expect(await sdk.users.hasPermission(id, ["read", "write"])).toBe(true);
    expect(await sdk.users.hasPermission(id, ["read", "admin"])).toBe(false);
  });
});

describe("tokens and webhooks", () => {
  it("verifyAccessToken and verifyIdToken fetch whoami and the JWKS from the fake and accept its tokens", async () => {
    const { id } = await fake.controls.seedUser({ email: "t@example.org", name: "Tok" });
    const access = await sdk.auth.verifyAccessToken(await fake.controls.issueToken(id), { applicationId: fake.options.applicationId });
    expect(access).toMatchObject({ userId: id, projectId: fake.options.projectId });
    const idToken = await sdk.auth.verifyIdToken(await fake.controls.issueToken(id, { tokenType: "id" }));
    expect(idToken.user).toMatchObject({ id, email: "t@example.org", name: "Tok", isVerified: true });
    await expect(sdk.auth.verifyAccessToken(await fake.controls.issueToken(id, { kind: "foreign" }))).rejects.toThrow();
    await expect(sdk.auth.verifyAccessToken(await fake.controls.issueToken(id), { applicationId: "canotherapp00000000000001" })).rejects.toThrow();
  });

  it("constructEvent accepts the fake's webhook signature and refuses a foreign one", async () => {
    const { id } = await fake.controls.seedUser({ email: "w@example.org" });
    const signed = await fake.controls.signWebhook({ type: "user.created", userId: id });
    expect(sdk.webhooks.constructEvent(signed.body, signed.headers["kobble-signature"]!, fake.options.webhookSecret)).toMatchObject({ type: "user.created", data: { id } });
    const foreign = await fake.controls.signWebhook({ type: "user.created", userId: id, foreign: true });
    expect(() => sdk.webhooks.constructEvent(foreign.body, foreign.headers["kobble-signature"]!, fake.options.webhookSecret)).toThrow(/Signature verification failed/);
  });
});
