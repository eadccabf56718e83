import { createHash, scryptSync } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parsePasswordHash } from "../src/index.js";
import { createMockProvider, verifyPasswordHash } from "../src/testing/index.js";

// Vectors from the algorithms' own references or from node:crypto, never from the library that verifies them.
const salt = Buffer.from("authmux-scrypt-salt");
const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");
const VECTORS: [algorithm: string, password: string, text: string][] = [
  ["bcrypt", "U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"], // OpenBSD's test vector
  ["argon2i", "password", "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"], // the reference's
  ["argon2id", "password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"],
  ["scrypt", "scrypt password", `$scrypt$ln=10,r=8,p=1$${b64(salt)}$${b64(scryptSync("scrypt password", salt, 32, { N: 1024, r: 8, p: 1 }))}`],
  [
    "scrypt_firebase", // Firebase's published sample (firebase/scrypt README)
    "user1password",
    "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==$42xEC+ixf3L2lw==$jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==$Bw==$8$14",
  ],
  ["phpass", "hashcat", "$P$984478476IagS59wHZvyQMArzfx58u."], // hashcat's example (mode 400)
  ["md5", "md5 password", createHash("md5").update("md5 password").digest("hex")],
  ["sha1", "sha1 password", createHash("sha1").update("sha1 password").digest("hex")],
];

describe("verifyPasswordHash: every PasswordHash algorithm, checked for real", () => {
  it.each(VECTORS)("%s: the password matches, another does not", async (algorithm, password, text) => {
    const hash = parsePasswordHash(text);
    expect(hash.algorithm).toBe(algorithm);
    expect(await verifyPasswordHash(hash, password)).toBe(true);
    expect(await verifyPasswordHash(hash, `${password}!`)).toBe(false);
  });

  it("the mock imports a bcrypt hash (a common export) and signs its user in with that password only", async () => {
    const auth = createMockProvider();
    const { id } = await auth.controls.seedUser({ email: "moved@example.com" });
    const [, password, text] = VECTORS[0]!;
    expect(auth.passwords.canImport(parsePasswordHash(text))).toEqual({ ok: true });
    await auth.passwords.importHash(id, text);
    expect((await auth.passwords.authenticate({ email: "moved@example.com", password })).user.id).toBe(id);
    await expect(auth.passwords.authenticate({ email: "moved@example.com", password: "U*U!" })).rejects.toMatchObject({ code: "invalid_credentials" });
  });
});

describe("where the runtime forbids compiling WebAssembly (workerd)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("the mock refuses the hashes hash-wasm would check, saying why, and still takes PBKDF2 and SHA", async () => {
    vi.resetModules();
    vi.stubGlobal("WebAssembly", {
      ...WebAssembly,
      Module: function Module() {
        throw new WebAssembly.CompileError("Wasm code generation disallowed by embedder");
      },
    });
    const { createMockProvider: freshMock } = await import("../src/testing/index.js");
    const auth = freshMock();
    const { id } = await auth.controls.seedUser({ email: "edge@example.com" });
    const answer = auth.passwords.canImport(parsePasswordHash(VECTORS[0]![2]));
    expect(answer).toMatchObject({ ok: false, reason: expect.stringContaining("forbids compiling WebAssembly") });
    await expect(auth.passwords.importHash(id, VECTORS[0]![2])).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining("bcrypt") });
    const sha1 = VECTORS.find(([algorithm]) => algorithm === "sha1")!;
    expect(auth.passwords.canImport(parsePasswordHash(sha1[2]))).toEqual({ ok: true });
    await auth.passwords.importHash(id, sha1[2]);
    expect((await auth.passwords.authenticate({ email: "edge@example.com", password: sha1[1] })).user.id).toBe(id);
  });
});
