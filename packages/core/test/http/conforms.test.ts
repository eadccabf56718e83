import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { conforms } from "../../src/http/conforms.js";

// conforms() may answer true only where zod accepts the value and returns it equal: checked against zod on
// hand-picked cases and on arbitrary JSON.
const user = z.looseObject({
  id: z.string().check(z.minLength(1)),
  object: z.literal("user"),
  name: z.nullish(z.string()),
  emails: z.array(z.looseObject({ id: z.string(), verified: z.boolean() })),
  metadata: z.nullish(z.record(z.string(), z.unknown())),
  created_at: z.number().check(z.int()),
  kind: z.optional(z.enum(["a", "b"])),
  either: z.optional(z.union([z.string(), z.number()])),
});
const plain = z.object({ id: z.string() });
const strict = z.strictObject({ id: z.string() });
const transformed = z.looseObject({ id: z.pipe(z.string(), z.transform((s) => s.toUpperCase())) });
const coerced = z.object({ n: z.coerce.number() });
const trimmed = z.object({ s: z.string().check(z.trim()) });
const email = z.object({ e: z.email() });

const schemas = { user, plain, strict, transformed, coerced, trimmed, email };

function agreesWithZod(schema: z.ZodMiniType, value: unknown): void {
  const result = z.safeParse(schema, value);
  if (conforms(schema, value)) {
    expect(result.success, JSON.stringify(value)).toBe(true);
    expect(result.data).toStrictEqual(value);
  }
}

describe("conforms", () => {
  const good = { id: "u1", object: "user", name: null, emails: [{ id: "e1", verified: true, extra: 1 }], metadata: { a: { b: [1] } }, created_at: 5, extra: "kept" };

  it("accepts a conforming vendor object without zod", () => {
    expect(conforms(user, good)).toBe(true);
    expect(conforms(user, { ...good, kind: "a", either: 3 })).toBe(true);
  });

  it("refuses what zod refuses: wrong types, failed checks, unknown literal or enum values, missing members", () => {
    for (const bad of [
      { ...good, id: "" },
      { ...good, id: 1 },
      { ...good, object: "session" },
      { ...good, created_at: 1.5 },
      { ...good, kind: "c" },
      { ...good, either: true },
      { ...good, emails: [{ id: "e1" }] },
      { ...good, metadata: [] },
      (({ created_at: _, ...rest }) => rest)(good),
      null,
      [],
      "user",
    ]) {
      expect(conforms(user, bad)).toBe(false);
      expect(z.safeParse(user, bad).success).toBe(false);
    }
  });

  it("leaves to zod what zod would return changed: stripped members, transforms, coercion, rewriting checks", () => {
    expect(conforms(plain, { id: "a", extra: 1 })).toBe(false);
    expect(conforms(plain, { id: "a" })).toBe(true);
    expect(conforms(strict, { id: "a", extra: 1 })).toBe(false);
    expect(conforms(transformed, { id: "a" })).toBe(false);
    expect(conforms(coerced, { n: "1" })).toBe(false);
    expect(conforms(trimmed, { s: " a " })).toBe(false);
    expect(conforms(email, { e: "a@example.com" })).toBe(true);
    expect(conforms(email, { e: "not an email" })).toBe(false);
  });

  it("never accepts an own __proto__ member (zod's copy would not keep it as a member)", () => {
    expect(conforms(user, JSON.parse('{"id":"u","object":"user","emails":[],"created_at":1,"__proto__":{"x":1}}'))).toBe(false);
    expect(conforms(z.record(z.string(), z.unknown()), JSON.parse('{"__proto__":1}'))).toBe(false);
  });

  it("agrees with zod on arbitrary JSON", () => {
    const arbitraryUser = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer()),
        object: fc.constantFrom("user", "session"),
        name: fc.oneof(fc.constant(null), fc.string()),
        emails: fc.array(fc.record({ id: fc.string(), verified: fc.oneof(fc.boolean(), fc.string()) }, { requiredKeys: ["id"] })),
        metadata: fc.oneof(fc.constant(null), fc.dictionary(fc.string(), fc.jsonValue())),
        created_at: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        kind: fc.constantFrom("a", "b", "c"),
        either: fc.oneof(fc.string(), fc.integer(), fc.boolean()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(arbitraryUser, fc.jsonValue()), fc.constantFrom(...Object.values(schemas)), (value, schema) => {
        agreesWithZod(schema, JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 2000 },
    );
  });
});
