import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuthmuxError, createPbkdf2Hash, type ProviderWith } from "@authmux/core";
import { createMockProvider } from "@authmux/core/testing";
import { describe, expect, it } from "vitest";
import { createPacer, fromClerkNotation, migrateUsers, ndjsonSource, ResumeState } from "../src/index.js";
import { openJournalFile, readJournalFile, readResumeState } from "../src/node/index.js";
import { fromArray, memorySinks } from "./fakes.js";

const PASSWORD = "correct horse battery staple";
const ndjson = (...users: object[]) => ndjsonSource(fromArray([users.map((u) => JSON.stringify(u)).join("\n")]));

describe("Clerk's hasher names", () => {
  it("read each supported notation as the neutral hash", () => {
    const bcrypt = fromClerkNotation({ digest: "$2a$10$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm", hasher: "bcrypt" });
    expect(bcrypt).toMatchObject({ ok: true, hash: { algorithm: "bcrypt", params: { cost: 10 } } });
    const salt = btoa("authmux-vector-salt");
    const hash = "Imqw1rqy4YFr2qrAJhkyGiiRpRD3jReo6Fx6CQLg+I0=";
    expect(fromClerkNotation({ digest: `pbkdf2_sha256$100000$${salt}$${hash}`, hasher: "pbkdf2_sha256" })).toMatchObject({
      ok: true,
      hash: { algorithm: "pbkdf2_sha256", encoded: "$pbkdf2-sha256$i=100000$YXV0aG11eC12ZWN0b3Itc2FsdA$Imqw1rqy4YFr2qrAJhkyGiiRpRD3jReo6Fx6CQLg+I0" },
    });
    expect(fromClerkNotation({ digest: "pbkdf2_sha1$1000$salt$" + "ab".repeat(20), hasher: "pbkdf2_sha1" })).toMatchObject({ ok: true, hash: { algorithm: "pbkdf2_sha1", params: { i: 1000, keyLength: 20 } } });
    expect(fromClerkNotation({ digest: "9cc2ae8a1ba7a93da39b46fc1019c481", hasher: "md5" })).toMatchObject({ ok: true, hash: { algorithm: "md5" } });
    expect(fromClerkNotation({ digest: "pbkdf2_sha256$100000$djangosalt$r8fpV+oUrfhyYRCap1LPDFp2E349fBADd+qDGesG2Xs=", hasher: "pbkdf2_sha256_django" })).toMatchObject({ ok: true, hash: { algorithm: "pbkdf2_sha256" } });
  });

  it("give a reason, never the digest, for what has no neutral form or cannot be read", () => {
    const secret = "$2a$10$SECRETSECRETSECRETSECRE";
    const cases = [["bcrypt", /unreadable bcrypt digest/], ["ldap_ssha", /no neutral form/], ["sha512_crypt", /unknown password hasher/], ["pbkdf2_sha256", /unreadable pbkdf2_sha256/]] as const;
    // A hasher named like an Object.prototype member is as unknown as any other name.
    const prototypeNames = ["constructor", "__proto__", "tostring"].map((name) => [name, /unknown password hasher/] as const);
    for (const [hasher, pattern] of [...cases, ...prototypeNames]) {
      const read = fromClerkNotation({ digest: secret, hasher });
      expect(read.ok).toBe(false);
      if (!read.ok) {
        expect(read.reason).toMatch(pattern);
        expect(read.reason).not.toContain("SECRET");
      }
    }
  });
});

