import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { supports } from "@authmux/core";
import { serveFake } from "@authmux/emulator";
import { createKobbleFake } from "@authmux/kobble/testing";
import { describe, expect, it } from "vitest";
import { type Difference, migrateUsers, providerSource, verifyMigration } from "../src/index.js";
import { clerkCsvFileSource } from "../src/node/index.js";
import { runInProcess as cli } from "./support/run-cli.js";
import { memorySinks, wire } from "./fakes.js";

const BCRYPT = "$2a$10$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm";

async function clerkExport(): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "authmux-verify-")), "export.csv");
  await writeFile(
    path,
    [
      "id,first_name,last_name,username,primary_email_address,password_digest,password_hasher",
      `user_1,Ada,Lovelace,,ada@example.com,${BCRYPT},bcrypt`,
      "user_2,Grace,Hopper,,grace@example.com,,",
      "user_3,Alan,Turing,,alan@example.com,,",
      "user_4,No,Email,,,,",
    ].join("\n"),
  );
  return path;
}

describe("verifyMigration", () => {
  it("finds nothing to say after a clean run but the refused user; then names each difference the target grew", async () => {
    const csv = await clerkExport();
    const target = wire("clerk");
    const { journal, idMap } = memorySinks();
    await migrateUsers({ source: clerkCsvFileSource(csv), target: target.provider, journal, idMap });
    const map = new Map(idMap.pairs.map((p) => [p.from, p.to]));
    const provider = target.provider;
    if (!supports(provider, "users.update") || !supports(provider, "users.delete")) throw new Error("Clerk updates and deletes users");

    const first: Difference[] = [];
    const clean = await verifyMigration({ source: clerkCsvFileSource(csv), target: provider, idMap: map, onDifference: (d) => first.push(d) });
    expect(first).toEqual([{ id: "user_4", to: null, field: "presence", detail: expect.stringContaining("not in the id map") }]);
    expect(clean).toMatchObject({ sourceUsers: 4, targetUsers: 3, missing: 1, differing: 0 });
    // Clerk says `password_enabled` once the bcrypt digest was imported.
    expect(clean).toMatchObject({ passwordsAtTarget: 1, passwordUnknown: 0 });

    await provider.users.update(map.get("user_2")!, { name: "Grace Brewster Hopper" });
    await provider.users.delete(map.get("user_3")!);
    const later: Difference[] = [];
    const changed = await verifyMigration({ source: clerkCsvFileSource(csv), target: provider, idMap: map, onDifference: (d) => later.push(d) });
    expect(changed).toMatchObject({ missing: 2, differing: 1, targetUsers: 2 });
    expect(later).toEqual(
      expect.arrayContaining([
        { id: "user_2", to: map.get("user_2"), field: "name", detail: '"Grace Hopper" at the source, "Grace Brewster Hopper" at the target' },
        { id: "user_3", to: map.get("user_3"), field: "presence", detail: "the id map names a user the target does not hold" },
      ]),
    );
  });
});

describe("authmux migrate verify", () => {
  it("exits 0 when source and target agree, 1 with the differences printed when they do not", async () => {
    const served = await serveFake((origin) => createKobbleFake({ baseUrl: origin }));
    try {
      const o = served.fake.options;
      const env = { KOBBLE_SDK_SECRET: o.secret, KOBBLE_PROJECT_ID: o.projectId, KOBBLE_CLIENT_ID: o.applicationId, KOBBLE_API_URL: served.origin };
      const d = await mkdtemp(join(tmpdir(), "authmux-verify-cli-"));
      const users = join(d, "users.ndjson");
      await writeFile(users, ['{"id":"a","email":"a@example.com","name":"Ada","metadata":{"plan":"pro"}}', '{"id":"b","email":"b@example.com","name":"Bob"}'].join("\n"));
      const files = ["--journal", join(d, "j.ndjson"), "--id-map", join(d, "m.ndjson"), "--report", join(d, "r.ndjson")];
      expect((await cli(["migrate", "--from", `ndjson:${users}`, "--to", "kobble", "--rate", "0", ...files], env)).code).toBe(0);

      const agree = await cli(["migrate", "verify", "--from", `ndjson:${users}`, "--to", "kobble", "--id-map", join(d, "m.ndjson"), "--rate", "0"], env);
      expect(agree.code, agree.stderr).toBe(0);
      expect(agree.stdout).toMatch(/differences\s+0/);

      await writeFile(users, ['{"id":"a","email":"a@example.com","name":"Ada","metadata":{"plan":"team"}}', '{"id":"b","email":"b@example.com","name":"Bob"}', '{"id":"c","email":"c@example.com"}'].join("\n"));
      const differ = await cli(["migrate", "verify", "--from", `ndjson:${users}`, "--to", "kobble", "--id-map", join(d, "m.ndjson"), "--rate", "0"], env);
      expect(differ.code).toBe(1);
      expect(differ.stdout).toMatch(/^a → \S+ {2}metadata: metadata keys differ: plan$/m);
      expect(differ.stdout).toMatch(/^c {2}presence: not in the id map/m);
      expect(differ.stdout).toMatch(/differences\s+2/);
    } finally {
      await served.close();
    }
  });

  it("a provider source that says a user had a password (Clerk's password_enabled) makes verify name the user who lost it", async () => {
    const source = wire("clerk");
    const target = wire("stytch");
    const from = source.provider;
    if (!supports(from, "users.list")) throw new Error("Clerk lists its users");
    await source.controls.seedUser({ email: "grace@example.com", name: "Grace Hopper", password: "correct horse battery staple" });
    await source.controls.seedUser({ email: "ada@example.com", name: "Ada Lovelace" });
    const { journal, idMap } = memorySinks();
    await migrateUsers({ source: providerSource(from), target: target.provider, journal, idMap });
    const map = new Map(idMap.pairs.map((p) => [p.from, p.to]));
    const found: Difference[] = [];
    const summary = await verifyMigration({ source: providerSource(from), target: target.provider, idMap: map, onDifference: (d) => found.push(d) });
    const grace = (await source.controls.peekUser({ email: "grace@example.com" }))!.id;
    expect(found).toEqual([{ id: grace, to: map.get(grace), field: "password", detail: "had a password at the source; cannot sign in with a password at the target" }]);
    expect(summary).toMatchObject({ sourceUsers: 2, differing: 1, passwordsAtTarget: 0 });
  });
});
