import { type AuthmuxError, signHmacHex } from "@authmux/core";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { kustomer } from "../src/index.js";
import { createKustomerFake } from "../src/testing/index.js";
import { setup } from "./helpers.js";

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: AuthmuxError) => e);

describe("metadata = the org's type-suffixed custom attributes", () => {
  it("patch merges and null removes, with scalar values (the conformance test's object value cannot be stored)", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "m@example.com", metadata: { plan: "free", seats: 3, beta: true } });
    expect((await auth.users.patchMetadata(id, { plan: "pro", beta: null, region: "eu" })).metadata).toEqual({ plan: "pro", seats: 3, region: "eu" });
    expect((await auth.users.get(id))?.metadata).toEqual({ plan: "pro", seats: 3, region: "eu" });
    // In the fake's own state: betaBool holds null (cleared), so it reads as absent.
    expect((await fake.controls.peekUser(id))?.metadata).toEqual({ plan: "pro", seats: 3, region: "eu" });
  });

  it("unknown keys, objects and values of the wrong type are invalid_input naming the key, before any request", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "v@example.com" });
    const cases: [Record<string, never>, string][] = [
      [{ color: "red" } as never, 'metadata key "color" is not a custom attribute'],
      [{ flags: { beta: true } } as never, 'metadata key "flags" is not a custom attribute'],
      [{ seats: "three" } as never, 'metadata key "seats" must be a number or null'],
      [{ plan: "x".repeat(1025) } as never, 'metadata key "plan" must be a string of at most 1024 characters'],
      [{ renews: "tomorrow" } as never, 'metadata key "renews" must be an ISO date-time string'],
      [{ homepage: "not a url" } as never, 'metadata key "homepage" must be a URL string'],
      [{ colorStr: "red" } as never, 'metadata key "colorStr" is not a custom attribute'],
    ];
    for (const [patch, message] of cases) {
      const error = await fail(auth.users.patchMetadata(id, patch));
      expect(error.code).toBe("invalid_input");
      expect(error.message).toContain(message);
    }
    expect(fake.requests).toHaveLength(0);
    // Full attribute names work too.
    expect((await auth.users.patchMetadata(id, { planStr: "pro", renewsAt: "2030-02-01T00:00:00.000Z" })).metadata).toEqual({ plan: "pro", renews: "2030-02-01T00:00:00.000Z" });
  });

  it("without customAttributes, full names pass through and Kustomer's badparam becomes invalid_input naming the field", async () => {
    const { fake, auth } = setup({}, { customAttributes: undefined });
    const { id } = await fake.controls.seedUser({ email: "b@example.com", metadata: { plan: "pro" } });
    expect((await auth.users.get(id))?.metadata).toEqual({ planStr: "pro" });
    expect((await fail(auth.users.patchMetadata(id, { plan: "x" }))).code).toBe("invalid_input");
    const error = await fail(auth.users.patchMetadata(id, { notAnActualAttributeStr: "x" }));
    expect(error).toMatchObject({ code: "invalid_input", status: 400 });
    expect(error.message).toContain('field "notAnActualAttributeStr"');
    expect(error.cause).toEqual({ errors: [{ status: 400, source: { parameter: "notAnActualAttributeStr" }, code: "badparam", title: "Additional properties not allowed", detail: "/properties/custom/additionalProperties" }] });
  });

  it("two attributes with one base are refused at start-up", () => {
    expect(() => kustomer({ apiKey: "k", orgName: "acme", customAttributes: ["planStr", "planNum"] })).toThrow(/"planStr" and "planNum" would both be metadata key "plan"/);
  });
});

