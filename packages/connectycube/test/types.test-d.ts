import type { ProviderSurface } from "@authmux/core/testing";
import { describe, expectTypeOf, it } from "vitest";
import { connectycube } from "../src/index.js";

/**
 * Every namespace and member a ConnectyCube provider always has. No user listing, update or metadata (they need the
 * user's own token: vendor.asUser(token)), no session listing, no login links.
 */
type ConnectyCubeSurface = {
  users: "get" | "getByEmail" | "create";
  tokens: "verify";
  sessions: "authenticate" | "revoke";
  passwords: "authenticate";
};

describe("the ConnectyCube adapter's type", () => {
  it("the whole surface, member by member; users.delete only with adminApiKey", () => {
    const base = connectycube({ appId: 4711, authKey: "k" });
    expectTypeOf<ProviderSurface<typeof base>>().toEqualTypeOf<ConnectyCubeSurface>();
    const admin = connectycube({ appId: "4711", authKey: "k", adminApiKey: "a" });
    expectTypeOf<Omit<ProviderSurface<typeof admin>, "users">>().toEqualTypeOf<Omit<ConnectyCubeSurface, "users">>();
    expectTypeOf<ProviderSurface<typeof admin>["users"]>().toEqualTypeOf<ConnectyCubeSurface["users"] | "delete">();
    expectTypeOf(base.vendor.asUser).toBeFunction();
  });
});
