import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { supports } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { migrateUsers } from "../src/index.js";
import { clerkCsvFileSource } from "../src/node/index.js";
import { memorySinks, wire } from "./fakes.js";

const PASSWORD = "correct horse battery staple";
/** bcrypt (cost 10) of {@link PASSWORD}, made once with hash-wasm: the vector core's conformance suite imports too. */
const BCRYPT = "$2a$10$WVTyYEzzcAz0XULyZ1Grau.T7v7PLNtorNBzw52QPV3dIa7icMlhm";

async function clerkExport(): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "authmux-signin-")), "export.csv");
  await writeFile(path, ["id,first_name,last_name,username,primary_email_address,password_digest,password_hasher", `user_bcrypt1,Ada,Lovelace,,ada@example.com,${BCRYPT},bcrypt`].join("\n"));
  return path;
}

describe.each(["stytch", "clerk"] as const)("a bcrypt user from a Clerk CSV export → %s", (to) => {
  it("signs in at the target with the password it had", async () => {
    const target = wire(to);
    const { journal, idMap } = memorySinks();
    const summary = await migrateUsers({ source: clerkCsvFileSource(await clerkExport()), target: target.provider, journal, idMap });
    expect(summary).toMatchObject({ created: 1, refused: 0, failed: 0 });
    const [pair] = idMap.pairs;
    const provider = target.provider;
    expect(supports(provider, "passwords.import")).toBe(true);
    if (!supports(provider, "passwords")) throw new Error(`${to} signs users in with a password`);
    expect(summary).toMatchObject({ passwordsImported: 1, withoutPassword: 0 });
    const result = await provider.passwords.authenticate({ email: "ada@example.com", password: PASSWORD });
    expect(result.user.id).toBe(pair!.to);
    await expect(provider.passwords.authenticate({ email: "ada@example.com", password: `${PASSWORD}!` })).rejects.toMatchObject({ code: "invalid_credentials" });
    // The journal holds ids and states, never the digest.
    expect(JSON.stringify(journal.entries)).not.toContain(BCRYPT.slice(7));
  });
});
