import { AuthmuxError, supports } from "@authmux/core";
import type { ClerkFakeControls } from "@authmux/clerk/testing";
import { createMockProvider } from "@authmux/core/testing";
import { describe, expect, it } from "vitest";
import { type MigrationEvent, withMigration } from "../src/cutover.js";
import { migrateUsers, providerSource } from "../src/index.js";
import { memorySinks, wire } from "./fakes.js";

const PASSWORD = "correct horse battery staple";

/**
 * Two vendors with their own signing keys and issuers (two mocks: the cross-vendor runs are in migrate.test.ts),
 * one user copied from the old to the new without a password. `fake` is the old vendor's controls.
 */
async function transition(options: { pending?: boolean } = {}) {
  const from = createMockProvider({ issuer: "https://old.example" });
  const fake = { controls: from.controls, get requests() { return { length: from.controls.requestCount() }; } };
  const to = createMockProvider({ issuer: "https://new.example" });
  const { id: sourceId } = await fake.controls.seedUser({ email: "ada@example.com", name: "Ada Lovelace", password: PASSWORD });
  const { id: targetId } = await to.controls.seedUser({ email: "ada@example.com", name: "Ada Lovelace" });
  const pending = new Set(options.pending === false ? [] : [targetId]);
  const events: MigrationEvent[] = [];
  const auth = withMigration({ from, to, idMap: new Map([[sourceId, targetId]]), pendingPasswords: pending, onEvent: (e) => events.push(e) });
  return { fake, from, to, auth, sourceId, targetId, pending, events };
}

describe("withMigration: tokens of either vendor", () => {
  it("a target token verifies as the target's, untouched", async () => {
    const { to, auth, targetId, events } = await transition();
    const verified = await auth.tokens.verify(await to.controls.issueToken(targetId));
    expect(verified.userId).toBe(targetId);
    expect(verified.issuer).toBe("https://new.example");
    expect(events).toEqual([]);
  });

  it("a source token verifies and names the user by the target's id", async () => {
    const { fake, auth, sourceId, targetId, events } = await transition();
    const verified = await auth.tokens.verify(await fake.controls.issueToken(sourceId));
    expect(verified.userId).toBe(targetId);
    expect(verified.claims.sub, "the claims stay the source's").toBe(sourceId);
    expect(events).toEqual([{ type: "token.source", sourceUserId: sourceId, targetUserId: targetId }]);
  });

  it("a source token of a user not yet copied is not_found; a forged one stays token_invalid; an expired one says so", async () => {
    const { fake, auth, sourceId } = await transition();
    const { id: stranger } = await fake.controls.seedUser({ email: "bob@example.com" });
    await expect(auth.tokens.verify(await fake.controls.issueToken(stranger))).rejects.toMatchObject({ code: "not_found" });
    const token = await fake.controls.issueToken(sourceId);
    const forged = `${token.slice(0, -6)}AAAAAA`;
    await expect(auth.tokens.verify(forged)).rejects.toMatchObject({ code: "token_invalid" });
    await expect(auth.tokens.verify("not-a-jwt")).rejects.toMatchObject({ code: "token_invalid" });
    await expect(auth.tokens.verify(await fake.controls.issueToken(sourceId, { kind: "expired" }))).rejects.toMatchObject({ code: "token_expired" });
  });
});

