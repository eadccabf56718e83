import { expect } from "vitest";
import { decodeBase64Url } from "../../jwt/base64url.js";
import { needs, T0, type TestTable, wrongType } from "../context.js";

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
    const token = await t.controls.issueToken(await t.seed(), { kind: "expired" });
    const error = await t.rejects(() => t.auth.tokens.verify(token), "token_expired");
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  },
  "a token not valid yet is token_not_yet_valid": async (t) => {
    const token = await t.controls.issueToken(await t.seed(), { kind: "not_yet_valid" });
    await t.rejects(() => t.auth.tokens.verify(token), "token_not_yet_valid");
  },
  "a token from someone else is token_invalid": async (t) => {
    const token = await t.controls.issueToken(await t.seed(), { kind: "foreign" });
    await t.rejects(() => t.auth.tokens.verify(token), "token_invalid");
  },
  "garbage, empty and oversized tokens are token_invalid": async (t) => {
    await t.rejects(() => t.auth.tokens.verify("not-a-token"), "token_invalid");
    await t.rejects(() => t.auth.tokens.verify(""), "token_invalid");
    await t.rejects(() => t.auth.tokens.verify(`eyJ${"A".repeat(200_000)}`), "token_invalid");
    await t.rejects(() => t.auth.tokens.verify(wrongType(undefined)), "token_invalid");
  },
  "a token that expires while cached stops verifying": async (t) => {
    const token = await t.controls.issueToken(await t.seed());
    const verified = await t.auth.tokens.verify(token);
    t.controls.setClock(verified.expiresAt.getTime() + 3_600_000);
    await t.rejects(() => t.auth.tokens.verify(token), ["token_expired", "token_invalid"]);
  },
} satisfies TestTable;

export const tokensIssueTests = {
  "issue returns a signed JWT that expires": async (t) => {
    const token = await t.auth.tokens.issue(await t.seed());
    const parts = token.split(".");
    expect(parts).toHaveLength(3);
    const [header, payload] = parts.slice(0, 2).map((p) => JSON.parse(new TextDecoder().decode(decodeBase64Url(p) ?? new Uint8Array())) as Record<string, unknown>);
    expect(header?.alg).not.toBe("none");
    expect(parts[2]!.length).toBeGreaterThan(0);
    expect(payload?.exp).toBeGreaterThan(T0 / 1000);
  },
  "an issued token verifies as its subject": needs(["tokens.verify"], async (t) => {
    const id = await t.seed();
    expect((await t.auth.tokens.verify(await t.auth.tokens.issue(id))).userId).toBe(id);
  }),
  "a bad subject is invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.tokens.issue(""));
  },
} satisfies TestTable;
