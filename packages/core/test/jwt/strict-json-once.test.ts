import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasDuplicateMembers, parseStrictJsonObject } from "../../src/jwt/strict-json.js";

const bytes = (text: string) => new TextEncoder().encode(text);

// The strict parse counts members instead of scanning names when the text has no escape: it must refuse
// exactly what the name-by-name scan refuses, and hand back a deep-frozen value.
describe("strict JSON in one walk", () => {
  it("refuses duplicates at any depth, also where colons sit inside strings", () => {
    for (const [json, duplicate] of [
      ['{"a":"x:y","b":"::"}', false],
      ['{"a":"x:y","a":"::"}', true],
      ['{"a:b":1,"a:b":2}', true],
      ['{"u":"https://a.example:443/p","n":{"t":"1:2:3"}}', false],
      ['{"n":{"t":"1:2:3","t":"1:2:3"}}', true],
      ['{"l":[{"k":"a:"},{"k":":a"}]}', false],
      ['{"__proto__":{"x":1},"__proto__":{"x":2}}', true],
      ['{"__proto__":{"x":1}}', false],
      ['{"a":{"b":{}},"a":{}}', true],
      ['{"a":{},"a":{"b":{}}}', true],
    ] as const) {
      expect(parseStrictJsonObject(bytes(json)) === null, json).toBe(duplicate);
      expect(hasDuplicateMembers(json), json).toBe(duplicate);
    }
  });

  it("agrees with the name-by-name scan on arbitrary JSON objects, duplicates spliced in or not", () => {
    const key = fc.oneof(fc.constantFrom("a", "b", "a:b", ":", "sub", "__proto__"), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })), fc.boolean(), fc.nat(), (object, splice, pick) => {
        let json = JSON.stringify(object);
        const keys = Object.keys(object);
        if (splice && keys.length > 0) {
          const name = JSON.stringify(keys[pick % keys.length]);
          json = `{${name}:0,${json.slice(1)}`;
        }
        expect(parseStrictJsonObject(bytes(json)) === null).toBe(hasDuplicateMembers(json));
      }),
      { numRuns: 3000 },
    );
  });

  it("returns the value deep-frozen", () => {
    for (const json of ['{"a":{"b":[{"c":1}]},"s":"x:y"}', '{"a\\u0062":{"b":[{"c":1}]}}']) {
      const value = parseStrictJsonObject(bytes(json)) as Record<string, Record<string, unknown[]>>;
      expect(Object.isFrozen(value)).toBe(true);
      const inner = Object.values(value)[0] as Record<string, unknown[]>;
      expect(Object.isFrozen(inner)).toBe(true);
      expect(Object.isFrozen(inner.b)).toBe(true);
      expect(Object.isFrozen(inner.b?.[0])).toBe(true);
    }
  });
});
