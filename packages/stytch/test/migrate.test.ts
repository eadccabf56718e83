import { base64Encode } from "@authmux/core";
import { argon2i, argon2id, bcrypt, md5, pbkdf2, createSHA256, createSHA512, scrypt, sha1, sha512 } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { createStytchFake } from "../src/testing/index.js";
import { call } from "./fake-call.js";

// POST /v1/passwords/migrate stores each hash type Stytch imports and checks it for real at sign-in (issue 16
// item 6): the right password starts a session, a wrong one is refused. Costs are kept low so the suite is quick.
const PASSWORD = "Tr0ub4dor&3 horse";
const salt = new TextEncoder().encode("sixteen byte sal");
const b64 = (bytes: Uint8Array) => base64Encode(bytes);
/** PHC base64: standard alphabet, no padding. */
const phc = (bytes: Uint8Array) => b64(bytes).replace(/=+$/, "");

const vectors: [string, () => Promise<Record<string, unknown>>][] = [
  ["bcrypt", async () => ({ hash_type: "bcrypt", hash: await bcrypt({ password: PASSWORD, salt, costFactor: 4, outputType: "encoded" }) })],
  ["bcrypt ($2b$)", async () => ({ hash_type: "bcrypt", hash: (await bcrypt({ password: PASSWORD, salt, costFactor: 4, outputType: "encoded" })).replace("$2a$", "$2b$") })],
  ["argon_2id (PHC)", async () => ({ hash_type: "argon_2id", hash: await argon2id({ password: PASSWORD, salt, iterations: 2, parallelism: 1, memorySize: 256, hashLength: 32, outputType: "encoded" }) })],
  ["argon_2i (PHC)", async () => ({ hash_type: "argon_2i", hash: await argon2i({ password: PASSWORD, salt, iterations: 2, parallelism: 1, memorySize: 256, hashLength: 32, outputType: "encoded" }) })],
  [
    "argon_2id (hex + argon_2_config)",
    async () => ({
      hash_type: "argon_2id",
      hash: await argon2id({ password: PASSWORD, salt: "plain-text-salt!", iterations: 3, parallelism: 2, memorySize: 128, hashLength: 24, outputType: "hex" }),
      argon_2_config: { salt: "plain-text-salt!", iteration_amount: 3, memory: 128, threads: 2, key_length: 24 },
    }),
  ],
  [
    "scrypt (PHC)",
    async () => {
      const hash = await scrypt({ password: PASSWORD, salt, costFactor: 1024, blockSize: 8, parallelism: 1, hashLength: 32, outputType: "binary" });
      return { hash_type: "scrypt", hash: `$scrypt$ln=10,r=8,p=1$${phc(salt)}$${phc(hash)}` };
    },
  ],
  [
    "scrypt (base64 + scrypt_config)",
    async () => {
      const hash = await scrypt({ password: PASSWORD, salt, costFactor: 2048, blockSize: 4, parallelism: 2, hashLength: 48, outputType: "binary" });
      return { hash_type: "scrypt", hash: b64(hash), scrypt_config: { salt: b64(salt), n_parameter: 2048, r_parameter: 4, p_parameter: 2, key_length: 48 } };
    },
  ],
  [
    "pbkdf_2 sha256",
    async () => {
      const hash = await pbkdf2({ password: PASSWORD, salt, iterations: 1000, hashLength: 32, hashFunction: createSHA256(), outputType: "binary" });
      return { hash_type: "pbkdf_2", hash: b64(hash), pbkdf_2_config: { salt: b64(salt), iteration_amount: 1000, key_length: 32, algorithm: "sha256" } };
    },
  ],
  [
    "pbkdf_2 sha512",
    async () => {
      const hash = await pbkdf2({ password: PASSWORD, salt, iterations: 500, hashLength: 64, hashFunction: createSHA512(), outputType: "binary" });
      return { hash_type: "pbkdf_2", hash: b64(hash), pbkdf_2_config: { salt: b64(salt), iteration_amount: 500, key_length: 64, algorithm: "sha512" } };
    },
  ],
  ["md_5 (salted)", async () => ({ hash_type: "md_5", hash: await md5(`pre${PASSWORD}post`), md_5_config: { prepend_salt: "pre", append_salt: "post" } })],
  ["sha_1", async () => ({ hash_type: "sha_1", hash: await sha1(PASSWORD) })],
  ["sha_512 (salted)", async () => ({ hash_type: "sha_512", hash: await sha512(`${PASSWORD}pepper`), sha_512_config: { prepend_salt: "", append_salt: "pepper" } })],
];

describe("POST /v1/passwords/migrate: an imported hash signs the user in for real", () => {
  for (const [name, vector] of vectors) {
    it(name, async () => {
      const fake = createStytchFake();
      const migrated = await call(fake, "POST", "/v1/passwords/migrate", { email: "mig@example.com", ...(await vector()) });
      expect(migrated).toMatchObject({ status: 200, body: { user_created: true, user: { password: { password_id: expect.stringMatching(/^password-test-/) } } } });
      const userId = String(migrated.body.user_id);
      const right = await call(fake, "POST", "/v1/passwords/authenticate", { email: "mig@example.com", password: PASSWORD, session_duration_minutes: 60 });
      expect(right).toMatchObject({ status: 200, body: { user_id: userId, session: { user_id: userId } } });
      expect(await fake.controls.peekSession(String(right.body.session_token))).toEqual({ userId, active: true });
      const wrong = await call(fake, "POST", "/v1/passwords/authenticate", { email: "mig@example.com", password: `${PASSWORD}!`, session_duration_minutes: 60 });
      expect(wrong).toMatchObject({ status: 401, body: { error_type: "unauthorized_credentials" } });
    });
  }
});