describe("Kustomer's errors and limits", () => {
  it("a 429 with x-ratelimit-reset (epoch seconds) is rate_limited with retryAfter", async () => {
    const { fake, auth } = setup();
    // Frozen: the reset is whole epoch seconds, and a running clock may cross a second between the fake and the client.
    fake.controls.setClock(Date.UTC(2030, 0, 15, 12, 0, 0, 500));
    const { id } = await fake.controls.seedUser({ email: "r@example.com" });
    fake.controls.failNext({ kind: "rate_limited", retryAfterSec: 300 }, 2);
    const error = await fail(auth.users.get(id));
    expect(error).toMatchObject({ code: "rate_limited", status: 429, retryAfter: 300, cause: { errors: [{ status: 429, code: "toomanyrequests", title: "Too Many Requests" }] } });
  });

  it("the org-wide budget runs out with a 429 too", async () => {
    // No retry: the window resets in a minute, which the HTTP layer would wait for.
    const { fake, auth } = setup({ rateLimit: 2 }, { retry: { limit: 0 } });
    const { id } = await fake.controls.seedUser({ email: "budget@example.com" });
    await auth.users.get(id);
    await auth.users.get(id);
    expect((await fail(auth.users.get(id))).code).toBe("rate_limited");
  });

  it("a key without the role is 403 → provider_auth_failed naming the role; an unknown key is 401", async () => {
    const { fake, auth } = setup({ keys: { readonly: ["org.permission.customer.read"] } }, { apiKey: "readonly" });
    const { id } = await fake.controls.seedUser({ email: "ro@example.com" });
    expect((await auth.users.get(id))?.id).toBe(id);
    const error = await fail(auth.users.delete(id));
    expect(error).toMatchObject({ code: "provider_auth_failed", status: 403 });
    expect(error.message).toContain("lacks a role");
    const secretless = await fail(auth.tokens.issue(id));
    expect(secretless).toMatchObject({ code: "provider_auth_failed", status: 403 });
    const stranger = setup({}, { apiKey: "not-a-key" });
    expect(await fail(stranger.auth.users.get(id))).toMatchObject({ code: "provider_auth_failed", status: 401 });
  });

  it("a duplicate externalId or email is conflict naming the field", async () => {
    const { fake, auth } = setup();
    await fake.controls.seedUser({ email: "dup@example.com" });
    const error = await fail(auth.users.create({ email: "DUP@example.com" }));
    expect(error).toMatchObject({ code: "conflict", status: 409 });
    expect(error.message).toContain("emails");
    const allowing = setup({ duplicateEmails: "allow" });
    await allowing.fake.controls.seedUser({ email: "dup@example.com" });
    expect((await allowing.auth.users.create({ email: "dup@example.com" })).email).toBe("dup@example.com");
  });
});