describe("migrateUsers", () => {
  it("imports a hash the target takes: the user signs in with the password it had", async () => {
    const target = createMockProvider();
    const hash = await createPbkdf2Hash(PASSWORD, { iterations: 1_000 });
    const { journal, idMap } = memorySinks();
    const summary = await migrateUsers({ source: ndjson({ id: "a1", email: "ada@example.com", passwordHash: hash.encoded }), target, journal, idMap });
    expect(summary).toMatchObject({ created: 1, passwordsImported: 1, withoutPassword: 0 });
    await expect(target.passwords.authenticate({ email: "ada@example.com", password: PASSWORD })).resolves.toMatchObject({ user: { id: idMap.pairs[0]!.to } });
    expect(JSON.stringify(journal.entries)).not.toContain(hash.encoded.split("$").at(-1));
  });

  it("creates a user whose hash the target cannot take without a password, and says why", async () => {
    // The mock takes every neutral hash: a target that checks PBKDF2 only stands for one that cannot take bcrypt.
    const mock = createMockProvider();
    const target = { ...mock, passwords: { ...mock.passwords, canImport: () => ({ ok: false as const, reason: "it checks PBKDF2 only" }) } };
    const { journal, idMap } = memorySinks();
    const bcrypt = "$2a$10$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm";
    const summary = await migrateUsers({ source: ndjson({ id: "b1", email: "bob@example.com", passwordHash: bcrypt }), target, journal, idMap });
    expect(summary).toMatchObject({ created: 1, passwordsImported: 0, withoutPassword: 1, hashesRefused: 1 });
    expect(journal.entries.at(-1)).toMatchObject({ id: "b1", state: "created", password: "none", reason: expect.stringContaining("mock cannot take this bcrypt hash") });
    await expect(target.passwords.authenticate({ email: "bob@example.com", password: PASSWORD })).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("refuses records that cannot be users, each with its reason, and carries on", async () => {
    const target = createMockProvider();
    const { journal, idMap } = memorySinks();
    const source = ndjsonSource(fromArray(['{"id":"n1","name":"No Email"}\nnot json\n{"email":"x@example.com"}\n{"id":"ok","email":"ok@example.com"}\n']));
    const summary = await migrateUsers({ source, target, journal, idMap });
    expect(summary).toMatchObject({ read: 4, created: 1, refused: 3 });
    expect(journal.entries).toEqual(
      expect.arrayContaining([
        { id: "n1", state: "refused", reason: "no email address: users.create needs one" },
        { id: "line:2", state: "refused", reason: "line 2 is not JSON" },
        { id: "line:3", state: "refused", reason: expect.stringContaining('has no "id"') },
      ]),
    );
  });

  it("matches a user already at the target by email instead of creating it twice", async () => {
    const target = createMockProvider();
    const existing = await target.users.create({ email: "ada@example.com", name: "Ada" });
    const { journal, idMap } = memorySinks();
    const summary = await migrateUsers({ source: ndjson({ id: "a1", email: "ADA@example.com" }), target, journal, idMap });
    expect(summary).toMatchObject({ created: 0, matched: 1 });
    expect(idMap.pairs).toEqual([{ from: "a1", to: existing.id }]);
    expect((await target.users.list({ limit: 100 })).items).toHaveLength(1);
  });

  it("on resume, finishes a user journaled `seen` whose create reached the target before the stop", async () => {
    const target = createMockProvider();
    const hash = await createPbkdf2Hash(PASSWORD, { iterations: 1_000 });
    // The stopped run: `seen` journaled, the create done, the outcome never written.
    const placed = await target.users.create({ email: "ada@example.com" });
    const resume = new ResumeState();
    resume.apply({ id: "a1", state: "seen" });
    resume.apply({ id: "done", state: "created", to: "x", password: "none" });
    const { journal, idMap } = memorySinks();
    const summary = await migrateUsers({ source: ndjson({ id: "done", email: "d@example.com" }, { id: "a1", email: "ada@example.com", passwordHash: hash.encoded }), target, journal, idMap, resume });
    expect(summary).toMatchObject({ skipped: 1, created: 0, matched: 1, passwordsImported: 1 });
    expect(idMap.pairs).toEqual([{ from: "a1", to: placed.id }]);
    expect((await target.users.list({ limit: 100 })).items).toHaveLength(1);
    await expect(target.passwords.authenticate({ email: "ada@example.com", password: PASSWORD })).resolves.toBeDefined();
  });

  it("waits out a 429 on create for its Retry-After, then creates the user once", async () => {
    const target = createMockProvider();
    let calls = 0;
    const throttled: ProviderWith<"users.create"> = {
      ...target,
      users: {
        ...target.users,
        create: async (input) => {
          if (calls++ === 0) throw new AuthmuxError("rate_limited", "slow down", { provider: "mock", status: 429, retryAfter: 3 });
          return target.users.create(input);
        },
      },
    };
    const pauses: number[] = [];
    const pacer = createPacer({ rate: 0 });
    const summary = await migrateUsers({ source: ndjson({ id: "a1", email: "ada@example.com" }), target: throttled, ...memorySinks(), pacer: { ...pacer, take: () => Promise.resolve(), pause: (s) => void pauses.push(s) } });
    expect(summary).toMatchObject({ created: 1, failed: 0 });
    expect(pauses).toEqual([3]);
    expect((await target.users.list({ limit: 100 })).items).toHaveLength(1);
  });

  it("records a user as failed (retried on resume) when the target stays unavailable", async () => {
    const target = createMockProvider();
    // The create and the look-up that follows it (did the create land?) both meet a 503.
    target.controls.failNext({ kind: "unavailable" }, 2);
    const { journal, idMap } = memorySinks();
    const summary = await migrateUsers({ source: ndjson({ id: "a1", email: "ada@example.com" }), target, journal, idMap });
    expect(summary).toMatchObject({ created: 0, failed: 1 });
    expect(journal.entries.at(-1)).toMatchObject({ id: "a1", state: "failed", code: "provider_unavailable" });
    const resume = new ResumeState();
    for (const e of journal.entries) resume.apply(e);
    const again = await migrateUsers({ source: ndjson({ id: "a1", email: "ada@example.com" }), target, ...memorySinks(), resume });
    expect(again).toMatchObject({ created: 1, skipped: 0 });
  });

  it("in a dry run, calls nothing at the target and writes nothing", async () => {
    const target = createMockProvider();
    const summary = await migrateUsers({ source: ndjson({ id: "a1", email: "ada@example.com" }, { id: "n1" }), target, dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, created: 1, refused: 1 });
    expect(target.controls.requestCount()).toBe(0);
    expect((await target.users.list({ limit: 100 })).items).toHaveLength(0);
  });

  it("stops at a batch boundary when its signal is aborted", async () => {
    const target = createMockProvider();
    const stop = new AbortController();
    const users = Array.from({ length: 10 }, (_, i) => ({ id: `u${i}`, email: `u${i}@example.com` }));
    const summary = await migrateUsers({ source: ndjson(...users), target, ...memorySinks(), batchSize: 3, onUser: () => stop.abort(), signal: stop.signal });
    expect(summary).toMatchObject({ stopped: true, created: 3 });
  });
});

describe("the journal file", () => {
  it("survives a torn last line: read without it, cut off before the next append", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "authmux-journal-")), "journal.ndjson");
    await writeFile(path, '{"id":"a","state":"seen"}\n{"id":"a","state":"created","to":"x","password":"none"}\n{"id":"b","sta');
    expect((await readResumeState(path)).stateOf("a")).toBe("created");
    const journal = await openJournalFile(path);
    await journal.append([{ id: "b", state: "seen" }]);
    await journal.close();
    expect(await readFile(path, "utf8")).toBe('{"id":"a","state":"seen"}\n{"id":"a","state":"created","to":"x","password":"none"}\n{"id":"b","state":"seen"}\n');
  });

  it("refuses a file that is not a journal", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "authmux-journal-")), "other.ndjson");
    await writeFile(path, "hello\nworld\n");
    await expect(async () => {
      for await (const _ of readJournalFile(path)) void _;
    }).rejects.toMatchObject({ code: "invalid_input" });
  });
});
