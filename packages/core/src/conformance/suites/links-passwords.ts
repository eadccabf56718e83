import { expect } from "vitest";
import { T0, type TestTable, wrongType } from "../context.js";

export const loginLinksTests = {
  "a link signs in its user at the vendor, with the exact expiry": async (t) => {
    await t.seed();
    const id = await t.seed();
    const { ttlSec: ttl, configurable } = t.fixtures.loginLinks;
    const link = configurable ? await t.auth.loginLinks.create(id, { expiresInSeconds: ttl }) : await t.auth.loginLinks.create(id);
    expect(["https:", "http:"]).toContain(new URL(link.url).protocol);
    expect(link.expiresAt).toBeInstanceOf(Date);
    expect(Math.abs(link.expiresAt.getTime() - (T0 + ttl * 1000))).toBeLessThanOrEqual(1000);
    await expect(t.control("redeemLoginLink")(link.url), "the link signs in its user at the vendor").resolves.toEqual({ userId: id });
  },
  "a link stops signing in once it expires": async (t) => {
    const id = await t.seed();
    const { ttlSec: ttl, configurable } = t.fixtures.loginLinks;
    const link = configurable ? await t.auth.loginLinks.create(id, { expiresInSeconds: ttl }) : await t.auth.loginLinks.create(id);
    t.controls.setClock(link.expiresAt.getTime() + 1000);
    await expect(t.control("redeemLoginLink")(link.url)).rejects.toThrow();
  },
  "a made-up link signs nobody in": async (t) => {
    const id = await t.seed();
    const link = await t.auth.loginLinks.create(id, t.fixtures.loginLinks.configurable ? { expiresInSeconds: t.fixtures.loginLinks.ttlSec } : {});
    const forged = new URL(link.url);
    for (const [key, value] of forged.searchParams) forged.searchParams.set(key, `${value.slice(0, -4)}AAAA`);
    if (forged.search === "") forged.pathname = `${forged.pathname.slice(0, -4)}AAAA`;
    await expect(t.control("redeemLoginLink")(forged.toString())).rejects.toThrow();
  },
  "a link for an unknown user is not_found": async (t) => {
    await t.rejects(() => t.auth.loginLinks.create("user_does_not_exist_42"), "not_found");
  },
  "bad options are invalid_input before any request": async (t) => {
    const id = await t.seed();
    await t.rejectsBeforeRequest(() => t.auth.loginLinks.create(id, { expiresInSeconds: -1 }));
    await t.rejectsBeforeRequest(() => t.auth.loginLinks.create(id, { redirectUrl: "javascript:alert(1)" }));
  },
} satisfies TestTable;

export const passwordsTests = {
  "the right password gives the user": async (t) => {
    const email = t.email("pw");
    const { id } = await t.controls.seedUser({ email, password: "correct horse battery staple" });
    const result = await t.auth.passwords.authenticate({ email, password: "correct horse battery staple" });
    expect(result.user.id).toBe(id);
    expect(result.user.email).toBe(email);
    if (result.session) expect(result.session.userId).toBe(id);
  },
  "a wrong password or unknown email is invalid_credentials and never echoes the password": async (t) => {
    const email = t.email("pw");
    await t.controls.seedUser({ email, password: "correct horse battery staple" });
    const wrong = await t.rejects(() => t.auth.passwords.authenticate({ email, password: "Tr0ub4dor&3-wrong" }), "invalid_credentials");
    expect(wrong.message).not.toContain("Tr0ub4dor&3-wrong");
    expect(JSON.stringify(wrong)).not.toContain("Tr0ub4dor&3-wrong");
    await t.rejects(() => t.auth.passwords.authenticate({ email: "ghost@example.com", password: "whatever-123" }), "invalid_credentials");
  },
  "missing credentials are invalid_input before any request": async (t) => {
    await t.rejectsBeforeRequest(() => t.auth.passwords.authenticate({ email: "a@example.com", password: "" }));
    await t.rejectsBeforeRequest(() => t.auth.passwords.authenticate(wrongType({ password: "x" })));
  },
} satisfies TestTable;
