import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClerkClient } from "@clerk/backend";
import { loadProvider, supports } from "@authmux/core";
import { Client as StytchClient } from "stytch";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { VENDOR_NAMES } from "../src/vendors.js";
import { type EmulatorProcess, runCliToFailure, startCli } from "./helpers/cli-process.js";

const dir = mkdtempSync(join(tmpdir(), "authmux-emulator-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const running: EmulatorProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop("SIGKILL")));
});

/** Writes `content` to a file of the test's folder and returns its path. */
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function cli(args: readonly string[]): Promise<EmulatorProcess> {
  const emulator = await startCli(args);
  running.push(emulator);
  return emulator;
}

const USERS = [
  { email: "ada@example.com", name: "Ada Lovelace", password: "correct horse battery staple", metadata: { plan: "pro" } },
  { email: "grace@example.com", name: "Grace Hopper" },
];

describe("authmux-emulator in its own process, driven by the official SDKs", () => {
  it("clerk: @clerk/backend finds the seeded users, checks a seeded password, and what it creates the adapter reads", async () => {
    const emulator = await cli(["clerk", "--port", "0", "--seed", file("clerk-users.json", JSON.stringify(USERS))]);
    expect(emulator.banner).toContain("# seeded 2 user(s)");
    const { env } = emulator;
    const sdk = createClerkClient({ secretKey: env.CLERK_SECRET_KEY!, apiUrl: env.CLERK_API_URL! });

    const found = await sdk.users.getUserList({ emailAddress: ["ada@example.com"] });
    expect(found.data.map((u) => [u.firstName, u.lastName, u.publicMetadata])).toEqual([["Ada", "Lovelace", { plan: "pro" }]]);
    const ada = found.data[0]!;
    await expect(sdk.users.verifyPassword({ userId: ada.id, password: "correct horse battery staple" })).resolves.toEqual({ verified: true });
    await expect(sdk.users.verifyPassword({ userId: ada.id, password: "wrong" })).rejects.toMatchObject({ status: 422 });

    const created = await sdk.users.createUser({ emailAddress: ["linus@example.com"], firstName: "Linus", skipPasswordRequirement: true });
    const auth = await loadProvider({ env, requires: ["users.read"] });
    expect(await auth.users.getByEmail("linus@example.com")).toMatchObject({ id: created.id, name: "Linus" });
  });

  it("stytch: the SDK signs a seeded user in with the seeded password; the adapter, from the printed env alone, reads the user the SDK made", async () => {
    const emulator = await cli(["stytch", "--port", "0", "--seed", file("stytch-users.json", JSON.stringify(USERS))]);
    const { env } = emulator;
    // The SDK refuses an http:// custom_base_url; its `env` option takes the emulator's URL (the printed hint says so).
    const sdk = new StytchClient({ project_id: env.STYTCH_PROJECT_ID!, secret: env.STYTCH_SECRET!, env: `${emulator.origin}/` });

    const signedIn = await sdk.passwords.authenticate({ email: "ada@example.com", password: "correct horse battery staple" });
    expect(signedIn.user.emails.map((e) => e.email)).toEqual(["ada@example.com"]);
    expect(signedIn.user.name).toMatchObject({ first_name: "Ada", last_name: "Lovelace" });
    await expect(sdk.passwords.authenticate({ email: "ada@example.com", password: "not the password" })).rejects.toMatchObject({ status_code: 401 });

    const made = await sdk.users.create({ email: "linus@example.com" });
    const auth = await loadProvider({ env, requires: ["users.read"] });
    expect(auth.name).toBe("stytch");
    expect(await auth.users.getByEmail("linus@example.com")).toMatchObject({ id: made.user_id, email: "linus@example.com" });
  });
});

