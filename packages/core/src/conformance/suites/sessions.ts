import { expect } from "vitest";
import type { MembersOf } from "../../capabilities/provider.js";
import { needs, type TestContext, type TestTable } from "../context.js";

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
  "a revoked session is session_invalid": needs(["sessions.revoke"], async (t) => {
    const token = await t.controls.issueToken(await t.seed());
    const { session } = await t.auth.sessions.authenticate(token);
    await t.auth.sessions.revoke(session.id);
    await t.rejects(() => t.auth.sessions.authenticate(token), "session_invalid");
  }),
  "an unknown token is rejected": async (t) => {
    await t.rejects(() => t.auth.sessions.authenticate("not-a-token"), ["token_invalid", "session_invalid"]);
  },
  "an expired token is rejected": async (t) => {
    const token = await t.controls.issueToken(await t.seed(), { kind: "expired" });
    await t.rejects(() => t.auth.sessions.authenticate(token), ["token_expired", "session_invalid"]);
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
  "revoke ends that session at the vendor, and only that one": async (t) => {
    const id = await t.seed();
    const kept = await t.controls.issueToken(id);
    const token = await t.controls.issueToken(id);
    const sessionId = await sessionIdOf(t, token);
    const peek = t.control("peekSession");
    expect(await peek(token)).toEqual({ userId: id, active: true });
    await t.auth.sessions.revoke(sessionId);
    expect(await peek(token)).toEqual({ userId: id, active: false });
    expect(await peek(kept)).toEqual({ userId: id, active: true });
  },
  "revoking an unknown session is not_found": async (t) => {
    await t.rejects(() => t.auth.sessions.revoke("sess_does_not_exist_42"), ["not_found", "session_invalid"]);
  },
  "a bad session id is invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.sessions.revoke(""));
  },
} satisfies TestTable;

/** The neutral id of the session behind `token`, through whatever the provider declares to name it. */
async function sessionIdOf(t: TestContext, token: string): Promise<string> {
  type Loose = { sessions?: Partial<MembersOf<"sessions.authenticate">["sessions"]>; tokens?: Partial<MembersOf<"tokens.verify">["tokens"]> };
  const a = t.auth as unknown as Loose;
  const id = a.sessions?.authenticate ? (await a.sessions.authenticate(token)).session.id : a.tokens?.verify ? (await a.tokens.verify(token)).sessionId : null;
  if (!id) throw new Error("to test sessions.revoke the suite names a session through sessions.authenticate or tokens.verify (with a session claim); the provider has neither");
  return id;
}
