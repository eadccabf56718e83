import { expect } from "vitest";
import { parsePasswordHash, type PasswordHash } from "../../passwords/hash.js";
import { needs, type TestContext, type TestTable } from "../context.js";

/** The password every vector below hashes. */
const PASSWORD = "correct horse battery staple";

/**
 * Fixed hashes of {@link PASSWORD} in each notation an import may carry, made once with hash-wasm (bcrypt, argon2,
 * scrypt) and Web Crypto (pbkdf2, digests), so that the suite needs no hashing library of its own.
 */
const VECTORS = [
  "$2a$10$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm",
  "$argon2id$v=19$m=19456,t=2,p=1$YXV0aG11eC12ZWN0b3Itc2FsdA$k7OXHP5lsMMfpUFxO2GE9RD+rhdPFQeQEYYRaXWgtWE",
  "$argon2i$v=19$m=4096,t=3,p=1$YXV0aG11eC12ZWN0b3Itc2FsdA$fS/TRfO9blUsWgWPz4StDm1xzEwGS53DZ1zVEamdQYE",
  "$scrypt$ln=14,r=8,p=1$YXV0aG11eC12ZWN0b3Itc2FsdA$Xafh2f3m2GC72Nf58PJADy3l1Ln48Z9sCFf6NNdYDQ4",
  "$pbkdf2-sha256$i=100000$YXV0aG11eC12ZWN0b3Itc2FsdA$Imqw1rqy4YFr2qrAJhkyGiiRpRD3jReo6Fx6CQLg+I0",
  "$pbkdf2-sha1$i=100000$YXV0aG11eC12ZWN0b3Itc2FsdA$HPoziBlUlN4jtMfT3Sbgi/GeJew",
  "$pbkdf2-sha512$i=100000$YXV0aG11eC12ZWN0b3Itc2FsdA$iodPWzdH5s8/o06gbvT5dVY7aVlmDH0QXkA1Gv9kuDo5hZdIlogGzbYIgh7bIUnbt3LkkrZzCPQdIgnr+FW/CQ",
  "pbkdf2_sha256$100000$djangosalt$r8fpV+oUrfhyYRCap1LPDFp2E349fBADd+qDGesG2Xs=",
  "9cc2ae8a1ba7a93da39b46fc1019c481",
  "abf7aad6438836dbe526aa231abde2d0eef74d42",
  "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a",
].map((text) => parsePasswordHash(text));

function accepted(t: TestContext): PasswordHash[] {
  return VECTORS.filter((hash) => t.auth.passwords.canImport(hash).ok);
}

export const passwordsImportTests = {
  "canImport answers every standard hash with ok or a reason, and takes at least one": async (t) => {
    for (const hash of VECTORS) {
      const answer = t.auth.passwords.canImport(hash);
      if (answer.ok) expect(answer).toEqual({ ok: true });
      else expect(answer.reason, `${hash.algorithm}: a refusal says why`).toMatch(/\S{3}/);
    }
    expect(accepted(t).length, "a provider declaring passwords.import takes at least one standard hash").toBeGreaterThan(0);
  },
  "every hash it takes signs the user in with the password, and only with it": needs(["passwords"], async (t) => {
    for (const hash of accepted(t)) {
      const email = t.email(`imp-${hash.algorithm}`);
      const { id } = await t.controls.seedUser({ email });
      await t.auth.passwords.importHash(id, hash);
      const result = await t.auth.passwords.authenticate({ email, password: PASSWORD });
      expect(result.user.id, `${hash.algorithm}: the imported hash signs in its user`).toBe(id);
      await t.rejects(() => t.auth.passwords.authenticate({ email, password: `${PASSWORD}!` }), "invalid_credentials");
    }
  }),
  "a hash given as text is parsed the same way": needs(["passwords"], async (t) => {
    const [hash] = accepted(t);
    const email = t.email("imp-text");
    const { id } = await t.controls.seedUser({ email });
    await t.auth.passwords.importHash(id, hash!.encoded);
    await expect(t.auth.passwords.authenticate({ email, password: PASSWORD })).resolves.toMatchObject({ user: { id } });
  }),
  "a hash it cannot take is invalid_input with the reason, before any request": async (t) => {
    const refused = VECTORS.find((hash) => !t.auth.passwords.canImport(hash).ok);
    const id = await t.seed();
    if (refused !== undefined) {
      const answer = t.auth.passwords.canImport(refused);
      const error = await t.rejectsBeforeRequest(() => t.auth.passwords.importHash(id, refused));
      if (!answer.ok) expect(error.message).toContain(answer.reason);
    }
    const error = await t.rejectsBeforeRequest(() => t.auth.passwords.importHash(id, "$2a$10$not-a-real-bcrypt-hash-SECRETPART"));
    expect(error.message).not.toContain("SECRETPART");
    await t.rejectsBeforeRequest(() => t.auth.passwords.importHash(id, ""));
  },
  "importing for an unknown user is not_found": async (t) => {
    const [hash] = accepted(t);
    await t.rejects(() => t.auth.passwords.importHash("user_does_not_exist_42", hash!), "not_found");
  },
} satisfies TestTable;

export const passwordsSetTests = {
  "a password set for a user signs them in, and the old one no longer does": needs(["passwords"], async (t) => {
    const email = t.email("set");
    const { id } = await t.controls.seedUser({ email, password: "an old password 123" });
    await t.auth.passwords.set(id, PASSWORD);
    await expect(t.auth.passwords.authenticate({ email, password: PASSWORD })).resolves.toMatchObject({ user: { id } });
    await t.rejects(() => t.auth.passwords.authenticate({ email, password: "an old password 123" }), "invalid_credentials");
  }),
  "a user without a password gets one": needs(["passwords"], async (t) => {
    const email = t.email("set-new");
    const { id } = await t.controls.seedUser({ email });
    await t.auth.passwords.set(id, PASSWORD);
    await expect(t.auth.passwords.authenticate({ email, password: PASSWORD })).resolves.toMatchObject({ user: { id } });
  }),
  "bad input is invalid_input before any request and never echoed": async (t) => {
    const id = await t.seed();
    await t.rejectsBeforeRequest(() => t.auth.passwords.set(id, ""));
    await t.rejectsBeforeRequest(() => t.auth.passwords.set("", PASSWORD));
  },
  "setting for an unknown user is not_found": async (t) => {
    const error = await t.rejects(() => t.auth.passwords.set("user_does_not_exist_42", PASSWORD), "not_found");
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
  },
} satisfies TestTable;
