import { describe, expect, it } from "vitest";
import { signatureString, signParams } from "../src/index.js";
import { createConnectyCubeFake } from "../src/testing/index.js";
import { signatureOf, signedString } from "../src/testing/signature.js";

// The reference's test vectors (vendors/connectycube.md §3.2), authSecret = s3cr3tAuthSecret. The digests were
// also recomputed independently of both implementations, with
//   printf '%s' '<string signed>' | openssl dgst -sha1 -hmac 's3cr3tAuthSecret'
// The adapter (src/signature.ts) and the fake (src/testing/signature.ts) are each pinned to these, not to each other.
const SECRET = "s3cr3tAuthSecret";
const BASE = { application_id: 4711, auth_key: "AbCdEfGh12345", nonce: 8241, timestamp: 1700000000 };
const VECTORS: [Record<string, unknown>, string, string][] = [
  [BASE, "application_id=4711&auth_key=AbCdEfGh12345&nonce=8241&timestamp=1700000000", "a6ef1fb5d8e8d2d2d65abe3601666b7c4d6e45e1"],
  [
    { ...BASE, user: { login: "alice", password: "pa55word!" } },
    "application_id=4711&auth_key=AbCdEfGh12345&nonce=8241&timestamp=1700000000&user[login]=alice&user[password]=pa55word!",
    "133ac8627390a373bd61063504b61d3ee03ebbd1",
  ],
  [
    { ...BASE, user: { email: "alice@example.com", password: "pa55word!" } },
    "application_id=4711&auth_key=AbCdEfGh12345&nonce=8241&timestamp=1700000000&user[email]=alice@example.com&user[password]=pa55word!",
    "f96c549b103899cbfe7e35c9b6b12e405af4a0a6",
  ],
  [
    // Field order in the body does not matter: the pairs are sorted.
    { user: { guest: "1", full_name: "Zed Guest" }, timestamp: 1700000000, nonce: 8241, auth_key: "AbCdEfGh12345", application_id: 4711 },
    "application_id=4711&auth_key=AbCdEfGh12345&nonce=8241&timestamp=1700000000&user[full_name]=Zed Guest&user[guest]=1",
    "4df4e19b4f423344f6b19d8aafa70d3f5467ae1f",
  ],
];

describe("the legacy session signature (HMAC-SHA1)", () => {
  it.each(VECTORS)("the adapter signs %j as the reference says", async (params, string, signature) => {
    expect(signatureString(params)).toBe(string);
    expect(await signParams(params, SECRET)).toBe(signature);
    // An existing signature field is never part of what is signed.
    expect(await signParams({ ...params, signature: "old" }, SECRET)).toBe(signature);
  });

  it.each(VECTORS)("the fake checks %j as the reference says", async (params, string, signature) => {
    expect(signedString(params)).toBe(string);
    expect(await signatureOf(params, SECRET)).toBe(signature);
    expect(await signatureOf({ ...params, signature: "old" }, SECRET)).toBe(signature);
  });

  it("the fake accepts the reference's signed bodies and refuses a changed one", async () => {
    const fake = createConnectyCubeFake({ authSecret: SECRET });
    const send = (body: unknown) => fake.fetch(`${fake.options.baseUrl}/session.json`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    fake.controls.setClock(BASE.timestamp * 1000);
    // The guest vector makes a session without a seeded user: ConnectyCube's answer to a good signature.
    const [params, , signature] = VECTORS[3]!;
    const accepted = await send({ ...params, signature });
    expect(accepted.status).toBe(201);
    const altered = await send({ ...params, nonce: 8242, signature });
    expect([altered.status, await altered.json()]).toEqual([422, { errors: ["Unexpected signature"] }]);
  });
});
