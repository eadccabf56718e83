import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AuthmuxError, checkCreateUserInput, checkUserPatch, METADATA_LIMITS, optionalText, requireId, requireJsonObject } from "../src/index.js";

const invalid = expect.objectContaining({ code: "invalid_input" });

describe("requireJsonObject", () => {
  it("refuses metadata nested 100,000 deep without exhausting the stack, and anything deeper than 32 levels", () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) deep = deep.a = {};
    expect(() => requireJsonObject(root)).toThrow(/nested deeper than 32 levels/);
    let ok: Record<string, unknown> = {};
    const okRoot = ok;
    for (let i = 0; i < METADATA_LIMITS.maxDepth - 1; i++) ok = ok.a = {};
    expect(requireJsonObject(okRoot)).toBe(okRoot);
  });

  it("refuses cycles, non-JSON values, class instances and __proto__ keys", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const bad of [cyclic, { d: new Date() }, { f: () => 1 }, { n: Number.NaN }, { i: Infinity }, { b: 1n }, { u: undefined }, { s: Symbol("x") }, { m: new Map() }, JSON.parse('{"__proto__":{"admin":true}}'), [], null, "x"]) {
      expect(() => requireJsonObject(bad)).toThrow(invalid);
    }
  });

  it("refuses more than 64 KiB of JSON, counted in UTF-8 bytes, in work bounded by that size", () => {
    expect(() => requireJsonObject({ big: "x".repeat(70_000) })).toThrow(/larger than 65536 bytes/);
    expect(() => requireJsonObject({ wide: "é".repeat(40_000) })).toThrow(/larger than 65536 bytes/);
    expect(requireJsonObject({ fits: "x".repeat(60_000) })).toBeDefined();
    // A shared child at every level would serialise to 2^30 copies: refused as too large, long before that.
    let shared: Record<string, unknown> = { leaf: "x".repeat(10) };
    for (let i = 0; i < 30; i++) shared = { left: shared, right: shared };
    expect(() => requireJsonObject(shared)).toThrow(/larger than/);
    expect(() => requireJsonObject({ a: "x".repeat(2000) }, "metadata", { maxBytes: 1024 })).toThrow(/larger than 1024 bytes/);
  });
});

describe("requireId and optionalText", () => {
  it("ids: no dot segments, path characters, percent signs, whitespace or control characters", () => {
    for (const bad of ["", ".", "..", "a/b", "a?b", "a#b", "a%2e", "a\\b", " a", "a b", "a\u0000b", "a\nb", "x".repeat(257), 5, null, undefined, {}]) {
      expect(() => requireId(bad), JSON.stringify(bad)).toThrow(invalid);
    }
    for (const good of ["user_2abc", "...", "a.b", "6717c2b10000000000000001", "cbs_00ff"]) expect(requireId(good)).toBe(good);
  });

  it("names: undefined and null pass, else a non-blank string within the limit", () => {
    expect(optionalText(undefined, "name")).toBeUndefined();
    expect(optionalText(null, "name")).toBeNull();
    expect(optionalText("Ada", "name")).toBe("Ada");
    for (const bad of [5, "", "   ", {}, ["Ada"], "x".repeat(257)]) expect(() => optionalText(bad, "name")).toThrow(invalid);
  });
});

describe("checkCreateUserInput and checkUserPatch: the neutral inputs every adapter checks the same way", () => {
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      expect((error as AuthmuxError).code).toBe("invalid_input");
      return (error as AuthmuxError).message;
    }
    return expect.fail("expected invalid_input");
  };

  it("keeps what was given, trimmed and checked, and leaves out nothing", () => {
    expect(checkCreateUserInput({ email: " ada@example.com ", name: "Ada", phone: "+15550001111", password: "pw-123456", metadata: { plan: "pro" } })).toEqual({
      email: "ada@example.com",
      name: "Ada",
      phone: "+15550001111",
      password: "pw-123456",
      metadata: { plan: "pro" },
    });
    expect(checkCreateUserInput({ email: "a@example.com", name: null, phone: null })).toEqual({ email: "a@example.com", name: null, phone: null, password: undefined, metadata: undefined });
    expect(checkUserPatch({ name: null, phone: null })).toEqual({ email: undefined, name: null, phone: null });
  });

  it("a misspelt or foreign key is refused, naming it", () => {
    expect(refused(() => checkCreateUserInput({ email: "a@example.com", nmae: "Ada" }))).toBe('users.create takes email, name, phone, password, metadata; not "nmae"');
    expect(refused(() => checkCreateUserInput({ email: "a@example.com", emailVerified: true }))).toContain('"emailVerified"');
    expect(refused(() => checkUserPatch({ nmae: "Ada" }))).toBe('users.update takes email, name, phone; not "nmae"');
    expect(refused(() => checkUserPatch({ metadata: {} }))).toContain('not "metadata"');
  });

  it("a vendor's rules: no password, a shorter name, its own metadata check", () => {
    expect(refused(() => checkCreateUserInput({ email: "a@example.com", password: "pw-123456" }, { noPassword: "no passwords here" }))).toBe("no passwords here");
    expect(refused(() => checkCreateUserInput({ email: "a@example.com", name: "x".repeat(61) }, { nameMaxLength: 60 }))).toContain("at most 60");
    const metadata = () => {
      throw new AuthmuxError("invalid_input", "vendor says no");
    };
    expect(refused(() => checkCreateUserInput({ email: "a@example.com", metadata: {} }, { metadata }))).toBe("vendor says no");
  });

  it("a password is never quoted, whatever is wrong with it", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{12,40}$/), (secret) => {
        for (const input of [{ email: "bad", password: secret }, { email: "a@example.com", password: secret, [secret.slice(0, 3)]: 1 }, { email: "a@example.com", password: `${secret}${"x".repeat(300)}` }]) {
          expect(refused(() => checkCreateUserInput(input))).not.toContain(secret);
        }
      }),
    );
  });

  it("an empty patch, or one that is not an object, is refused", () => {
    expect(refused(() => checkUserPatch({}))).toContain("needs something to change");
    for (const bad of [null, undefined, "x", [], new Date()]) refused(() => checkUserPatch(bad));
    for (const bad of [null, undefined, "x", [], new Date()]) refused(() => checkCreateUserInput(bad));
  });
});
