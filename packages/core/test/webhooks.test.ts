import { describe, expect, it } from "vitest";
import { type AuthmuxError, lookup, parseWebhookJson, signHmacHex, signStandardWebhook, verifyHmacHexWebhook, verifyStandardWebhook } from "../src/index.js";

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const at = new Date(Date.UTC(2030, 0, 1, 0, 0, 0));
const body = '{"type":"user.created","data":{"id":"user_1"}}';
const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: AuthmuxError) => e);

describe("Standard Webhooks (Svix) signatures", () => {
  it("verifies a delivery signed with the secret, with webhook- or svix- headers", async () => {
    const headers = await signStandardWebhook(body, { secret, id: "msg_1", timestamp: at });
    expect(await verifyStandardWebhook(body, headers, { secret, now: at })).toEqual({ id: "msg_1", timestamp: at, body });
    const svix = { "svix-id": headers["webhook-id"]!, "svix-timestamp": headers["webhook-timestamp"]!, "svix-signature": headers["webhook-signature"]! };
    expect((await verifyStandardWebhook(body, new Headers(svix), { secret, now: at })).id).toBe("msg_1");
  });

  it("accepts any one of several signatures, as during secret rotation", async () => {
    const headers = await signStandardWebhook(body, { secret, id: "msg_1", timestamp: at });
    headers["webhook-signature"] = `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v2,zzz ${headers["webhook-signature"]}`;
    expect((await verifyStandardWebhook(body, headers, { secret, now: at })).id).toBe("msg_1");
  });

  it("rejects a changed body, id or timestamp, and another secret", async () => {
    const headers = await signStandardWebhook(body, { secret, id: "msg_1", timestamp: at });
    expect((await fail(verifyStandardWebhook(`${body} `, headers, { secret, now: at }))).code).toBe("webhook_invalid");
    expect((await fail(verifyStandardWebhook(body, { ...headers, "webhook-id": "msg_2" }, { secret, now: at }))).code).toBe("webhook_invalid");
    const ts = String(Number(headers["webhook-timestamp"]) + 1);
    expect((await fail(verifyStandardWebhook(body, { ...headers, "webhook-timestamp": ts }, { secret, now: at }))).code).toBe("webhook_invalid");
    const other = "whsec_" + btoa("another-secret-of-32-bytes-long!");
    expect((await fail(verifyStandardWebhook(body, headers, { secret: other, now: at }))).message).toContain("no signature matches");
  });

  it("enforces the timestamp window both ways", async () => {
    const headers = await signStandardWebhook(body, { secret, id: "msg_1", timestamp: at });
    const plus = (s: number) => new Date(at.getTime() + s * 1000);
    await expect(verifyStandardWebhook(body, headers, { secret, now: plus(300) })).resolves.toBeDefined();
    expect((await fail(verifyStandardWebhook(body, headers, { secret, now: plus(301) }))).message).toContain("too old");
    expect((await fail(verifyStandardWebhook(body, headers, { secret, now: plus(-301) }))).message).toContain("future");
  });

  it("says what is missing, and refuses a parsed body", async () => {
    const headers = await signStandardWebhook(body, { secret, id: "msg_1", timestamp: at });
    expect((await fail(verifyStandardWebhook(body, {}, { secret, now: at }))).message).toContain("missing webhook-id");
    const { "webhook-signature": _s, ...noSig } = headers;
    expect((await fail(verifyStandardWebhook(body, noSig, { secret, now: at }))).message).toContain("missing webhook-signature");
    expect((await fail(verifyStandardWebhook(JSON.parse(body), headers, { secret, now: at }))).message).toContain("raw request body");
  });
});

