import { createHash, pbkdf2Sync } from "node:crypto";
import { bcrypt } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { callFake, setup } from "./helpers.js";

// Clerk imports users with password_digest + password_hasher; the fake checks each digest's documented form and
// verifies it for real at verify_password (hash-wasm), so an imported user signs in with the right password only.
// Vectors come from the algorithms' own references or from node:crypto, not from the library that verifies them.
const b64 = (bytes: Buffer) => bytes.toString("base64");
const salt = Buffer.from("c2FsdHlzYWx0", "base64");
/** Symfony's legacy SHA-512 encoder, written out with node:crypto. */
function symfony(password: string, saltText: string, iterations: number): string {
  const salted = Buffer.from(`${password}{${saltText}}`);
  let digest = createHash("sha512").update(salted).digest();
  for (let i = 1; i < iterations; i++) digest = createHash("sha512").update(Buffer.concat([digest, salted])).digest();
  return `sha512_symfony$${iterations}$${saltText}$${digest.toString("base64")}`;
}
const sshaSalt = Buffer.from("ldapsalt");
const djangoBcrypt = await bcrypt({ password: createHash("sha256").update("django bcrypt").digest("hex"), salt: new Uint8Array(16).fill(7), costFactor: 5, outputType: "encoded" });
const VECTORS: [hasher: string, password: string, digest: string][] = [
  // OpenBSD's bcrypt test vector.
  ["bcrypt", "U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"],
  // The same vector read as Devise's peppered bcrypt: password "U*", pepper "U".
  ["bcrypt_peppered", "U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW$U"],
  // Django's bcrypt_sha256: bcrypt over the hex SHA-256 of the password.
  ["bcrypt_sha256_django", "django bcrypt", `bcrypt_sha256$${djangoBcrypt}`],
  ["sha512_symfony", "symfony password", symfony("symfony password", "pepper-salt", 5000)],
  ["ldap_ssha", "ldap password", `{SSHA}${Buffer.concat([createHash("sha1").update(Buffer.concat([Buffer.from("ldap password"), sshaSalt])).digest(), sshaSalt]).toString("base64")}`],
  // The Argon2 reference implementation's test vectors (version 19).
  ["argon2i", "password", "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"],
  ["argon2id", "password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"],
  // Firebase's published sample (firebase/scrypt README): hash$salt$signer key$salt separator$rounds$memory cost.
  [
    "scrypt_firebase",
    "user1password",
    "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$42xEC+ixf3L2lw==$jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==$Bw==$8$14",
  ],
  ["pbkdf2_sha256", "pbkdf2 password", `pbkdf2_sha256$1000$${b64(salt)}$${b64(pbkdf2Sync("pbkdf2 password", salt, 1000, 32, "sha256"))}`],
  ["pbkdf2_sha256_django", "django password", `pbkdf2_sha256$1200$plainsalt$${b64(pbkdf2Sync("django password", "plainsalt", 1200, 32, "sha256"))}`],
  ["pbkdf2_sha1", "sha1 password", `pbkdf2_sha1$1000$${salt.toString("hex")}$${pbkdf2Sync("sha1 password", salt, 1000, 32, "sha1").toString("hex")}`],
  // The five-part form names the key length (here SHA-1's own 20 bytes).
  ["pbkdf2_sha1", "sha1 keyed", `pbkdf2_sha1$1000$rawsalt$${pbkdf2Sync("sha1 keyed", "rawsalt", 1000, 20, "sha1").toString("hex")}$20`],
  ["pbkdf2_sha512", "sha512 password", `pbkdf2_sha512$1000$plainsalt$${pbkdf2Sync("sha512 password", "plainsalt", 1000, 64, "sha512").toString("hex")}`],
  ["pbkdf2_sha512_hex", "sha512 hex password", `pbkdf2_sha512_hex$1000$${salt.toString("hex")}$${pbkdf2Sync("sha512 hex password", salt, 1000, 64, "sha512").toString("hex")}`],
  // phpass: hashcat's example hash (mode 400) and the one of phpass's own test script.
  ["phpass", "hashcat", "$P$984478476IagS59wHZvyQMArzfx58u."],
  ["phpass", "test12345", "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"],
  ["md5", "md5 password", createHash("md5").update("md5 password").digest("hex")],
  ["sha256", "sha256 password", createHash("sha256").update("sha256 password").digest("hex")],
];

describe("password digests imported into the Clerk fake", () => {
  it.each(VECTORS)("%s: POST /users with the digest; the right password signs in, a wrong one is refused", async (hasher, password, digest) => {
    const { fake, auth } = setup();
    const email = `${hasher.replace(/_/g, "-")}@example.com`;
    const created = await callFake(fake, "POST", "/users", { body: { email_address: [email], password_digest: digest, password_hasher: hasher } });
    expect(created).toMatchObject({ status: 200, body: { password_enabled: true } });
    expect(fake.controls.peekPassword(created.body.id)).toEqual({ hasher, digest });
    expect((await auth.passwords.authenticate({ email, password })).user.id).toBe(created.body.id);
    await expect(auth.passwords.authenticate({ email, password: `${password}!` })).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("PATCH /users/{id} imports a digest onto an existing user, replacing the old password", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "patch@example.com", password: "the old password" });
    const [hasher, password, digest] = VECTORS.find(([h]) => h === "pbkdf2_sha256")!;
    expect((await callFake(fake, "PATCH", `/users/${id}`, { body: { password_digest: digest, password_hasher: hasher } })).status).toBe(200);
    expect((await auth.passwords.authenticate({ email: "patch@example.com", password })).user.id).toBe(id);
    await expect(auth.passwords.authenticate({ email: "patch@example.com", password: "the old password" })).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("refuses digests not in their hasher's form, a digest without its hasher, both password and digest; 501 for hashers not emulated", async () => {
    const { fake } = setup();
    const create = (extra: object) => callFake(fake, "POST", "/users", { body: { email_address: ["bad@example.com"], ...extra } });
    const wrongForm = await create({ password_digest: "not-a-bcrypt-hash", password_hasher: "bcrypt" });
    expect(wrongForm).toMatchObject({ status: 422, body: { errors: [{ code: "form_param_format_invalid", meta: { param_name: "password_digest" } }] } });
    expect(JSON.stringify(wrongForm.body)).not.toContain("not-a-bcrypt-hash");
    expect((await create({ password_digest: "5f4dcc3b5aa765d61d8327deb882cf99" })).body.errors[0]).toMatchObject({ code: "form_param_missing", meta: { param_name: "password_hasher" } });
    expect((await create({ password_digest: "5f4dcc3b5aa765d61d8327deb882cf99", password_hasher: "md5", password: "a plain password" })).status).toBe(422);
    expect((await create({ password_digest: "x", password_hasher: "nonsense" })).body.errors[0]).toMatchObject({ code: "form_param_format_invalid", meta: { param_name: "password_hasher" } });
    const notEmulated = await create({ password_digest: "salt$5f4dcc3b5aa765d61d8327deb882cf99", password_hasher: "md5_salted" });
    expect(notEmulated).toMatchObject({ status: 501, body: { errors: [{ code: "not_emulated", meta: { param_name: "password_hasher" } }] } });
    expect(await fake.controls.peekUser({ email: "bad@example.com" })).toBeNull();
  });
});
