import { isAuthmuxError } from "@authmux/core";
import { describe, expect, it } from "vitest";
import { stytch } from "../src/index.js";
import { setup } from "./helpers.js";

// The vendor methods, called as plain JavaScript may call them: loosely typed.
type Loose = Record<string, Record<string, (...args: unknown[]) => unknown>>;
const EMAIL = "v@example.com";

/** What a call threw or rejected with (a call that succeeds fails the test). */
async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to be refused");
}

describe("vendor methods check their input before any request", () => {
  const bad: [string, string, unknown[]][] = [
    ["passwords", "create", [null]],
    ["passwords", "create", [{ email: EMAIL, password: "x".repeat(300) }]],
    ["passwords", "create", [{ email: EMAIL, password: "long enough", sessionDurationMinutes: 1.5 }]],
    ["passwords", "migrate", [{ email: EMAIL, hash: "h", hashType: "md5" }]],
    ["passwords", "migrate", [{ email: EMAIL, hash: "h", hashType: "md_5", md_5_config: "salt" }]],
    ["passwords", "migrate", [{ email: EMAIL, hash: "h", hashType: "bcrypt", trusted_metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }]],
    ["passwords", "migrate", [{ email: EMAIL, hash: "h", hashType: "bcrypt", untrusted_metadata: { big: "x".repeat(5000) } }]],
    ["passwords", "migrate", [{ email: EMAIL, hash: "h", hashType: "bcrypt", external_id: "bad id!" }]],
    ["passwords", "migrate", [{ email: EMAIL, hash: "h", hashType: "bcrypt", name: 10n }]],
    ["passwords", "strengthCheck", [5]],
    ["passwords", "strengthCheck", [{ password: "" }]],
    ["passwords", "resetStart", [{ email: EMAIL, resetPasswordRedirectUrl: "javascript:alert(1)" }]],
    ["passwords", "resetStart", [{ email: EMAIL, expirationMinutes: 4 }]],
    ["passwords", "reset", [{ token: "", password: "long enough" }]],
    ["magicLinks", "sendEmail", [{ email: EMAIL, loginExpirationMinutes: 10081 }]],
    ["magicLinks", "sendEmail", [{ email: EMAIL, loginMagicLinkUrl: 5 }]],
    ["magicLinks", "authenticate", [null]],
    ["magicLinks", "authenticate", [{ token: 5 }]],
    ["otps", "sendSms", [{ phoneNumber: "123" }]],
    ["otps", "sendSms", [{ phoneNumber: "+15551234567", expirationMinutes: 11 }]],
    ["otps", "sendEmail", [{ email: EMAIL, expirationMinutes: 0 }]],
    ["otps", "authenticate", [{ methodId: "a/b", code: "123456" }]],
    ["otps", "authenticate", [{ methodId: "phone-number-1", code: "12345" }]],
    ["oauth", "authenticate", [[]]],
    ["oauth", "startUrl", ["google", null]],
    ["oauth", "startUrl", [undefined, { publicToken: "public-token-test-1" }]],
    ["oauth", "startUrl", ["google", { publicToken: "public-token-test-1", loginRedirectUrl: "ftp://example.com" }]],
    ["totps", "create", [{ userId: ".." }]],
    ["totps", "create", [{ userId: "user-1", expirationMinutes: 1441 }]],
    ["totps", "authenticate", [{ userId: "user-1", code: 123456 }]],
  ];
  for (const [group, method, args] of bad) {
    it(`${group}.${method}(${args.map((a) => (typeof a === "bigint" ? `${a}n` : JSON.stringify(a, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)))).join(", ")})`, async () => {
      const { fake, auth } = setup();
      const vendor = auth.vendor as unknown as Loose;
      const error = await thrown(() => vendor[group]![method]!(...args));
      expect(isAuthmuxError(error) ? error.code : error).toBe("invalid_input");
      expect(fake.requests).toHaveLength(0);
    });
  }

  it("getByExternalId refuses what is not an external id", async () => {
    const { fake, auth } = setup();
    for (const value of [undefined, "", "a/b", "x".repeat(129)]) {
      expect(await thrown(() => auth.vendor.getByExternalId(value as string))).toMatchObject({ code: "invalid_input" });
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe("what the caller passes to a vendor method never reaches an error", () => {
  // A Stytch that answers every request with an error quoting the whole request back.
  const echo = async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const said = `you sent ${request.method} ${request.url} ${await request.text()}`;
    return Response.json({ status_code: 400, request_id: "request-echo", error_type: said, error_message: said }, { status: 400 });
  };
  const SECRET = "Sup3rSecretValue0123456789";
  const CODE = "824613";
  const calls: [string, (vendor: ReturnType<typeof stytch>["vendor"]) => Promise<unknown>, string[]][] = [
    ["passwords.create", (v) => v.passwords.create({ email: EMAIL, password: SECRET }), [SECRET]],
    ["passwords.migrate", (v) => v.passwords.migrate({ email: EMAIL, hash: SECRET, hashType: "bcrypt" }), [SECRET]],
    ["passwords.strengthCheck", (v) => v.passwords.strengthCheck({ password: SECRET }), [SECRET]],
    ["passwords.reset", (v) => v.passwords.reset({ token: `${SECRET}T`, password: SECRET }), [`${SECRET}T`, SECRET]],
    ["magicLinks.authenticate", (v) => v.magicLinks.authenticate({ token: SECRET }), [SECRET]],
    ["otps.authenticate", (v) => v.otps.authenticate({ methodId: "phone-number-test-1", code: CODE }), [CODE]],
    ["oauth.authenticate", (v) => v.oauth.authenticate({ token: SECRET }), [SECRET]],
    ["totps.authenticate", (v) => v.totps.authenticate({ userId: "user-test-1", code: CODE }), [CODE]],
  ];
  for (const [name, call, secrets] of calls) {
    it(name, async () => {
      const { fake } = setup();
      const error = await thrown(() => call(stytch({ ...fake.adapterOptions, fetch: echo }).vendor));
      expect(error).toMatchObject({ code: "provider_error" });
      const views = `${String(error)} ${JSON.stringify(error)} ${JSON.stringify((error as { cause?: unknown }).cause)}`;
      expect(views).toContain("you sent");
      for (const secret of secrets) expect(views).not.toContain(secret);
    });
  }
});
