import { expect } from "vitest";
import type { MembersOf } from "../../capabilities/provider.js";
import type { TestContext, TestTable } from "../context.js";

export const sessionsAuthenticateTests = {
  "a valid token gives its active session and user": async (t) => {
    const id = await t.seed();
    const token = await t.controls.issueToken(id);
    const { session, user } = await t.auth.sessions.authenticate(token);
    expect(user.id).toBe(id);
    expect(session.userId).toBe(id);
    expect(session.status).toBe("active");
    expect(session.provider).toBe(t.auth.name);
    expect(session.createdAt).toBeInstanceOf(Date);
  },
  "a revoked session is session_invalid": async (t) => {
    if (!("revoke" in t.auth.sessions)) return;
    const token = await t.controls.issueToken(await t.seed());
    const { session } = await t.auth.sessions.authenticate(token);
    await t.auth.sessions.revoke(session.id);
    await t.rejects(() => t.auth.sessions.authenticate(token), "session_invalid");
  },
  "an unknown or expired token is rejected": async (t) => {
    await t.rejects(() => t.auth.sessions.authenticate("not-a-token"), ["token_invalid", "session_invalid"]);
    if (t.fixtures.tokenKinds.includes("expired")) {
      const token = await t.controls.issueToken(await t.seed(), { kind: "expired" });
      await t.rejects(() => t.auth.sessions.authenticate(token), ["token_expired", "session_invalid"]);
    }
  },
} satisfies TestTable;

export const sessionsListTests = {
  "list gives every session of the user and only theirs": async (t) => {
    const id = await t.seed();
    const other = await t.seed();
    await t.controls.issueToken(id);
    await t.controls.issueToken(id);
    await t.controls.issueToken(other);
    const sessions = await t.auth.sessions.list(id);
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      expect(s.userId).toBe(id);
      expect(s.status).toBe("active");
    }
    expect(new Set(sessions.map((s) => s.id)).size).toBe(2);
  },
  "a bad user id is invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.sessions.list(""));
  },
} satisfies TestTable;

export const sessionsRevokeTests = {
  "revoke ends the session": async (t) => {
    const id = await t.seed();
    await t.controls.issueToken(id);
    const sessionId = await findSessionId(t, id);
    if (sessionId === null) return;
    await t.auth.sessions.revoke(sessionId);
    if ("list" in t.auth.sessions) {
      const after = (await t.auth.sessions.list(id)).find((s) => s.id === sessionId);
      expect(after === undefined || after.status !== "active").toBe(true);
    }
  },
  "revoking an unknown session is not_found": async (t) => {
    await t.rejects(() => t.auth.sessions.revoke("sess_does_not_exist_42"), ["not_found", "session_invalid"]);
  },
  "a bad session id is invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.sessions.revoke(""));
  },
} satisfies TestTable;

async function findSessionId(t: TestContext, userId: string): Promise<string | null> {
  // The provider may declare any mix of these; look at what is there at runtime.
  type Loose = { sessions?: Partial<MembersOf<"sessions.list" | "sessions.authenticate">["sessions"]>; tokens?: Partial<MembersOf<"tokens.verify">["tokens"]> };
  const a = t.auth as unknown as Loose;
  if (a.sessions?.list) return (await a.sessions.list(userId))[0]?.id ?? null;
  const token = await t.controls.issueToken(userId);
  if (a.sessions?.authenticate) return (await a.sessions.authenticate(token)).session.id;
  if (a.tokens?.verify) return (await a.tokens.verify(token)).sessionId;
  return null;
}
