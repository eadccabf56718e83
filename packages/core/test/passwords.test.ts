import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AuthmuxError, createPbkdf2Hash, isPasswordHash, parsePasswordHash, requirePasswordHash, verifyPasswordWithWebCrypto } from "../src/index.js";

const PASSWORD = "correct horse battery staple";

describe("parsePasswordHash", () => {
  it.each([
    ["$2a$10$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm", "bcrypt", { cost: 10 }],
    ["$2y$12$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm", "bcrypt", { cost: 12 }],
    ["$P$B9F0bd1Cx1hFqgrXXlIvyDrsMgXS1f0", "phpass", { cost: 13 }],
    ["$argon2id$v=19$m=19456,t=2,p=1$YXV0aG11eC12ZWN0b3Itc2FsdA$k7OXHP5lsMMfpUFxO2GE9RD+rhdPFQeQEYYRaXWgtWE", "argon2id", { v: 19, m: 19456, t: 2, p: 1 }],
    ["$scrypt$ln=14,r=8,p=1$YXV0aG11eC12ZWN0b3Itc2FsdA$Xafh2f3m2GC72Nf58PJADy3l1Ln48Z9sCFf6NNdYDQ4", "scrypt", { ln: 14, r: 8, p: 1, keyLength: 32 }],
    ["$pbkdf2-sha256$i=100000$YXV0aG11eC12ZWN0b3Itc2FsdA$Imqw1rqy4YFr2qrAJhkyGiiRpRD3jReo6Fx6CQLg+I0", "pbkdf2_sha256", { i: 100000, keyLength: 32 }],
    ["9cc2ae8a1ba7a93da39b46fc1019c481", "md5", {}],
    ["ABF7AAD6438836DBE526AA231ABDE2D0EEF74D42", "sha1", {}],
  ])("reads %s as %s", (text, algorithm, params) => {
    const hash = parsePasswordHash(text);
    expect(hash.algorithm).toBe(algorithm);
    expect(hash.params).toEqual(params);
    expect(Object.isFrozen(hash)).toBe(true);
    expect(parsePasswordHash(hash.encoded, hash.algorithm).encoded, "the canonical text reads back to itself").toBe(hash.encoded);
  });

  it("turns Django's and passlib's pbkdf2 notations into PHC with the same key material", async () => {
    const django = parsePasswordHash("pbkdf2_sha256$100000$djangosalt$r8fpV+oUrfhyYRCap1LPDFp2E349fBADd+qDGesG2Xs=");
    expect(django.encoded).toMatch(/^\$pbkdf2-sha256\$i=100000\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(new TextDecoder().decode(django.salt!)).toBe("djangosalt");
    await expect(verifyPasswordWithWebCrypto(django, PASSWORD)).resolves.toBe(true);
    const passlib = parsePasswordHash("$pbkdf2-sha256$100000$YXV0aG11eC12ZWN0b3Itc2FsdA$Imqw1rqy4YFr2qrAJhkyGiiRpRD3jReo6Fx6CQLg.I0");
    expect(passlib.encoded).toBe("$pbkdf2-sha256$i=100000$YXV0aG11eC12ZWN0b3Itc2FsdA$Imqw1rqy4YFr2qrAJhkyGiiRpRD3jReo6Fx6CQLg+I0");
  });

  it("reads bare hex by length unless told the algorithm, and refuses a disagreeing one", () => {
    expect(parsePasswordHash("c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a").algorithm).toBe("sha256");
    expect(() => parsePasswordHash("9cc2ae8a1ba7a93da39b46fc1019c481", "sha1")).toThrow(AuthmuxError);
    expect(() => parsePasswordHash("$2a$10$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm", "argon2id")).toThrow(/is bcrypt, not argon2id/);
  });

  it("reads Firebase's scrypt notation", () => {
    const hash = parsePasswordHash("lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$42xEC+ixf3L2lw==$Bw==$Bw==$8$14");
    expect(hash.algorithm).toBe("scrypt_firebase");
    expect(hash.params).toEqual({ rounds: 8, memCost: 14 });
  });

  it("refuses anything else with invalid_input, never quoting the text (any string)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parsePasswordHash(`SECRET${text}`);
        } catch (error) {
          expect(error).toBeInstanceOf(AuthmuxError);
          expect((error as AuthmuxError).code).toBe("invalid_input");
          expect((error as AuthmuxError).message).not.toContain("SECRET");
        }
      }),
    );
    for (const bad of ["", "$2a$10$short", "$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", "$scrypt$ln=99,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "pbkdf2_sha256$abc$salt$aGFzaA=="]) {
      expect(() => parsePasswordHash(bad)).toThrow(AuthmuxError);
    }
    expect(() => requirePasswordHash(42)).toThrow(/PHC\/MCF/);
    expect(() => requirePasswordHash({ algorithm: "bcrypt", encoded: "nope" })).toThrow(AuthmuxError);
    expect(isPasswordHash({ algorithm: "md5", encoded: "nope" })).toBe(false);
  });
});

describe("Web Crypto hashes", () => {
  it("a made PBKDF2 hash verifies its password and no other", async () => {
    const hash = await createPbkdf2Hash(PASSWORD, { iterations: 1000 });
    expect(hash.algorithm).toBe("pbkdf2_sha256");
    expect(hash.encoded).not.toContain(PASSWORD);
    await expect(verifyPasswordWithWebCrypto(hash, PASSWORD)).resolves.toBe(true);
    await expect(verifyPasswordWithWebCrypto(hash, `${PASSWORD}.`)).resolves.toBe(false);
    const again = await createPbkdf2Hash(PASSWORD, { iterations: 1000 });
    expect(again.encoded, "a fresh salt each time").not.toBe(hash.encoded);
  });

  it("answers null for algorithms it cannot compute, and refuses bad options", async () => {
    await expect(verifyPasswordWithWebCrypto(parsePasswordHash("$2a$10$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm"), PASSWORD)).resolves.toBeNull();
    await expect(createPbkdf2Hash(PASSWORD, { iterations: 5 })).rejects.toThrow(/iterations/);
    await expect(createPbkdf2Hash("")).rejects.toThrow(AuthmuxError);
  });
});
