import { loadProvider, supports } from "@authmux/core";
import { afterEach, describe, expect, it } from "vitest";
import { type Emulator, formatEnvironment, startEmulator, UsageError, VENDOR_NAMES } from "../src/index.js";

const running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(vendor: string): Promise<Emulator> {
  const emulator = await startEmulator({ vendor, port: 0 });
  running.push(emulator);
  return emulator;
}

/** The variables of the printed environment, as an app's process would have them. */
const variables = (emulator: Emulator) => Object.fromEntries(emulator.env.flatMap((line) => ("name" in line ? [[line.name, line.value]] : [])));

describe("the environment the emulator prints points the authmux adapter at it", () => {
  it.each(VENDOR_NAMES)("%s: loadProvider from that environment alone creates and reads a user on the served fake", async (vendor) => {
    const emulator = await start(vendor);
    const env = variables(emulator);
    expect(env.AUTHMUX_PROVIDER).toBe(vendor);
    const auth = await loadProvider({ env, requires: ["users.create", "users.read"] });
    // A password only where the vendor's users have one (ConnectyCube's signup needs it).
    const password = supports(auth, "passwords") ? { password: "a long enough passphrase 42" } : {};
    const created = await auth.users.create({ email: `env-${vendor}@example.com`, ...password });
    // Read back from the fake's own state: the user reached the served fake, not some other instance.
    expect(await emulator.fake.controls.peekUser({ email: `env-${vendor}@example.com` })).toMatchObject({ id: created.id });
    expect((await auth.users.get(created.id))?.email).toBe(`env-${vendor}@example.com`);
  });

  it("the env names the origin it listens at, and holds only the fake's own test keys", async () => {
    const emulator = await start("stytch");
    const text = formatEnvironment(emulator.env);
    expect(text).toContain(`STYTCH_BASE_URL=${emulator.origin}\n`);
    expect(text).toContain("STYTCH_SECRET=secret-test-");
    expect(text).toMatch(/^# stytch: new Client\(.*env: "http:\/\/127\.0\.0\.1:\d+\/"/m);
  });

  it("Clerk: CLERK_API_URL is the origin, as the adapter and Clerk's SDKs both read it", async () => {
    const emulator = await start("CLERK");
    const env = variables(emulator);
    expect(env.CLERK_API_URL).toBe(emulator.origin);
    expect(env.CLERK_SECRET_KEY).toMatch(/^sk_test_/);
    expect(formatEnvironment(emulator.env).match(/^CLERK_API_URL=/gm), "printed once").toHaveLength(1);
  });

  it("an unknown vendor is a UsageError listing the served ones", async () => {
    await expect(startEmulator({ vendor: "okta", port: 0 })).rejects.toThrow(new UsageError('unknown vendor "okta": expected one of clerk, stytch, kobble, connectycube, kustomer'));
  });
});

describe("requests the Fetch API cannot represent", () => {
  it("a TRACE method or a Host that is no URL host is a 400 from the emulator, not a 500", async () => {
    const emulator = await start("clerk");
    const { request } = await import("node:http");
    const send = (method: string, host?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${emulator.origin}/v1/users`, { method, ...(host ? { headers: { host } } : {}) }, (res) => (res.resume(), resolve(res.statusCode ?? 0)));
        req.on("error", reject).end();
      });
    expect([await send("TRACE"), await send("GET", "a b"), await send("GET")]).toEqual([400, 400, 401]);
  });
});
