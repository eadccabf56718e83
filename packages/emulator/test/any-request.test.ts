import { clerk } from "@authmux/clerk";
import { connectycube } from "@authmux/connectycube";
import type { FetchLike } from "@authmux/core";
import { kobble } from "@authmux/kobble";
import { kustomer } from "@authmux/kustomer";
import { stytch } from "@authmux/stytch";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VENDORS, type VendorName } from "../src/index.js";

// An emulator is a local stand-in for the vendor: whatever an app (or a fuzzer) sends to an operation it serves,
// the fake answers as the vendor would — a vendor-shaped JSON error, never a crash, never a 5xx of its own.
// Requests carry the credentials the adapter itself sends, so they get past the vendor's auth to the parameter
// checks and the handlers; bodies mix every route's real field names with hostile keys (`__proto__`, `constructor`).

const ADAPTERS: Record<VendorName, (options: never) => { users: { get(id: string): Promise<unknown> } }> = { clerk, stytch, kobble, connectycube, kustomer };
const HOSTILE = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
const FIELDS = [
  "email", "name", "password", "user_id", "metadata", "public_metadata", "private_metadata", "trusted_metadata", "untrusted_metadata", "user", "login",
  "custom", "emails", "phones", "externalId", "external_id", "session_token", "session_jwt", "token", "query", "limit", "offset", "cursor", "email_address",
  "phone_number", "phoneNumber", "quotaName", "usage", "id", "application_id", "nonce", "timestamp", "signature", "and", "or", "sort", "queryContext",
  "expires_in_seconds", "session_duration_minutes", "password_hasher", "password_digest", "hash_type", "hash", "first_name", "attributes", "page", "pageSize",
  "userId", "amount", "redirectUrl", "full_name", "tag_list", "old_password", "provider", "session_custom_claims", "create_user_as_pending", "includeDeleted",
];
const key = fc.oneof({ arbitrary: fc.constantFrom(...FIELDS), weight: 6 }, fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 }));
const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(key, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }));
const RUNS = Number(process.env.AUTHMUX_FUZZ_RUNS ?? 1500);

describe("a served fake answers any request to its operations in its vendor's shape", () => {
  it.each(Object.keys(VENDORS) as VendorName[])("%s", async (vendor) => {
    const fake = VENDORS[vendor].create("http://127.0.0.1:4010") as ReturnType<typeof VENDORS.clerk.create> & { handle(request: Request): Promise<Response>; operations: readonly string[] };
    // The clock moves a minute every 500 requests, so that no vendor's rate window (Kustomer's: 1000 a minute) refuses the rest.
    let [now, count] = [Date.UTC(2026, 0, 1), 0];
    (fake.controls as unknown as { setClock(ms: number): void }).setClock(now);
    const { id } = await fake.controls.seedUser({ email: "any@example.com", name: "Any Body", password: "a long enough passphrase 42" });
    // The adapter's own credentials, as it sent them to read that user.
    let credentials: Record<string, string> = {};
    const recording: FetchLike = (input, init) => {
      const request = new Request(input, init);
      credentials = Object.fromEntries([...request.headers].filter(([name]) => name !== "content-length"));
      return fake.fetch(request);
    };
    await ADAPTERS[vendor]({ ...fake.adapterOptions, fetch: recording } as never).users.get(id);
    const root = String((fake.adapterOptions as { baseUrl: string }).baseUrl).replace(/\/$/, "");
    // Ending the session the requests carry would leave the rest unauthenticated: those two are tested elsewhere.
    const operations = fake.operations.filter((op) => op !== "DELETE /session" && op !== "DELETE /login");
    const statuses = new Map<number, number>();
    const wrong: string[] = [];

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.constantFrom(id, "constructor", "__proto__", "x", "%E0%A4%A", "0"),
        fc.dictionary(key, value, { maxKeys: 2 }),
        fc.array(fc.tuple(key, fc.string({ maxLength: 5 })), { maxLength: 3 }),
        async (operation, param, body, query) => {
          if (++count % 500 === 0) (fake.controls as unknown as { setClock(ms: number): void }).setClock((now += 61_000));
          const [method, path] = operation.split(" ") as [string, string];
          const url = new URL(root + path.replace(/:\w+/g, param));
          for (const [name, v] of query) url.searchParams.append(name, v);
          const request = new Request(url, { method, headers: { ...credentials, "content-type": "application/json" }, ...(method === "GET" ? {} : { body: JSON.stringify(body) }) });
          const sent = `${method} ${url.pathname}${url.search} ${method === "GET" ? "" : JSON.stringify(body)}`;
          const response = await fake.handle(request).catch((error: unknown) => `threw ${String(error)}`);
          if (typeof response === "string") return void wrong.push(`${sent} → ${response}`);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500 && response.status !== 501) wrong.push(`${sent} → ${response.status}`);
          const text = await response.text();
          if (response.status >= 400 && !isJson(text)) wrong.push(`${sent} → ${response.status} not JSON: ${text.slice(0, 80)}`);
        },
      ),
      { numRuns: RUNS },
    );
    expect(wrong.slice(0, 5)).toEqual([]);
    // The premise: the requests got past auth and the parameter checks to the handlers, and were refused variously.
    const ok = [...statuses].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0);
    expect(ok, JSON.stringify([...statuses])).toBeGreaterThan(RUNS / 100);
    expect(statuses.size).toBeGreaterThanOrEqual(3);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
