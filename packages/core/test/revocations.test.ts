import { describe, expect, it } from "vitest";
import { memoryRevocationStore, withRevocations } from "../src/index.js";
import { runRevocationStoreConformance } from "../src/conformance/index.js";
import { createMockProvider } from "../src/testing/index.js";

runRevocationStoreConformance({
  name: "memoryRevocationStore",
  create: async () => {
    const store = memoryRevocationStore();
    return { writer: store, reader: store };
  },
});

describe("withRevocations", () => {
  async function setup() {
    let now = Date.UTC(2030, 0, 1);
    const mock = createMockProvider({ clock: () => now });
    const store = memoryRevocationStore({ clock: () => now });
    const auth = withRevocations(mock, store, { maxTokenLifetimeSec: 3600, clock: () => now });
    const { id } = await mock.controls.seedUser({ email: "rev@example.com" });
    return { mock, auth, id, advance: (ms: number) => (now += ms) };
  }

  it("sessions.revoke is seen by tokens.verify at once (local verification alone would still pass)", async () => {
    const { mock, auth, id } = await setup();
    const token = await mock.controls.issueToken(id);
    const { sessionId } = await auth.tokens.verify(token);
    await auth.sessions.revoke(sessionId!);
    await expect(auth.tokens.verify(token)).rejects.toMatchObject({ code: "session_invalid" });
    expect((await mock.tokens.verify(token)).sessionId).toBe(sessionId);
    await expect(auth.sessions.authenticate(token)).rejects.toMatchObject({ code: "session_invalid" });
  });

  it("revocations.revokeSession refuses a session the vendor still thinks live; revokeUser every earlier token of the user", async () => {
    const { mock, auth, id, advance } = await setup();
    const [a, b] = [await mock.controls.issueToken(id), await mock.controls.issueToken(id)];
    await auth.revocations.revokeSession((await auth.tokens.verify(a)).sessionId!);
    await expect(auth.tokens.verify(a)).rejects.toMatchObject({ code: "session_invalid" });
    expect((await auth.tokens.verify(b)).userId).toBe(id);
    await auth.revocations.revokeUser(id);
    await expect(auth.tokens.verify(b)).rejects.toMatchObject({ code: "session_invalid" });
    advance(2000);
    const later = await mock.controls.issueToken(id);
    expect((await auth.tokens.verify(later)).userId).toBe(id);
    await expect(auth.revocations.revokeUser("")).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("keeps every other member, and a provider without sessions gets none", async () => {
    const { auth } = await setup();
    expect(typeof auth.users.get).toBe("function");
    const plain = withRevocations(createMockProvider({ capabilities: ["tokens.verify"] }), memoryRevocationStore());
    expect("sessions" in plain).toBe(false);
    expect(() => withRevocations(plain, memoryRevocationStore(), { maxTokenLifetimeSec: 0 })).toThrow(/maxTokenLifetimeSec/);
  });
});
