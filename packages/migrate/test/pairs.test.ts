import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnyProvider, type ProviderWith, supports } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { migrateUsers, ndjsonSource, providerSource, SOURCE_ID_KEY, type SourceUser, type UserEntry } from "../src/index.js";
import { clerkCsvFileSource } from "../src/node/index.js";
import { fromArray, memorySinks, PROVIDERS, type ProviderName, wire } from "./fakes.js";

/** Three users every source holds; the third has no metadata. */
const PEOPLE = [
  { email: "ada@example.com", name: "Ada Lovelace", metadata: { plan: "pro" } },
  { email: "grace@example.com", name: "Grace Hopper", metadata: { plan: "team" } },
  { email: "alan@example.com", name: "Alan Turing", metadata: {} },
];

const SOURCE_KINDS = [...PROVIDERS, "clerk-csv", "ndjson"] as const;
type SourceKind = (typeof SOURCE_KINDS)[number];

const canList = (p: AnyProvider): p is ProviderWith<"users.list"> => supports(p, "users.list");
const canCreate = (p: AnyProvider): p is ProviderWith<"users.create"> => supports(p, "users.create");

/** The source users of a kind, seeded where the kind is a provider; `null` when the provider cannot list. */
async function openSource(kind: SourceKind, dir: string): Promise<AsyncIterable<SourceUser> | null> {
  if (kind === "ndjson") {
    const lines = PEOPLE.map((p, i) => JSON.stringify({ id: `nd_${i}`, ...p, emailVerified: true }));
    return ndjsonSource(fromArray([lines.join("\n")]));
  }
  if (kind === "clerk-csv") {
    const path = join(dir, "export.csv");
    const cell = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const rows = PEOPLE.map((p, i) => [`user_csv${i}`, ...p.name.split(" "), "", p.email, "", p.email, "", "", "", cell(JSON.stringify(p.metadata))].join(","));
    const header = "id,first_name,last_name,username,primary_email_address,primary_phone_number,verified_email_addresses,verified_phone_numbers,password_digest,password_hasher,public_metadata";
    await writeFile(path, [header, ...rows].join("\n"));
    return clerkCsvFileSource(path);
  }
  const source = wire(kind);
  if (!canList(source.provider)) return null;
  for (const p of PEOPLE) await source.controls.seedUser(p);
  return providerSource(source.provider, { pageSize: 2 });
}

/** Every provider is a target (all have users.create); every source but ConnectyCube, which cannot list its users. */
const LISTING = SOURCE_KINDS.filter((kind) => kind !== "connectycube");
const pairs = LISTING.flatMap((from) => PROVIDERS.map((to) => [from, to] as const));

describe("the pairs the capabilities allow", () => {
  it("leave out only ConnectyCube as a source: it has no users.list, and every provider has users.create", () => {
    for (const name of PROVIDERS) {
      const { provider } = wire(name);
      expect(canCreate(provider), name).toBe(true);
      expect(canList(provider), name).toBe(name !== "connectycube");
    }
  });
});

describe.each(pairs)("%s → %s", (from, to) => {
  it("moves every user once, keeps the source id in the id map and the metadata, and says why no password came along", async () => {
    const dir = await mkdtemp(join(tmpdir(), "authmux-pairs-"));
    const source = await openSource(from, dir);
    const target = wire(to as ProviderName);
    if (source === null || !canCreate(target.provider)) throw new Error(`${from} → ${to} is not a pair the capabilities allow`);
    const { journal, idMap } = memorySinks();
    const summary = await migrateUsers({ source, target: target.provider, journal, idMap, batchSize: 2, concurrency: 2 });

    expect(summary).toMatchObject({ read: 3, created: 3, matched: 0, refused: 0, failed: 0, passwordsImported: 0, withoutPassword: 3 });
    expect(idMap.pairs).toHaveLength(3);
    for (const pair of idMap.pairs) {
      const stored = await target.controls.peekUser(pair.to);
      const person = PEOPLE.find((p) => p.email === stored?.email?.toLowerCase());
      expect(person, `${pair.to} at ${to} holds one of the source's users`).toBeDefined();
      expect(stored!.name).toBe(person!.name);
      if (to !== "connectycube") {
        // ConnectyCube keeps metadata in custom_data, which its neutral user reads back; its fake's peek does not.
        expect(stored!.metadata[SOURCE_ID_KEY]).toBe(pair.from);
        if (person!.metadata.plan) expect(stored!.metadata.plan).toBe(person!.metadata.plan);
      }
    }
    // Every user was journaled `seen` before its final state, and each final state carries the password's reason.
    const users = journal.entries.filter((e): e is UserEntry => "state" in e);
    for (const pair of idMap.pairs) {
      const states = users.filter((e) => e.id === pair.from).map((e) => e.state);
      expect(states).toEqual(["seen", "created"]);
      const final = users.find((e) => e.id === pair.from && e.state === "created");
      expect(final).toMatchObject({ password: "none", reason: expect.stringMatching(/password|digest|hash/) });
    }

    // A second run with a fresh journal finds them all at the target: matched, none duplicated.
    const again = memorySinks();
    const rerun = await migrateUsers({ source: (await openSource(from === "ndjson" || from === "clerk-csv" ? from : "ndjson", dir))!, target: target.provider, ...again });
    if (from === "ndjson" || from === "clerk-csv") {
      expect(rerun).toMatchObject({ created: 0, matched: 3, refused: 0, failed: 0 });
      expect(again.idMap.pairs.map((p) => p.to).sort()).toEqual(idMap.pairs.map((p) => p.to).sort());
    } else {
      expect(rerun).toMatchObject({ created: 0, matched: 3 });
    }
  });
});
