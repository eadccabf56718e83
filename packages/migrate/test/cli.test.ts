import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readIdMapFile, readPendingPasswords } from "../src/node/index.js";
import { runInProcess } from "./support/run-cli.js";

const run = runInProcess;

async function dir() {
  return mkdtemp(join(tmpdir(), "authmux-cli-"));
}

describe("authmux migrate: bad arguments", () => {
  it.each([
    [["migrate", "--to", "mock"], /--from needs a provider name/],
    [["migrate", "--from", "ndjson:x.ndjson"], /--to needs a provider name/],
    [["migrate", "--from", "csv:x", "--to", "mock"], /is not a source/],
    [["migrate", "--from", "ndjson:/no/such/file.ndjson", "--to", "mock"], /cannot read \/no\/such\/file.ndjson/],
    [["migrate", "--from", "mock", "--to", "mock", "--rate", "fast"], /--rate must be requests per second/],
    [["migrate", "--from", "mock", "--to", "mock", "--concurrency", "0"], /--concurrency must be a whole number/],
    [["migrate", "--from", "mock", "--to", "mock", "--bogus"], /Unknown option `--bogus`/],
    [["migrate", "sideways", "--from", "mock", "--to", "mock"], /unknown action "sideways"/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["migrate", "--from", "nosuchvendor", "--to", "mock", "--dry-run"], /unknown provider "nosuchvendor"/],
    [["migrate", "--from", "clerk", "--to", "mock", "--dry-run"], /CLERK_SECRET_KEY/],
    [["migrate", "verify", "--from", "mock", "--to", "mock", "--id-map", "/no/such/map.ndjson"], /cannot read the id map/],
  ])("%j: one line, exit 2, no stack", async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("names a missing variable without echoing the ones that are set", async () => {
    const result = await run(["migrate", "--from", "stytch", "--to", "mock", "--dry-run"], { STYTCH_SECRET: "secret-test-ABCDEF0123456789" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/STYTCH_PROJECT_ID/);
    expect(result.stderr).not.toContain("ABCDEF0123456789");
  });

  it("will not append to a journal it was not told to resume", async () => {
    const d = await dir();
    await writeFile(join(d, "users.ndjson"), '{"id":"a","email":"a@example.com"}\n');
    await writeFile(join(d, "j.ndjson"), "");
    const result = await run(["migrate", "--from", `ndjson:${join(d, "users.ndjson")}`, "--to", "mock", "--journal", join(d, "j.ndjson")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/exists: add --resume/);
  });
});

describe("authmux migrate --dry-run", () => {
  it("exits 2 and reports each user that would be refused or lose its hash; writes no journal or id map", async () => {
    const d = await dir();
    const lines = [
      { id: "a", email: "a@example.com" },
      { id: "b", name: "No Email" },
      // A hash in no notation anyone reads (the mock takes every neutral one): the user moves without it.
      { id: "c", email: "c@example.com", passwordHash: "sha512_crypt$rounds=5000$opaque" },
    ];
    await writeFile(join(d, "users.ndjson"), lines.map((l) => JSON.stringify(l)).join("\n"));
    const files = ["--journal", join(d, "j.ndjson"), "--id-map", join(d, "m.ndjson"), "--report", join(d, "r.ndjson")];
    const result = await run(["migrate", "--from", `ndjson:${join(d, "users.ndjson")}`, "--to", "mock", "--dry-run", ...files]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/would be created\s+2/);
    expect(result.stdout).toMatch(/would be refused\s+1/);
    expect(result.stdout).toMatch(/with a hash the target cannot take\s+1/);
    const report = (await readFile(join(d, "r.ndjson"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { id: string; reason: string });
    expect(report.map((r) => r.id).sort()).toEqual(["a", "b", "c"]);
    expect(report.find((r) => r.id === "b")!.reason).toBe("no email address: users.create needs one");
    expect(report.find((r) => r.id === "c")!.reason).toMatch(/not a recognised/);
    await expect(readFile(join(d, "j.ndjson"))).rejects.toMatchObject({ code: "ENOENT" });
    await expect(readFile(join(d, "m.ndjson"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("exits 0 when every user would move whole", async () => {
    const d = await dir();
    await writeFile(join(d, "users.ndjson"), '{"id":"a","email":"a@example.com","passwordHash":"$pbkdf2-sha256$i=100000$YXV0aG11eC12ZWN0b3Itc2FsdA$Imqw1rqy4YFr2qrAJhkyGiiRpRD3jReo6Fx6CQLg+I0"}\n');
    const result = await run(["migrate", "--from", `ndjson:${join(d, "users.ndjson")}`, "--to", "mock", "--dry-run", "--report", join(d, "r.ndjson")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/passwords that would be imported\s+1/);
  });
});

describe("authmux migrate", () => {
  it("writes the journal, a CSV id map and the report, and prints the summary table", async () => {
    const d = await dir();
    await writeFile(join(d, "users.ndjson"), '{"id":"a,1","email":"a@example.com"}\n{"id":"b","email":"b@example.com"}\n');
    const files = ["--journal", join(d, "j.ndjson"), "--id-map", join(d, "m.csv"), "--report", join(d, "r.ndjson")];
    const result = await run(["migrate", "--from", `ndjson:${join(d, "users.ndjson")}`, "--to", "mock", ...files]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/created\s+2/);
    const csv = (await readFile(join(d, "m.csv"), "utf8")).trim().split("\n");
    expect(csv[0]).toBe("source_id,target_id");
    expect(csv.slice(1).map((l) => l.replace(/,user_\d+$/, ""))).toEqual(['"a,1"', "b"]);
    const journal = (await readFile(join(d, "j.ndjson"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(journal[0]).toMatchObject({ run: "start", from: expect.stringContaining("ndjson:"), to: "mock", resume: false });
    expect(journal.at(-1)).toMatchObject({ run: "end", counts: { created: 2 } });
    // Nothing but ids, states and reasons: no email in the journal.
    expect(JSON.stringify(journal)).not.toContain("@example.com");
    // What a cutover reads back: the id map, and the users still without a password at the target.
    const map = await readIdMapFile(join(d, "m.csv"));
    expect([...map.keys()]).toEqual(["a,1", "b"]);
    expect(await readPendingPasswords(join(d, "r.ndjson"))).toEqual(new Set(map.values()));
  });
});
