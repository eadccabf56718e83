import { createHash, pbkdf2Sync } from "node:crypto";
import { parsePasswordHash } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { setup } from "./helpers.js";

// passwords.import and passwords.set on Clerk: the neutral hash in Clerk's notation for its hasher, sent with
// PATCH /users/{id}; the fake verifies it for real, so each mapping is proven by a sign-in.
const salt = Buffer.from("a migration salt");
const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");
const FIREBASE =
  "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$42xEC+ixf3L2lw==$jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==$Bw==$8$14";
const CASES: [text: string, password: string, hasher: string, digest: RegExp][] = [
  [`$pbkdf2-sha1$i=2000$${b64(salt)}$${b64(pbkdf2Sync("one", salt, 2000, 20, "sha1"))}`, "one", "pbkdf2_sha1", /^pbkdf2_sha1\$2000\$[0-9a-f]+\$[0-9a-f]{40}\$20$/],
  [`$pbkdf2-sha256$i=2000$${b64(salt)}$${b64(pbkdf2Sync("two", salt, 2000, 32, "sha256"))}`, "two", "pbkdf2_sha256", /^pbkdf2_sha256\$2000\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/],
  [`pbkdf2_sha256$3000$djangosalt$${pbkdf2Sync("three", "djangosalt", 3000, 32, "sha256").toString("base64")}`, "three", "pbkdf2_sha256", /^pbkdf2_sha256\$3000\$/],
  [`$pbkdf2-sha512$i=2000$${b64(salt)}$${b64(pbkdf2Sync("four", salt, 2000, 64, "sha512"))}`, "four", "pbkdf2_sha512_hex", /^pbkdf2_sha512_hex\$2000\$[0-9a-f]+\$[0-9a-f]{128}$/],
  [createHash("md5").update("five").digest("hex"), "five", "md5", /^[0-9a-f]{32}$/],
  [createHash("sha256").update("six").digest("hex"), "six", "sha256", /^[0-9a-f]{64}$/],
  ["$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "U*U", "bcrypt", /^\$2a\$05\$/],
  [FIREBASE, "user1password", "scrypt_firebase", /\$8\$14$/],
  ["$P$984478476IagS59wHZvyQMArzfx58u.", "hashcat", "phpass", /^\$P\$9/],
];

describe("passwords.import on Clerk", () => {
  const cases = CASES.map(([text, password, hasher, digest]) => ({ text, password, hasher, digest }));
  it.each(cases)("$hasher: the hash in Clerk's notation; the imported user signs in with the password only", async ({ text, password, hasher, digest }) => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "imported@example.com", password: "a previous password" });
    const hash = parsePasswordHash(text);
    expect(auth.passwords.canImport(hash)).toEqual({ ok: true });
    await auth.passwords.importHash(id, hash);
    const sent = fake.requests.at(-1)!;
    expect([sent.method, sent.path]).toEqual(["PATCH", `/v1/users/${id}`]);
    expect(sent.body).toEqual({ password_hasher: hasher, password_digest: expect.stringMatching(digest) });
    expect(fake.controls.peekPassword(id)).toEqual({ hasher, digest: (sent.body as { password_digest: string }).password_digest });
    expect((await auth.passwords.authenticate({ email: "imported@example.com", password })).user.id).toBe(id);
    await expect(auth.passwords.authenticate({ email: "imported@example.com", password: "a previous password" })).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("refuses, with the reason and before any request, what Clerk has no hasher for", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "refused@example.com" });
    const refused = [
      [createHash("sha1").update("x").digest("hex"), /SHA-1/],
      [`$scrypt$ln=14,r=8,p=1$${b64(salt)}$${b64(Buffer.alloc(32, 1))}`, /scrypt/],
      [`$argon2id$m=4096,t=3,p=1$${b64(salt)}$${b64(Buffer.alloc(32, 2))}`, /v=19/],
      ["$H$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0", /\$H\$/],
    ] as const;
    for (const [text, reason] of refused) {
      const answer = auth.passwords.canImport(parsePasswordHash(text));
      expect(answer).toEqual({ ok: false, reason: expect.stringMatching(reason) });
      await expect(auth.passwords.importHash(id, text)).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(reason) });
    }
    await expect(auth.passwords.importHash(id, "not a hash at all")).rejects.toMatchObject({ code: "invalid_input" });
    expect(fake.requests).toHaveLength(0);
  });

  it("an unknown user is not_found, and the digest is in no error", async () => {
    const { auth } = setup();
    const digest = createHash("md5").update("secret").digest("hex");
    const error = await auth.passwords.importHash("user_missing", digest).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_found" });
    expect(JSON.stringify(error) + String(error)).not.toContain(digest);
  });
});

describe("passwords.set on Clerk", () => {
  it("sends the password with skip_password_checks (a password migrated as is), and it signs in", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "set@example.com", password: "the old password" });
    await auth.passwords.set(id, "short");
    expect(fake.requests.at(-1)).toMatchObject({ method: "PATCH", path: `/v1/users/${id}`, body: { password: "short", skip_password_checks: true } });
    expect((await auth.passwords.authenticate({ email: "set@example.com", password: "short" })).user.id).toBe(id);
    const error = await auth.passwords.set("user_missing", "a secret password").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_found" });
    expect(JSON.stringify(error) + String(error)).not.toContain("a secret password");
  });
});