describe("the fake is strict", () => {
  it("refuses a missing key, unknown paths, wrong methods, bad bodies and unknown query parameters as Kustomer does", async () => {
    const { fake } = setup();
    const url = (p: string) => `${fake.options.baseUrl}${p}`;
    const auth = { authorization: `Bearer ${fake.options.apiKey}` };
    const json = { ...auth, "content-type": "application/json" };
    const answer = async (r: Promise<Response>) => {
      const res = await r;
      return [res.status, await res.json()];
    };
    expect(await answer(fake.fetch(url("/v1/customers")))).toEqual([401, { errors: [{ status: 401, code: "unauthorized", title: "Unauthorized", detail: "Invalid or expired token" }] }]);
    expect((await fake.fetch(url("/v1/nope"), { headers: auth })).status).toBe(404);
    expect((await fake.fetch(url("/v1/customers/email=a%40b.co"), { method: "DELETE", headers: auth })).status).toBe(404);
    expect(await answer(fake.fetch(url("/v1/customers"), { method: "POST", headers: json, body: "{" }))).toEqual([400, { errors: [{ status: 400, code: "bad_request", title: "Bad Request", detail: "Unexpected token in JSON body" }] }]);
    expect(await answer(fake.fetch(url("/v1/customers"), { method: "POST", headers: json, body: JSON.stringify({ email: "a@b.co" }) }))).toEqual([
      400,
      { errors: [{ status: 400, source: { parameter: "email" }, code: "badparam", title: "Additional properties not allowed", detail: "/additionalProperties" }] },
    ]);
    expect((await fake.fetch(url("/v1/customers?max=5"), { headers: auth })).status).toBe(400);
    expect((await fake.fetch(url("/v1/customers?pageSize=101"), { headers: auth })).status).toBe(400);
    expect(await answer(fake.fetch(url("/v1/customers/externalId=nobody"), { headers: auth }))).toEqual([404, { errors: [{ status: 404, source: { parameter: "externalId" }, code: "notfound", title: "Not Found" }] }]);
  });

  it("peekUser reads its own state: first email and phone, attributes under their neutral keys, deleted customers gone", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "pat@example.com", name: "Pat Doe", phone: "+15551234567", metadata: { plan: "pro", notesTxt: "hi" } });
    expect(await fake.controls.peekUser({ email: "PAT@example.com" })).toEqual({ id, email: "pat@example.com", name: "Pat Doe", phone: "+15551234567", metadata: { plan: "pro", notes: "hi" } });
    await auth.users.delete(id);
    expect(await fake.controls.peekUser(id)).toBeNull();
    // Two attributes of one base: the first defined takes the short key, the other keeps its full name.
    const twins = createKustomerFake({ customAttributes: ["planStr", "planNum"] });
    const seeded = await twins.controls.seedUser({ email: "t@example.com", metadata: { plan: "pro", planNum: 2 } });
    expect((await twins.controls.peekUser(seeded.id))?.metadata).toEqual({ plan: "pro", planNum: 2 });
  });

  it("answers at the regional hosts too, with Kustomer's headers", async () => {
    const { fake } = setup();
    const res = await fake.fetch("https://api.prod2.kustomerapp.com/v1/customers", { headers: { authorization: `Bearer ${fake.options.apiKey}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("x-kustomer-pod")).toBe("prod1");
    expect(await res.json()).toEqual({ meta: { pageSize: 100, page: 1, total: 0, totalPages: 1 }, links: { self: "/v1/customers?page=1&pageSize=100", first: "/v1/customers?page=1&pageSize=100", prev: null, next: null, last: "/v1/customers?page=1&pageSize=100" }, data: [] });
  });
});

describe("chat login tokens", () => {
  const seedSign = (secret: string, claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(secret));

  it("the secret is fetched once, shared by concurrent first calls, and refetched after a failure", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "s@example.com" });
    // Both attempts of the secret request fail: the failure is not cached.
    fake.controls.failNext({ kind: "unavailable", status: 503 }, 2);
    expect((await fail(auth.vendor.issueChatToken({ externalId: "usr_1" }))).code).toBe("provider_unavailable");
    const tokens = await Promise.all([auth.tokens.issue(id), auth.tokens.issue(id), auth.vendor.issueChatToken({ externalId: "usr_2" })]);
    expect(tokens).toHaveLength(3);
    expect(fake.requests.filter((r) => r.path === "/v1/auth/customer/settings")).toHaveLength(3);
    const configured = setup({}, { chatSecret: "kustomer-chat-secret-for-tests-0123456789abcdef" });
    const other = await configured.fake.controls.seedUser({ email: "c@example.com" });
    await configured.auth.tokens.verify(await configured.auth.tokens.issue(other.id));
    expect(configured.fake.requests.map((r) => r.path)).toEqual([`/v1/customers/${other.id}`]);
  });

  it("verify: email wins over externalId, the customer is looked up once a minute, unknown customers are token_invalid", async () => {
    const { fake, auth } = setup({}, { chatSecret: "kustomer-chat-secret-for-tests-0123456789abcdef" });
    const byMail = await fake.controls.seedUser({ email: "both@example.com" });
    await fake.controls.seedUser({ email: "other@example.com", externalId: "usr_9" });
    const iat = Math.floor(fake.clock() / 1000);
    const both = await seedSign(fake.options.chatSecret, { externalId: "usr_9", email: "both@example.com", iat, exp: iat + 900, iss: fake.options.baseUrl });
    const verified = await auth.tokens.verify(both);
    expect(verified).toMatchObject({ userId: byMail.id, sessionId: null, issuer: fake.options.baseUrl, audience: [], issuedAt: new Date(iat * 1000), expiresAt: new Date((iat + 900) * 1000), provider: "kustomer" });
    expect(fake.requests.map((r) => r.path)).toEqual(["/v1/customers/email=both%40example.com"]);
    const again = await seedSign(fake.options.chatSecret, { email: "both@example.com", iat, exp: iat + 600, iss: fake.options.baseUrl });
    expect((await auth.tokens.verify(again)).userId).toBe(byMail.id);
    expect(fake.requests).toHaveLength(1);
    const nobody = await auth.vendor.issueChatToken({ email: "nobody@example.com" });
    expect(await fail(auth.tokens.verify(nobody))).toMatchObject({ code: "token_invalid", message: "token rejected: no Kustomer customer has the token's email" });
  });

  it("verify: the caller's token never appears in the lookup's error, also where the answer quotes it", async () => {
    const fake = createKustomerFake();
    const chatSecret = fake.options.chatSecret;
    const iat = Math.floor(fake.clock() / 1000);
    const token = await seedSign(chatSecret, { externalId: "usr_echo", iat, exp: iat + 900, iss: fake.options.baseUrl });
    const quoting = async () => Response.json({ errors: [{ status: 500, code: "internal", title: `token ${token} broke the lookup` }] }, { status: 500 });
    const error = await fail(kustomer({ ...fake.adapterOptions, chatSecret, fetch: quoting, retry: { limit: 0 } }).tokens.verify(token));
    expect(error.code).toBe("provider_unavailable");
    expect(`${error.message} ${JSON.stringify(error.cause)}`).not.toContain(token);
  });

  it("a token exactly as the seed shows it (no exp, no iss) is refused: core's engine requires both", async () => {
    const { fake, auth } = setup({}, { chatSecret: "kustomer-chat-secret-for-tests-0123456789abcdef" });
    const seedToken = await seedSign(fake.options.chatSecret, { externalId: "user_id", iat: Math.floor(fake.clock() / 1000) });
    expect(await fake.controls.verifyChatToken(seedToken)).toEqual({ externalId: "user_id" });
    expect(await fail(auth.tokens.verify(seedToken))).toMatchObject({ code: "token_invalid", message: "token rejected: it has no exp claim (every accepted token must expire)" });
  });

  it("issue options: at most 15 minutes, no session, no overriding identity claims — all before any request", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "o@example.com" });
    for (const options of [{ expiresInSeconds: 901 }, { sessionId: "s" }, { claims: { email: "x@example.com" } }]) {
      expect((await fail(auth.tokens.issue(id, options))).code).toBe("invalid_input");
    }
    expect((await fail(auth.vendor.issueChatToken({ email: "a@b.co", externalId: "x" } as never))).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(0);
    expect((await fail(auth.tokens.issue("6717c2b1e5b1f00012ab3500"))).code).toBe("not_found");
  });
});

describe("webhooks", () => {
  it("the header and key encoding are options", async () => {
    const { fake } = setup();
    const hexKey = "00112233445566778899aabbccddeeff";
    const auth = kustomer({ apiKey: "k", orgName: "acme", webhookToken: hexKey, webhookKeyEncoding: "hex", webhookSignatureHeader: "X-Custom-Signature" });
    const { id } = await fake.controls.seedUser({ email: "w@example.com" });
    const { body } = await fake.controls.signWebhook({ type: "user.created", userId: id });
    const event = await auth.webhooks.verify(body, { "x-custom-signature": await signHmacHex(body, hexKey, "hex") });
    expect(event).toMatchObject({ type: "user.created", vendorType: "kustomer.customer.create", data: { userId: id, user: { id, email: "w@example.com" } } });
    expect(event.id).toBe(JSON.parse(body).id);
    await expect(auth.webhooks.verify(body, { "x-kustomer-webhook-signature": await signHmacHex(body, hexKey, "hex") })).rejects.toMatchObject({ code: "webhook_invalid" });
  });

  it("webhookDedupe refuses an envelope id seen before; other events are unknown with raw kept", async () => {
    const seen = new Set<string>();
    const { fake, auth } = setup({}, { webhookDedupe: (id) => seen.has(id) || (seen.add(id), false) });
    const { id } = await fake.controls.seedUser({ email: "d@example.com" });
    const delivery = await fake.controls.signWebhook({ type: "user.updated", userId: id });
    expect((await auth.webhooks.verify(delivery.body, delivery.headers)).type).toBe("user.updated");
    await expect(auth.webhooks.verify(delivery.body, delivery.headers)).rejects.toMatchObject({ code: "webhook_invalid" });
    const body = JSON.stringify({ id: "evt1", name: "kustomer.conversation.create", createdAt: "2030-01-01T00:00:00.000Z", data: { type: "conversation", id: "c1", attributes: {} } });
    const event = await auth.webhooks.verify(body, { "x-kustomer-webhook-signature": await signHmacHex(body, fake.options.webhookToken, "utf8") });
    expect(event).toMatchObject({ id: "evt1", type: "unknown", vendorType: "kustomer.conversation.create", data: {}, occurredAt: new Date("2030-01-01T00:00:00.000Z") });
  });
});

describe("arguments are checked before any request; values cannot change the path", () => {
  it("tokens.issue: a claim Kustomer's JSON cannot carry (BigInt, Date) or null options are invalid_input before the customer is read", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "big@example.com" });
    for (const options of [{ claims: { n: 10n } }, { claims: { d: new Date(0) } }, { claims: [] }, null, "x"]) {
      expect((await fail(auth.tokens.issue(id, options as never))).code).toBe("invalid_input");
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("vendor methods refuse bad arguments with invalid_input and send nothing", async () => {
    const { fake, auth } = setup();
    const calls: (() => Promise<unknown>)[] = [
      () => auth.vendor.getByExternalId(".."),
      () => auth.vendor.getByExternalId(5 as never),
      () => auth.vendor.getByPhone(null as never),
      () => auth.vendor.searchCustomers(null as never),
      () => auth.vendor.searchCustomers({ and: 5 } as never),
      () => auth.vendor.searchCustomers({ and: [{ customer_name: { equals: 10n } }] } as never),
      () => auth.vendor.searchCustomers({ queryContext: "conversation" } as never),
      () => auth.vendor.searchCustomers({}, null as never),
      () => auth.vendor.issueChatToken({ externalId: "x" }, null as never),
      () => auth.vendor.issueChatToken({ externalId: "x" }, { claims: { n: 10n } as never }),
      () => auth.webhooks.verify("{}", {}, null as never),
    ];
    for (const call of calls) expect((await fail(call())).code).toBe("invalid_input");
    expect(fake.requests).toHaveLength(0);
  });

  it("/ ? # and .. in an email or externalId stay inside the one lookup segment", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "a/../b?c#d@example.com", externalId: "../x?y#z/.." });
    expect((await auth.users.getByEmail("a/../b?c#d@example.com"))?.id).toBe(id);
    expect((await auth.vendor.getByExternalId("../x?y#z/.."))?.id).toBe(id);
    expect(fake.requests.map((r) => [r.path, r.query])).toEqual([
      ["/v1/customers/email=a%2F..%2Fb%3Fc%23d%40example.com", {}],
      ["/v1/customers/externalId=..%2Fx%3Fy%23z%2F..", {}],
    ]);
  });
});
