import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kobble } from "@authmux/kobble";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildProcess } from "node:child_process";
import { PROVIDER_EXPORTS_NO_HASH } from "../src/index.js";
import { CLI, collect, exited, firstLine, seeded, SERVE_PAIR, spawnTs } from "./support/processes.js";

const USERS = 10_000;
const WITHOUT_EMAIL = 50;
const KILLS = 6;

describe("killed with SIGKILL at random points, resumed until done (10,000 users, Kustomer → Kobble, fakes in another process)", () => {
  let server: ChildProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = spawnTs(SERVE_PAIR, [String(USERS), String(WITHOUT_EMAIL)]);
    env = (JSON.parse(await firstLine(server)) as { env: Record<string, string> }).env;
  }, 60_000);

  afterAll(async () => {
    server.stdin?.end();
    await exited(server);
  });

  it("duplicates no one, loses no one, and reports every refused user with its reason", async () => {
    const dir = await mkdtemp(join(tmpdir(), "authmux-kill-"));
    const files = { journal: join(dir, "journal.ndjson"), idMap: join(dir, "idmap.ndjson"), report: join(dir, "report.ndjson") };
    const args = ["migrate", "--from", "kustomer", "--to", "kobble", "--journal", files.journal, "--id-map", files.idMap, "--report", files.report, "--resume", "--rate", "0", "--concurrency", "32", "--batch-size", "200"];
    const seed = Date.now() % 1_000_000;
    const random = seeded(seed);

    let kills = 0;
    let finished: { code: number | null; stdout: string; stderr: string } | null = null;
    for (let attempt = 0; attempt < KILLS + 10 && finished === null; attempt++) {
      const child = spawnTs(CLI, args, { env });
      child.stdin?.end();
      const output = collect(child);
      const killAt = kills < KILLS ? 1_500 + random() * 5_000 : null;
      const timer = killAt === null ? undefined : setTimeout(() => child.kill("SIGKILL"), killAt);
      const { code, signal } = await exited(child);
      clearTimeout(timer);
      if (signal === "SIGKILL") kills++;
      else finished = { code, stdout: output.stdout(), stderr: output.stderr() };
    }
    expect(finished, `seed ${seed}: the last run ends by itself`).not.toBeNull();
    expect(finished!.code, `seed ${seed}: ${finished!.stderr.slice(-2000)}`).toBe(0);
    expect(kills, `seed ${seed}`).toBeGreaterThanOrEqual(3);

    // The target's own state, through its list endpoint: each user once.
    const target = kobble({ secret: env.KOBBLE_SDK_SECRET!, projectId: env.KOBBLE_PROJECT_ID!, applicationId: env.KOBBLE_CLIENT_ID!, baseUrl: env.KOBBLE_API_URL! });
    const emails: string[] = [];
    const ids = new Set<string>();
    for await (const user of target.users.iterate({ limit: 100 })) {
      emails.push(user.email!);
      ids.add(user.id);
    }
    expect(emails, `seed ${seed}: no duplicates`).toHaveLength(new Set(emails).size);
    const expected = Array.from({ length: USERS - WITHOUT_EMAIL }, (_, i) => `user${i}@example.com`);
    expect(new Set(emails), `seed ${seed}: no one lost`).toEqual(new Set(expected));

    // The id map names each moved user, always the same target user, and only users the target holds.
    const pairs = new Map<string, string>();
    for (const line of (await readFile(files.idMap, "utf8")).split("\n").filter(Boolean)) {
      const { from, to } = JSON.parse(line) as { from: string; to: string };
      if (pairs.has(from)) expect(pairs.get(from), `seed ${seed}: ${from} maps to one target user`).toBe(to);
      pairs.set(from, to);
      expect(ids.has(to)).toBe(true);
    }
    expect(pairs.size).toBe(USERS - WITHOUT_EMAIL);
    expect(new Set(pairs.values()).size).toBe(USERS - WITHOUT_EMAIL);

    // The report: every refused user with its reason, and every moved one with why no password came along.
    const report = (await readFile(files.report, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { id: string; state: string; reason: string });
    const refused = report.filter((r) => r.state === "refused");
    expect(refused).toHaveLength(WITHOUT_EMAIL);
    for (const r of refused) expect(r.reason).toBe("no email address: users.create needs one");
    const moved = report.filter((r) => r.state === "created" || r.state === "matched");
    expect(moved).toHaveLength(USERS - WITHOUT_EMAIL);
    // Matched users too: a user the journal had as `seen` is found by email and finished, not left "as it was".
    for (const r of moved) expect(r.reason).toBe(PROVIDER_EXPORTS_NO_HASH);
    expect(finished!.stdout).toContain(`all runs: created`);
    // Nothing secret reached any output: the keys the CLI was given appear nowhere.
    const journal = await readFile(files.journal, "utf8");
    for (const secret of [env.KOBBLE_SDK_SECRET!, env.KUSTOMER_API_KEY!]) {
      expect(journal).not.toContain(secret);
      expect(finished!.stdout + finished!.stderr).not.toContain(secret);
    }
  }, 170_000);
});