describe("official Standard Webhooks vectors (webhooks.md §1.5)", () => {
  const vectors = [
    { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek", ts: 1614265330, body: '{"test": 2432232314}', sig: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" },
    { secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", id: "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", ts: 1649367553, body: '{"email":"test@example.com","username":"test_user"}', sig: "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=" },
  ];

  it("verifies both vectors at their timestamp, and signing reproduces them", async () => {
    for (const v of vectors) {
      const headers = { "svix-id": v.id, "svix-timestamp": String(v.ts), "svix-signature": v.sig };
      expect((await verifyStandardWebhook(v.body, headers, { secret: v.secret, now: new Date(v.ts * 1000) })).id).toBe(v.id);
      expect((await signStandardWebhook(v.body, { secret: v.secret, id: v.id, timestamp: new Date(v.ts * 1000) }))["webhook-signature"]).toBe(v.sig);
      // Today the vector is years old: too old.
      expect((await fail(verifyStandardWebhook(v.body, headers, { secret: v.secret }))).message).toContain("too old");
    }
  });

  it("accepts the libraries' multi-signature list and refuses the near miss", async () => {
    const v = vectors[0]!;
    const junk = "Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    const list = `v1,${junk} v2,${junk} ${v.sig} v1,${junk}`;
    const at = { secret: v.secret, now: new Date(v.ts * 1000) };
    expect((await verifyStandardWebhook(v.body, { "webhook-id": v.id, "webhook-timestamp": String(v.ts), "webhook-signature": list }, at)).id).toBe(v.id);
    const near = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=";
    expect((await fail(verifyStandardWebhook(v.body, { "webhook-id": v.id, "webhook-timestamp": String(v.ts), "webhook-signature": near }, at))).code).toBe("webhook_invalid");
    // The tag must be exactly v1.
    const upper = v.sig.replace("v1,", "V1,");
    expect((await fail(verifyStandardWebhook(v.body, { "webhook-id": v.id, "webhook-timestamp": String(v.ts), "webhook-signature": upper }, at))).code).toBe("webhook_invalid");
  });

  it("reads the body of a Request once, and refuses a Request already read", async () => {
    const v = vectors[1]!;
    const headers = { "svix-id": v.id, "svix-timestamp": String(v.ts), "svix-signature": v.sig };
    const request = new Request("http://localhost/hook", { method: "POST", body: v.body, headers });
    expect((await verifyStandardWebhook(request, request.headers, { secret: v.secret, now: new Date(v.ts * 1000) })).body).toBe(v.body);
    expect((await fail(verifyStandardWebhook(request, request.headers, { secret: v.secret, now: new Date(v.ts * 1000) }))).message).toContain("already read");
  });

  it("refuses a millisecond timestamp as too new and a non-numeric one outright", async () => {
    const v = vectors[0]!;
    const ms = { "webhook-id": v.id, "webhook-timestamp": String(v.ts * 1000), "webhook-signature": v.sig };
    expect((await fail(verifyStandardWebhook(v.body, ms, { secret: v.secret, now: new Date(v.ts * 1000) }))).message).toContain("future");
    const junk = { "webhook-id": v.id, "webhook-timestamp": `${v.ts}abc`, "webhook-signature": v.sig };
    expect((await fail(verifyStandardWebhook(v.body, junk, { secret: v.secret, now: new Date(v.ts * 1000) }))).message).toContain("not a number");
  });
});

describe("hex HMAC-SHA256 of the raw body (Kobble, Kustomer)", () => {
  const body = '{"type":"user.created","data":{"id":"clxk0b1e000008l4z2q6h9r3m","email":"ada@example.com","name":"Ada Lovelace","createdAt":"2026-01-01T00:00:00.000Z","isVerified":true}}';
  const hexSecret = "8f2a6c1d9e0b4a7f3c5d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b";

  it("verifies with the hex-decoded key (Kobble) and with the UTF-8 key (Kustomer); the two differ", async () => {
    const kobble = await signHmacHex(body, hexSecret, "hex");
    const kustomer = await signHmacHex(body, hexSecret, "utf8");
    expect(kobble).toMatch(/^[0-9a-f]{64}$/);
    expect(kobble).not.toBe(kustomer);
    // Independent check of the hex-key scheme with node:crypto.
    const { createHmac } = await import("node:crypto");
    expect(kobble).toBe(createHmac("sha256", Buffer.from(hexSecret, "hex")).update(body).digest("hex"));
    expect(kustomer).toBe(createHmac("sha256", hexSecret).update(body).digest("hex"));
    expect(await verifyHmacHexWebhook(body, { "Kobble-Signature": kobble }, { header: "kobble-signature", secret: hexSecret, keyEncoding: "hex" })).toBe(body);
    expect(await verifyHmacHexWebhook(new TextEncoder().encode(body), new Headers({ "X-Kustomer-Webhook-Signature": kustomer }), { header: "X-Kustomer-Webhook-Signature", secret: hexSecret, keyEncoding: "utf8" })).toBe(body);
    // Upper-case hex of the same digest is the same bytes.
    await expect(verifyHmacHexWebhook(body, { "kobble-signature": kobble.toUpperCase() }, { header: "Kobble-Signature", secret: hexSecret, keyEncoding: "hex" })).resolves.toBe(body);
  });

  it("refuses a changed body, a missing or malformed header, a parsed body, and a non-hex secret", async () => {
    const sig = await signHmacHex(body, hexSecret, "hex");
    const opts = { header: "Kobble-Signature", secret: hexSecret, keyEncoding: "hex" as const };
    expect((await fail(verifyHmacHexWebhook(`${body}\n`, { "Kobble-Signature": sig }, opts))).message).toContain("no signature matches");
    expect((await fail(verifyHmacHexWebhook(body, {}, opts))).message).toContain("missing Kobble-Signature");
    expect((await fail(verifyHmacHexWebhook(body, { "Kobble-Signature": `sha256=${sig}` }, opts))).message).toContain("not a hex SHA-256 HMAC");
    expect((await fail(verifyHmacHexWebhook(JSON.parse(body), { "Kobble-Signature": sig }, opts))).message).toContain("not a parsed object");
    expect((await fail(verifyHmacHexWebhook(body, { "Kobble-Signature": sig }, { ...opts, secret: `${hexSecret}zz` }))).code).toBe("invalid_input");
  });
});

describe("parseWebhookJson and lookup: a verified body read without trusting its shape", () => {
  it("a body that is not a JSON object is webhook_invalid, whatever it is", () => {
    for (const body of ["null", "[]", "5", '"text"', "true", "{", ""]) {
      expect(() => parseWebhookJson(body, "acme"), body).toThrowError(expect.objectContaining({ code: "webhook_invalid", provider: "acme" }));
    }
    expect(parseWebhookJson('{"type":"user.created","data":{}}')).toEqual({ type: "user.created", data: {} });
  });

  it("lookup finds own entries only: a vendor's 'constructor' or '__proto__' is no key", () => {
    const table = { created: "user.created" };
    expect(["created", "constructor", "__proto__", "toString", "hasOwnProperty", 5, null, undefined].map((key) => lookup(table, key))).toEqual(["user.created", ...Array(7).fill(undefined)]);
  });
});