describe("--state keeps the fake's state between runs", () => {
  it.each(VENDOR_NAMES)("%s: a user the adapter created is there after SIGINT and a restart, and new ids do not collide", async (vendor) => {
    const state = join(dir, `${vendor}-state.json`);
    const first = await cli([vendor, "--port", "0", "--state", state]);
    const auth = await adapterFor(first);
    const withPassword = supports(auth, "passwords") ? { password: "a long enough passphrase 42" } : {};
    const kept = await auth.users.create({ email: `kept-${vendor}@example.com`, ...withPassword });
    expect(await first.stop("SIGINT")).toBe(0);
    expect(JSON.parse(readFileSync(state, "utf8"))).toMatchObject({ authmuxEmulator: 1, vendor });

    const second = await cli([vendor, "--port", "0", "--state", state]);
    const again = await adapterFor(second);
    expect(await again.users.get(kept.id)).toMatchObject({ id: kept.id, email: `kept-${vendor}@example.com` });
    const next = await again.users.create({ email: `next-${vendor}@example.com`, ...withPassword });
    expect(next.id).not.toBe(kept.id);
  });

  it("the state is saved while running: a process killed outright keeps what the SDK did a few seconds before", async () => {
    const state = join(dir, "periodic-state.json");
    const first = await cli(["stytch", "--port", "0", "--state", state]);
    const sdk = new StytchClient({ project_id: first.env.STYTCH_PROJECT_ID!, secret: first.env.STYTCH_SECRET!, env: `${first.origin}/` });
    const made = await sdk.users.create({ email: "saved@example.com" });
    await expect.poll(() => readFileSync(state, "utf8"), { timeout: 10_000, interval: 200 }).toContain(made.user_id);
    // SIGKILL: no chance to save on exit, so only the periodic save can have kept the user.
    expect(await first.stop("SIGKILL")).toBeNull();

    const second = await cli(["stytch", "--port", "0", "--state", state]);
    const again = new StytchClient({ project_id: second.env.STYTCH_PROJECT_ID!, secret: second.env.STYTCH_SECRET!, env: `${second.origin}/` });
    expect((await again.users.get({ user_id: made.user_id })).emails.map((e) => e.email)).toEqual(["saved@example.com"]);
  });

  it("seeding with a saved state creates only the users it does not hold yet", async () => {
    const state = join(dir, "seeded-state.json");
    const seed = file("seeded-users.json", JSON.stringify(USERS));
    const first = await cli(["stytch", "--port", "0", "--seed", seed, "--state", state]);
    expect(first.banner).toContain("# seeded 2 user(s)\n");
    expect(await first.stop("SIGTERM")).toBe(0);

    const second = await cli(["stytch", "--port", "0", "--seed", seed, "--state", state]);
    expect(second.banner).toContain("# seeded 0 user(s), 2 already in the saved state");
    const sdk = new StytchClient({ project_id: second.env.STYTCH_PROJECT_ID!, secret: second.env.STYTCH_SECRET!, env: `${second.origin}/` });
    const found = await sdk.users.search({ query: { operator: "AND", operands: [{ filter_name: "email_address", filter_value: ["ada@example.com"] }] } });
    expect(found.results).toHaveLength(1);
  });
});

describe("bad arguments: one line on stderr, exit code 2, no stack", () => {
  const kobbleState = () => file("kobble-owned.json", JSON.stringify({ authmuxEmulator: 1, vendor: "kobble", savedAt: "", state: {} }));
  it.each([
    ["no vendor", () => [], "missing the vendor"],
    ["an unknown vendor", () => ["okta"], 'unknown vendor "okta"'],
    ["a port that is not a number", () => ["clerk", "--port", "abc"], "--port must be a port number"],
    ["a port out of range", () => ["clerk", "--port", "70000"], "--port must be a port number"],
    ["--port without a value", () => ["clerk", "--port"], "--port"],
    ["an unknown option", () => ["clerk", "--verbose"], "Unknown option `--verbose`"],
    ["a seed file that does not exist", () => ["clerk", "--seed", join(dir, "none.json")], "cannot read the file (ENOENT)"],
    ["a seed file that is not JSON", () => ["clerk", "--seed", file("broken.json", "[{")], "not valid JSON"],
    ["a seed entry without an email", () => ["clerk", "--seed", file("no-email.json", '[{"name":"X"}]')], "entry 1: email must be an email address"],
    ["a seed entry with an unknown field", () => ["clerk", "--seed", file("extra.json", '[{"email":"a@b.co","role":"admin"}]')], 'entry 1: unknown field "role"'],
    ["a password for a vendor whose users have none", () => ["kobble", "--seed", file("kobble-pw.json", '[{"email":"a@b.co","password":"hunter22hunter22"}]')], "kobble users have no password"],
    ["a state file of another vendor", () => ["stytch", "--state", kobbleState()], "holds the kobble fake's state, not stytch's"],
    ["a state file that is not the emulator's", () => ["stytch", "--state", file("foreign-state.json", '{"users":[]}')], "not an authmux emulator state file"],
  ])("%s", async (_, args, message) => {
    // A free port unless the case is about --port, so a run that wrongly starts cannot collide with anything.
    const given = args();
    const { code, stdout, stderr } = await runCliToFailure(given.includes("--port") ? given : [...given, "--port", "0"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain("hunter22");
  });

  it("a busy port: one line naming --port", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const { code, stderr } = await runCliToFailure(["clerk", "--port", String(port)]);
      expect(code).toBe(2);
      expect(stderr).toBe(`authmux-emulator: port ${port} on 127.0.0.1 is in use: choose another with --port\n`);
    } finally {
      blocker.close();
    }
  });
});

/** The authmux adapter from the printed environment alone. */
function adapterFor(emulator: EmulatorProcess) {
  return loadProvider({ env: emulator.env, requires: ["users.create", "users.read"] });
}
