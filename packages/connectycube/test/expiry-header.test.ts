import { describe, expect, it } from "vitest";
import { parseExpiryHeader } from "../src/mapping.js";

describe("CB-Token-ExpirationDate", () => {
  it("parses ConnectyCube's form and refuses anything else, impossible dates included", () => {
    expect(parseExpiryHeader("2023-09-15 15:43:31 UTC")).toEqual(new Date("2023-09-15T15:43:31Z"));
    expect(parseExpiryHeader(null)).toBeNull();
    expect(parseExpiryHeader("2023-09-15T15:43:31Z")).toBeNull();
    expect(parseExpiryHeader("2023-13-45 99:99:99 UTC")).toBeNull();
  });
});
