import { describe, expect, it } from "vitest";
import { hasDuplicateMembers, parseStrictJsonObject } from "../../src/jwt/strict-json.js";

describe("duplicate member names", () => {
  const cases: [string, boolean][] = [
    ['{"a":1,"b":2}', false],
    ['{"a":1,"a":2}', true],
    ['{"a":1, "a" :2}', true],
    ['{"a":1,"\\u0061":2}', true],
    ['{"a":"x\\"a\\":1","b":2}', false], // a quote escaped inside a value is not the end of the string
    ['{"a\\\\":1,"a\\\\":2}', true], // a name ending in a backslash: the quote after \\\\ closes it
    ['{"a\\\\":1,"a":2}', false],
    ['{"s":"{\\"a\\":1,\\"a\\":2}"}', false], // JSON inside a string is text, not members
    ['{"x":{"a":1},"y":{"a":2}}', false], // same name at different objects
    ['{"x":{"a":1,"a":2}}', true],
    ['{"l":[{"a":1},{"a":1}]}', false],
    ['{"l":[{"a":1,"a":1}]}', true],
    ['{"l":["a","a"],"m":{"k":["x"]}}', false],
    ['{"a":[1,{"b":{"c":[{"d":1,"d":2}]}}]}', true],
  ];
  for (const [json, duplicate] of cases) {
    it(`${json} → ${duplicate ? "duplicate" : "unique"}`, () => {
      expect(() => JSON.parse(json)).not.toThrow();
      expect(hasDuplicateMembers(json)).toBe(duplicate);
      expect(parseStrictJsonObject(new TextEncoder().encode(json)) === null).toBe(duplicate);
    });
  }

  it("refuses non-objects, invalid UTF-8 and invalid JSON", () => {
    expect(parseStrictJsonObject(new TextEncoder().encode("[1]"))).toBeNull();
    expect(parseStrictJsonObject(new Uint8Array([0x7b, 0xff, 0x7d]))).toBeNull();
    expect(parseStrictJsonObject(new TextEncoder().encode('{"a":'))).toBeNull();
  });
});
