import { expect } from "vitest";
import { T0, type TestTable } from "../context.js";

export const tokensVerifyTests = {
  "a valid token gives the user, session and times": async (t) => {
    const id = await t.seed();
    const token = await t.controls.issueToken(id);
    const verified = await t.auth.tokens.verify(token);
    expect(verified.userId).toBe(id);
    expect(verified.provider).toBe(t.auth.name);
    expect(verified.sessionId === null || typeof verified.sessionId === "string").toBe(true);
    expect(typeof verified.issuer).toBe("string");
    expect(Array.isArray(verified.audience)).toBe(true);
    expect(verified.expiresAt.getTime()).toBeGreaterThan(T0);
    expect(typeof verified.claims).toBe("object");
  },
  "an expired token is token_expired, and the message never holds the token": async (t) => {
    if (!t.fixtures.tokenKinds.includes("expired")) return;
    const token = await t.controls.issueToken(await t.seed(), { kind: "expired" });
    const error = await t.rejects(() => t.auth.tokens.verify(token), "token_expired");
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  },
  "a token not valid yet is token_not_yet_valid": async (t) => {
    if (!t.fixtures.tokenKinds.includes("not_yet_valid")) return;
    const token = await t.controls.issueToken(await t.seed(), { kind: "not_yet_valid" });
    await t.rejects(() => t.auth.tokens.verify(token), "token_not_yet_valid");
  },
  "a token from someone else is token_invalid": async (t) => {
    if (!t.fixtures.tokenKinds.includes("foreign")) return;
    const token = await t.controls.issueToken(await t.seed(), { kind: "foreign" });
    await t.rejects(() => t.auth.tokens.verify(token), "token_invalid");
  },
  "garbage, empty and oversized tokens are token_invalid": async (t) => {
    await t.rejects(() => t.auth.tokens.verify("not-a-token"), "token_invalid");
    await t.rejects(() => t.auth.tokens.verify(""), "token_invalid");
    await t.rejects(() => t.auth.tokens.verify(`eyJ${"A".repeat(200_000)}`), "token_invalid");
    await t.rejects(() => t.auth.tokens.verify(undefined as never), "token_invalid");
  },
  "a token that expires while cached stops verifying": async (t) => {
    const token = await t.controls.issueToken(await t.seed());
    const verified = await t.auth.tokens.verify(token);
    t.controls.setClock(verified.expiresAt.getTime() + 3_600_000);
    await t.rejects(() => t.auth.tokens.verify(token), ["token_expired", "token_invalid"]);
  },
} satisfies TestTable;

export const tokensIssueTests = {
  "issue returns a signed token for the subject": async (t) => {
    const id = await t.seed();
    const token = await t.auth.tokens.issue(id);
    expect(token.split(".")).toHaveLength(3);
    if ("verify" in t.auth.tokens) expect((await t.auth.tokens.verify(token)).userId).toBe(id);
  },
  "a bad subject is invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.tokens.issue(""));
  },
} satisfies TestTable;