describe("withMigration: trickle passwords", () => {
  it("a pending user signs in with the old vendor's password, which is set at the new one, once", async () => {
    const { fake, to, auth, targetId, pending, events } = await transition();
    const result = await auth.passwords.authenticate({ email: "ada@example.com", password: PASSWORD });
    expect(result.user.id).toBe(targetId);
    expect(pending.has(targetId), "no longer pending").toBe(false);
    expect(events).toEqual([{ type: "password.trickled", targetUserId: targetId }]);
    // The password now lives at the target: it signs in there directly, without the wrapper.
    await expect(to.passwords.authenticate({ email: "ada@example.com", password: PASSWORD })).resolves.toMatchObject({ user: { id: targetId } });
    // And the source is not consulted again: a later sign-in with its password after a change at the source fails.
    const sourceRequests = fake.requests.length;
    await expect(auth.passwords.authenticate({ email: "ada@example.com", password: "something else entirely" })).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(fake.requests.length, "no request reached the old vendor").toBe(sourceRequests);
  });

  it("a wrong password is invalid_credentials at both, sets nothing, and is never echoed", async () => {
    const { to, auth, targetId, pending } = await transition();
    const error = await auth.passwords.authenticate({ email: "ada@example.com", password: "Tr0ub4dor&3-wrong" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthmuxError);
    expect((error as AuthmuxError).code).toBe("invalid_credentials");
    expect(JSON.stringify(error) + (error as Error).message + String((error as Error).stack)).not.toContain("Tr0ub4dor");
    expect(pending.has(targetId)).toBe(true);
    await expect(to.passwords.authenticate({ email: "ada@example.com", password: PASSWORD })).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("a user not pending never reaches the old vendor, even with its right password", async () => {
    const { fake, auth } = await transition({ pending: false });
    const before = fake.requests.length;
    await expect(auth.passwords.authenticate({ email: "ada@example.com", password: PASSWORD })).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(fake.requests.length).toBe(before);
  });

  it("without pendingPasswords, passwords are the target's alone", async () => {
    const to = createMockProvider();
    const auth = withMigration({ from: createMockProvider(), to, idMap: new Map() });
    expect(auth.passwords.authenticate).toBe(to.passwords.authenticate);
  });

  it("refuses at construction what cannot work, naming what is missing", async () => {
    const from = createMockProvider();
    const bare = createMockProvider({ capabilities: ["passwords", "tokens.verify"] });
    expect(() => withMigration({ from, to: bare, idMap: new Map(), pendingPasswords: new Set() })).toThrow(/passwords\.set at mock, users\.read at mock/);
    // @ts-expect-error idMap is required
    expect(() => withMigration({ from, to: bare })).toThrow(/idMap/);
    expect(() => withMigration({ from, to: bare, idMap: new Map(), pendingPasswords: [] as unknown as Set<string> })).toThrow(/pendingPasswords/);
  });

  it("keeps every other member of the target", async () => {
    const { to, auth } = await transition();
    expect(auth.users).toBe(to.users);
    expect(auth.capabilities).toEqual(to.capabilities);
    expect(auth.name).toBe("mock");
  });
});

// A compile-time check: the wrapper has the target's type, capabilities included.
const _typeCheck = async () => {
  const to = createMockProvider({ capabilities: ["users.read", "tokens.verify"] });
  const auth = withMigration({ from: to, to, idMap: new Map() });
  // @ts-expect-error the target does not declare users.delete
  auth.users.delete;
};
void _typeCheck;

describe("withMigration: Clerk to Stytch, after a bulk copy through the API", () => {
  it("Clerk tokens keep working under Stytch ids, and a user whose hash could not be carried moves on sign-in", async () => {
    const source = wire("clerk");
    const target = wire("stytch");
    const from = source.provider;
    if (!supports(from, "users.list")) throw new Error("Clerk lists its users");
    const clerkFake = source.controls as ClerkFakeControls;
    const { id: grace } = await clerkFake.seedUser({ email: "grace@example.com", name: "Grace Hopper", password: PASSWORD });
    const { journal, idMap } = memorySinks();
    await migrateUsers({ source: providerSource(from), target: target.provider, journal, idMap });
    const idMapOf = new Map(idMap.pairs.map((p) => [p.from, p.to]));
    // The users placed without a password, as readPendingPasswords finds them in the report.
    const pending = new Set(journal.entries.flatMap((e) => ("state" in e && (e.state === "created" || e.state === "matched") && e.password === "none" ? [e.to] : [])));
    const graceAtStytch = idMapOf.get(grace)!;
    expect(pending).toEqual(new Set([graceAtStytch]));
    if (!supports(target.provider, "passwords") || !supports(target.provider, "tokens.verify")) throw new Error("Stytch has passwords and tokens");

    const auth = withMigration({ from: source.provider, to: target.provider, idMap: idMapOf, pendingPasswords: pending });
    expect((await auth.tokens.verify(await clerkFake.issueToken(grace))).userId).toBe(graceAtStytch);
    await expect(target.provider.passwords.authenticate({ email: "grace@example.com", password: PASSWORD }), "no password at Stytch yet").rejects.toMatchObject({ code: "invalid_credentials" });

    const signedIn = await auth.passwords.authenticate({ email: "grace@example.com", password: PASSWORD });
    expect(signedIn.user.id).toBe(graceAtStytch);
    expect(signedIn.user.provider).toBe("stytch");
    expect(pending.size).toBe(0);
    // The password now lives at Stytch (set as a PBKDF2 hash through its migrate endpoint): the plain adapter signs her in.
    await expect(target.provider.passwords.authenticate({ email: "grace@example.com", password: PASSWORD })).resolves.toMatchObject({ user: { id: graceAtStytch } });
  });
});
