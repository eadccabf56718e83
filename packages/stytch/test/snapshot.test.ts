import { describe, expect, it } from "vitest";
import { createStytchFake } from "../src/testing/index.js";
import { call } from "./fake-call.js";

describe("snapshot and restore (emulator persistence)", () => {
  it("carries users, imported hashes, sessions, magic links and the id counter into a new fake, through JSON", async () => {
    const first = createStytchFake();
    const { id } = await first.controls.seedUser({ email: "keep@example.com", password: "correct horse battery", metadata: { plan: "pro" } });
    await call(first, "POST", "/v1/passwords/migrate", { email: "sha@example.com", hash_type: "sha_1", hash: "f1d4d1dc2f7f4d6e0b1b8a3f7c1a6c2b5b0a9e1d" });
    const signIn = await call(first, "POST", "/v1/passwords/authenticate", { email: "keep@example.com", password: "correct horse battery", session_duration_minutes: 60 });
    const link = await call(first, "POST", "/v1/magic_links", { user_id: id });

    const saved = JSON.parse(JSON.stringify(first.controls.snapshot()));
    const second = createStytchFake();
    second.controls.restore(saved);
    expect(second.controls.snapshot()).toEqual(saved);

    expect(second.controls.peekWireUser(id)).toEqual(first.controls.peekWireUser(id));
    expect(await second.controls.peekSession(String(signIn.body.session_token))).toEqual({ userId: id, active: true });
    expect((await call(second, "POST", "/v1/passwords/authenticate", { email: "keep@example.com", password: "correct horse battery" })).status).toBe(200);
    expect((await call(second, "POST", "/v1/passwords/authenticate", { email: "keep@example.com", password: "wrong horse battery" })).status).toBe(401);
    expect((await call(second, "POST", "/v1/magic_links/authenticate", { token: link.body.token })).body.user_id).toBe(id);
    // New ids continue after the restored ones instead of reusing them.
    const next = await call(second, "POST", "/v1/users", { email: "next@example.com" });
    expect(saved.users.map((u: { user_id: string }) => u.user_id)).not.toContain(next.body.user_id);
    expect(String(next.body.user_id) > id).toBe(true);
    expect(JSON.stringify(saved)).not.toContain("correct horse battery");
  });

  it("refuses what is not a snapshot and keeps its state", async () => {
    const fake = createStytchFake();
    const { id } = await fake.controls.seedUser({ email: "stay@example.com" });
    expect(() => fake.controls.restore({ users: [] })).toThrow(/not a Stytch fake snapshot/);
    expect(fake.controls.peekWireUser(id)).not.toBeNull();
  });
});