describe("POST /v1/passwords/migrate: users and fields", () => {
  it("creates the user with name, metadata, phone, external id and verified flags; attaches to an existing user otherwise", async () => {
    const fake = createStytchFake();
    const hash = await bcrypt({ password: PASSWORD, salt, costFactor: 4, outputType: "encoded" });
    const created = await call(fake, "POST", "/v1/passwords/migrate", {
      email: "full@example.com",
      hash,
      hash_type: "bcrypt",
      name: { first_name: "Grace", last_name: "Hopper" },
      trusted_metadata: { plan: "pro" },
      untrusted_metadata: { theme: "dark" },
      phone_number: "+15550001111",
      set_phone_number_verified: true,
      set_email_verified: true,
      external_id: "legacy-1",
    });
    expect(created.status).toBe(200);
    expect(fake.controls.peekWireUser("legacy-1")).toMatchObject({
      name: { first_name: "Grace", last_name: "Hopper" },
      trusted_metadata: { plan: "pro" },
      untrusted_metadata: { theme: "dark" },
      emails: [{ email: "full@example.com", verified: true }],
      phone_numbers: [{ phone_number: "+15550001111", verified: true }],
    });

    const { id } = await fake.controls.seedUser({ email: "old@example.com", name: "Old User" });
    const sha = await sha1(PASSWORD);
    const attached = await call(fake, "POST", "/v1/passwords/migrate", { email: "OLD@example.com", hash: sha, hash_type: "sha_1" });
    expect(attached.body).toMatchObject({ user_id: id, user_created: false, email_id: (fake.controls.peekWireUser(id)?.emails as { email_id: string }[])[0]!.email_id });
    expect((await call(fake, "POST", "/v1/passwords/authenticate", { email: "old@example.com", password: PASSWORD })).status).toBe(200);
    // What Stytch does with profile fields for an existing user is undocumented: 501, nothing changed.
    expect((await call(fake, "POST", "/v1/passwords/migrate", { email: "old@example.com", hash: sha, hash_type: "sha_1", trusted_metadata: { a: 1 } })).status).toBe(501);
    expect(fake.controls.peekWireUser(id)).toMatchObject({ trusted_metadata: {} });
  });

  it("refuses malformed hashes and configs, and answers 501 for phpass and roles", async () => {
    const fake = createStytchFake();
    const refused: [Record<string, unknown>, number, string][] = [
      [{ hash_type: "md5", hash: "x" }, 400, "bad_request"],
      [{ hash_type: "bcrypt", hash: "$2a$04$short" }, 400, "bad_request"],
      [{ hash_type: "bcrypt", hash: "$2a$04$......................CZJXs39HZ6odvxM3EvHl/Fh/PsT/WM6", md_5_config: { prepend_salt: "", append_salt: "" } }, 400, "bad_request"],
      [{ hash_type: "pbkdf_2", hash: b64(new Uint8Array(32)) }, 400, "bad_request"],
      [{ hash_type: "pbkdf_2", hash: b64(new Uint8Array(32)), pbkdf_2_config: { salt: "c2FsdA==", iteration_amount: 10, key_length: 32, algorithm: "md5" } }, 400, "bad_request"],
      [{ hash_type: "scrypt", hash: b64(new Uint8Array(32)), scrypt_config: { salt: "c2FsdA==", n_parameter: 1000, r_parameter: 8, p_parameter: 1, key_length: 32 } }, 400, "bad_request"],
      [{ hash_type: "argon_2id", hash: "ab".repeat(16), argon_2_config: { salt: "s", iteration_amount: 2, memory: 64, threads: 1, key_length: 32 } }, 400, "argon_2_key_length_mismatch"],
      [{ hash_type: "argon_2i", hash: await argon2id({ password: PASSWORD, salt, iterations: 1, parallelism: 1, memorySize: 64, hashLength: 16, outputType: "encoded" }) }, 400, "bad_request"],
      [{ hash_type: "md_5", hash: "abc" }, 400, "bad_request"],
      [{ hash_type: "phpass", hash: "$P$B12345678901234567890123456789" }, 501, "not_emulated"],
      [{ hash_type: "sha_1", hash: await sha1(PASSWORD), roles: ["admin"] }, 501, "not_emulated"],
    ];
    for (const [body, status, type] of refused) {
      expect(await call(fake, "POST", "/v1/passwords/migrate", { email: "r@example.com", ...body }), JSON.stringify(body)).toMatchObject({ status, body: { error_type: type } });
    }
    expect(fake.controls.peekWireUser({ email: "r@example.com" })).toBeNull();
  });
});
