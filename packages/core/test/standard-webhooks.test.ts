import { describe, expect, it } from "vitest";
import { type AuthmuxError, signStandardWebhook, verifyStandardWebhook } from "../src/index.js";

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
