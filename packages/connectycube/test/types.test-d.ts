import { describe, expectTypeOf, it } from "vitest";
import { connectycube } from "../src/index.js";

describe("the ConnectyCube adapter's type", () => {
  it("has users, tokens, sessions and passwords; users.delete only with adminApiKey; no list, update, metadata", () => {
    const base = connectycube({ appId: 4711, authKey: "k" });
    expectTypeOf(base.users.get).toBeFunction();
    expectTypeOf(base.users.create).toBeFunction();
    expectTypeOf(base.tokens.verify).toBeFunction();
    expectTypeOf(base.sessions.revoke).toBeFunction();
    expectTypeOf(base.passwords.authenticate).toBeFunction();
    expectTypeOf(base.vendor.asUser).toBeFunction();
    // @ts-expect-error no adminApiKey, no users.delete
    base.users.delete;
    // @ts-expect-error ConnectyCube cannot list all users
    base.users.list;
    // @ts-expect-error updates need the user's own token: vendor.asUser(token).update
    base.users.update;
    // @ts-expect-error custom_data is user-writable only
    base.users.patchMetadata;
    // @ts-expect-error ConnectyCube lists no sessions
    base.sessions.list;
    // @ts-expect-error no login links
    base.loginLinks;
    const admin = connectycube({ appId: "4711", authKey: "k", adminApiKey: "a" });
    expectTypeOf(admin.users.delete).toBeFunction();
  });
});
