import { type AuthmuxError, base64Decode, createPbkdf2Hash, parsePasswordHash } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { stytch } from "../src/index.js";
import { createStytchFake } from "../src/testing/index.js";
import { setup } from "./helpers.js";

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a rejection"); }, (e: AuthmuxError) => e);
const PASSWORD = "correct horse battery staple";

describe("passwords.canImport: what Stytch's migrate takes", () => {
  it("maps bcrypt, argon2 v19, scrypt up to N=2^18, PBKDF2-SHA256/512, MD5, SHA-1 and phpass; refuses the rest with a reason", () => {
    const { auth } = setup();
    const can = (text: string, algorithm?: Parameters<typeof parsePasswordHash>[1]) => auth.passwords.canImport(parsePasswordHash(text, algorithm));
    const salt = "YXV0aG11eC12ZWN0b3Itc2FsdA";
    const ok = [
      "$2b$10$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm",
      `$argon2id$v=19$m=19456,t=2,p=1$${salt}$k7OXHP5lsMMfpUFxO2GE9RD+rhdPFQeQEYYRaXWgtWE`,
      `$scrypt$ln=18,r=8,p=1$${salt}$Xafh2f3m2GC72Nf58PJADy3l1Ln48Z9sCFf6NNdYDQ4`,
      `$pbkdf2-sha512$i=1000$${salt}$Xafh2f3m2GC72Nf58PJADy3l1Ln48Z9sCFf6NNdYDQ4`,
      "9cc2ae8a1ba7a93da39b46fc1019c481",
      "abf7aad6438836dbe526aa231abde2d0eef74d42",
      "$P$B12345678901234567890123456789.",
    ];
    for (const text of ok) expect(can(text), text).toEqual({ ok: true });
    const refused: [string, RegExp][] = [
      [`$argon2id$m=19456,t=2,p=1$${salt}$k7OXHP5lsMMfpUFxO2GE9RD+rhdPFQeQEYYRaXWgtWE`, /version 19/],
      [`$scrypt$ln=19,r=8,p=1$${salt}$Xafh2f3m2GC72Nf58PJADy3l1Ln48Z9sCFf6NNdYDQ4`, /262144/],
      [`$pbkdf2-sha1$i=1000$${salt}$HPoziBlUlN4jtMfT3Sbgi/GeJew`, /sha256 or sha512/],
      ["c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a", /SHA-256/],
    ];
    for (const [text, reason] of refused) expect(can(text), text).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe("passwords.importHash", () => {
  it("reads the user's email, then migrates the hash in Stytch's notation; the user signs in with the password", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "imp@example.com" });
    const hash = await createPbkdf2Hash(PASSWORD, { iterations: 1000, digest: "sha512" });
    await auth.passwords.importHash(id, hash);
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["GET", `/v1/users/${id}`, undefined],
      [
        "POST",
        "/v1/passwords/migrate",
        { email: "imp@example.com", hash_type: "pbkdf_2", hash: expect.any(String), pbkdf_2_config: { salt: expect.any(String), iteration_amount: 1000, key_length: 64, algorithm: "sha512" } },
      ],
    ]);
    const sent = fake.requests[1]!.body as { hash: string; pbkdf_2_config: { salt: string } };
    expect(base64Decode(sent.hash)).toEqual(hash.hash);
    expect(base64Decode(sent.pbkdf_2_config.salt)).toEqual(hash.salt);
    expect(fake.controls.peekWireUser(id)).toMatchObject({ password: { password_id: expect.any(String) } });
    expect((await auth.passwords.authenticate({ email: "imp@example.com", password: PASSWORD })).user.id).toBe(id);
  });

  it("refuses when Stytch attaches the hash to another user, and a user without an email before migrating", async () => {
    const fake = createStytchFake();
    const { id } = await fake.controls.seedUser({ email: "me@example.com" });
    // A Stytch that answers the migrate with another user's id (it matches users by email).
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fake.fetch(input, init);
      if (!String(input instanceof Request ? input.url : input).endsWith("/v1/passwords/migrate")) return response;
      const body = (await response.json()) as { user_id: string; user: { user_id: string } };
      return Response.json({ ...body, user_id: "user-test-someone-else", user: { ...body.user, user_id: "user-test-someone-else" } });
    };
    const auth = stytch({ ...fake.adapterOptions, fetch });
    const mismatch = await fail(auth.passwords.importHash(id, "9cc2ae8a1ba7a93da39b46fc1019c481"));
    expect(mismatch).toMatchObject({ code: "provider_error", message: expect.stringContaining("another user") });

    const phoneOnly = createStytchFake();
    const created = await phoneOnly.fetch(`${phoneOnly.options.baseUrl}/v1/users`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${phoneOnly.options.projectId}:${phoneOnly.options.secret}`)}`, "content-type": "application/json" },
      body: JSON.stringify({ phone_number: "+15550002222" }),
    });
    const { user_id: phoneUser } = (await created.json()) as { user_id: string };
    phoneOnly.requests.length = 0;
    const noEmail = await fail(stytch(phoneOnly.adapterOptions).passwords.importHash(phoneUser, "9cc2ae8a1ba7a93da39b46fc1019c481"));
    expect(noEmail.code).toBe("not_supported");
    expect(phoneOnly.requests.map((r) => r.path)).toEqual([`/v1/users/${phoneUser}`]);
  });

  it("a hash Stytch cannot take is invalid_input with the reason, and no request is sent", async () => {
    const { fake, auth } = setup();
    const error = await fail(auth.passwords.importHash("user-test-1", "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a"));
    expect(error).toMatchObject({ code: "invalid_input", message: expect.stringContaining("SHA-256") });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("passwords.set", () => {
  it("migrates a PBKDF2-SHA256 hash made here (600,000 rounds, a fresh random salt each time); the password is never sent", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "set@example.com", password: "an old password 123" });
    await auth.passwords.set(id, PASSWORD);
    await auth.passwords.set(id, PASSWORD);
    const migrates = fake.requests.filter((r) => r.path === "/v1/passwords/migrate");
    expect(migrates.map((r) => r.body)).toEqual([0, 1].map(() => ({
      email: "set@example.com",
      hash_type: "pbkdf_2",
      hash: expect.any(String),
      pbkdf_2_config: { salt: expect.any(String), iteration_amount: 600_000, key_length: 32, algorithm: "sha256" },
    })));
    const salts = migrates.map((r) => (r.body as { pbkdf_2_config: { salt: string } }).pbkdf_2_config.salt);
    expect(base64Decode(salts[0]!)).toHaveLength(16);
    expect(salts[0]).not.toBe(salts[1]);
    expect(JSON.stringify(fake.requests)).not.toContain(PASSWORD);
    expect((await auth.passwords.authenticate({ email: "set@example.com", password: PASSWORD })).user.id).toBe(id);
    expect((await fail(auth.passwords.authenticate({ email: "set@example.com", password: "an old password 123" }))).code).toBe("invalid_credentials");
  });
});
