import { describe, expect, it } from "vitest";
import { parseExpiryHeader } from "../src/mapping.js";
import { createConnectyCubeFake } from "../src/testing/index.js";

describe("CB-Token-ExpirationDate", () => {
  it("parses ConnectyCube's form and refuses anything else, impossible dates included", () => {
    expect(parseExpiryHeader("2023-09-15 15:43:31 UTC")).toEqual(new Date("2023-09-15T15:43:31Z"));
    expect(parseExpiryHeader(null)).toBeNull();
    expect(parseExpiryHeader("2023-09-15T15:43:31Z")).toBeNull();
    expect(parseExpiryHeader("2023-13-45 99:99:99 UTC")).toBeNull();
  });
});

describe("the fake's CB-Token-ExpirationDate around DELETE /session", () => {
  it("a destroyed session's answer carries no expiry, later calls are refused without one, and every expiry sent is a valid date", async () => {
    const fake = createConnectyCubeFake();
    fake.controls.setClock(Date.UTC(2030, 0, 15, 12, 0, 0));
    const { id } = await fake.controls.seedUser({ email: "d@example.com" });
    const token = await fake.controls.issueToken(id);
    const call = (method: string) => fake.handle(new Request(`${fake.options.baseUrl}/session.json`, { method, headers: { "CB-Token": token } }));

    const live = await call("GET");
    expect([live.status, live.headers.get("cb-token-expirationdate")]).toEqual([200, "2030-01-15 14:00:00 UTC"]);
    expect(parseExpiryHeader(live.headers.get("cb-token-expirationdate"))).toEqual(new Date(Date.UTC(2030, 0, 15, 14, 0, 0)));

    const destroyed = await call("DELETE");
    expect([destroyed.status, destroyed.headers.get("cb-token-expirationdate")]).toEqual([200, null]);
    expect(await fake.controls.peekSession(token)).toEqual({ userId: id, active: false });

    for (const method of ["GET", "DELETE"]) {
      const after = await call(method);
      expect([after.status, after.headers.get("cb-token-expirationdate"), await after.json()]).toEqual([401, null, { errors: { base: ["Required session does not exist"] } }]);
    }
  });
});
