import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Capability } from "../capabilities/names.js";
import type { AnyProvider } from "../capabilities/provider.js";
import type { FetchLike } from "../config/common-options.js";
import { isAuthmuxError } from "../errors/authmux-error.js";
import type { ErrorCode } from "../errors/codes.js";
import type { Quota, Session, User, WebhookEvent, WebhookEventType } from "../types/neutral.js";
import { T0 } from "./context.js";
import type { ConformanceControls, ConformanceSetup } from "./harness.js";
import { expectEventShape, expectQuotaShape, expectSessionShape, expectUserShape } from "./shapes.js";

/**
 * Options of {@link runFuzz}: an adapter and its vendor's fake (`{ adapter: clerk, fake: createClerkFake }`), or
 * for a provider without a wire (the mock), `setup` and `withFetch`.
 */
export type FuzzOptions<P extends AnyProvider> = FuzzCommon & (FuzzWiring<P> | FuzzAdapterAndFake);

/** How {@link runFuzz} builds a provider by hand. */
export interface FuzzWiring<P extends AnyProvider> {
  /** A fresh provider wired to a fresh fake, as for `runConformance`. */
  setup(): ConformanceSetup<P> | Promise<ConformanceSetup<P>>;
  /**
   * The same adapter with another `fetch` (e.g. `(fetch) => clerk({ ...fake.adapterOptions, fetch })`): the
   * redaction property points it at a vendor that echoes every request back in its error.
   */
  withFetch(fetch: FetchLike): AnyProvider;
  /**
   * The same adapter on a fresh fake whose `fetch` passes through `wrap`, for the properties that corrupt the
   * vendor's answers. Without it (the mock has no wire) they do not run.
   */
  through?(wrap: (fetch: FetchLike) => FetchLike): ConformanceSetup | Promise<ConformanceSetup>;
}

/** An adapter and its vendor's fake: {@link runFuzz} wires each case's provider itself (`retry: { limit: 0 }`). */
export interface FuzzAdapterAndFake {
  /** The vendor factory (`clerk`); a method, so that a factory of its own options type fits. */
  adapter(options: object): AnyProvider;
  /** A fresh fake (`createClerkFake`, or `() => createStytchFake({ loginRedirectUrl })`). */
  fake(): {
    /** What the adapter needs to talk to it. */
    readonly adapterOptions: object;
    /** Its `fetch`. */
    readonly fetch: FetchLike;
    /** Its controls. */
    readonly controls: ConformanceControls;
  };
}

/** What every {@link runFuzz} run takes. */
export interface FuzzCommon {
  /** Shown in the test names. */
  name: string;
  /** Facts the valid cases need; defaults suit the mock. */
  fixtures?: {
    /** The largest `limit` `users.list` accepts; default 100. */
    maxListLimit?: number;
    /** Metadata keys the vendor stores (Kustomer: its custom attributes' names); default random names. */
    metadataKeys?: readonly string[];
    /** Quota names every seeded user has; default `requests`. */
    quotaNames?: readonly string[];
    /** A webhook event type the fake signs (`signWebhook`), for the corrupted-payload property; default `user.created`. */
    webhookType?: WebhookEventType;
    /** A login-link lifetime the vendor accepts, or null when it fixes lifetimes itself; default 900. */
    loginLinkTtlSec?: number | null;
  };
  /** Runs per property; default 20 (`AUTHMUX_FUZZ_RUNS` overrides it, e.g. 1000 for a long run). */
  runs?: number;
}

type Call = (auth: Loose, ctx: Ctx) => Promise<unknown>;
type Loose = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;
interface Ctx {
  userId: string;
  email: string;
}
/** One argument of one method: values it must refuse, and how to call the method with one of them. */
interface Slot {
  capability: Capability;
  method: string;
  argument: string;
  bad: fc.Arbitrary<unknown>;
  call: (value: unknown) => Call;
  /** Codes a refusal may carry; default `invalid_input`. */
  codes?: readonly ErrorCode[];
}

const deep = (levels: number) => {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
};
const cyclic = () => {
  const value: Record<string, unknown> = { a: 1 };
  value.self = value;
  return value;
};

/** Values no argument of a type can be: wrong types, non-finite numbers. */
const wrongTypes = fc.constantFrom<unknown>(undefined, null, 0, 5, -1, Number.NaN, Number.POSITIVE_INFINITY, true, {}, [], [1], () => 1, 10n, Symbol("x"), new Date(0));
/** Strings no id can be: empty, blank, dot segments, path and control characters, 10 KB. */
const badIdStrings = fc.oneof(
  fc.constantFrom("", " ", "  ", ".", "..", "%2e%2e", "%2E", "a/b", "../admin", "a?b", "a#b", "a%2Fb", "a\\b", "a b", " a", "a ", "a\u0000b", "a\nb", "\t"),
  fc.string({ minLength: 1, maxLength: 8 }).map((s) => `${s}/${s}`),
  fc.string({ minLength: 1, maxLength: 8 }).map((s) => ` ${s}`),
  fc.constant("x".repeat(10_000)),
);
const badIds = fc.oneof(wrongTypes.filter((v) => typeof v !== "string"), badIdStrings);
const badEmails = fc.oneof(
  wrongTypes,
  fc.constantFrom("", " ", "nope", "a@", "@b.c", "a@b", "a b@c.d", `${"x".repeat(10_000)}@example.com`, "a b@c/d?e#f"),
  fc.string({ maxLength: 12 }).filter((s) => !s.includes("@")),
);
const badAmounts = fc.constantFrom<unknown>(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1", null, {}, 2 ** 60);
const badMetadata = fc.constantFrom<unknown>(
  null,
  undefined,
  [],
  "x",
  5,
  { when: new Date(0) },
  { n: Number.NaN },
  { i: Number.POSITIVE_INFINITY },
  { f: () => 1 },
  { b: 10n },
  deep(100),
  deep(100_000),
  { big: "x".repeat(100 * 1024) },
  JSON.parse('{"__proto__": {"admin": true}}'),
  new Map(),
);
const badMetadataWithCycle = fc.oneof(badMetadata, fc.constant(null).map(() => cyclic()));
const badListOptions = (maxListLimit: number) => fc.constantFrom<unknown>(
  "x",
  5,
  { limit: 0 },
  { limit: -1 },
  { limit: 1.5 },
  { limit: Number.NaN },
  { limit: Number.POSITIVE_INFINITY },
  { limit: "10" },
  { limit: maxListLimit + 1 },
  { cursor: "" },
  { cursor: 5 },
  { cursor: {} },
);

/** Every argument of every neutral method, with what it must refuse. */
function slots(maxListLimit: number): Slot[] {
  const id = (capability: Capability, method: string, call: (v: unknown) => Call): Slot => ({ capability, method, argument: "id", bad: badIds, call });
  return [
    id("users.read", "get", (v) => (a) => a.users!.get!(v)),
    { capability: "users.read", method: "getByEmail", argument: "email", bad: badEmails, call: (v) => (a) => a.users!.getByEmail!(v) },
    { capability: "users.list", method: "list", argument: "options", bad: badListOptions(maxListLimit), call: (v) => (a) => a.users!.list!(v) },
    {
      capability: "users.create",
      method: "create",
      argument: "input",
      bad: fc.oneof(
        wrongTypes,
        badEmails.map((email) => ({ email })),
        fc.constantFrom<unknown>({ name: 5 }, { name: "" }, { name: "   " }, { name: {} }, { phone: "123" }, { phone: 5 }, { password: "" }, { password: 5 }, { name: "x".repeat(10_000) }, { nmae: "Ada" }, { metdata: {} }, { emailVerified: true }).map((extra) => ({ email: "fuzz.create@example.com", ...(extra as object) })),
        badMetadataWithCycle.filter((m) => m !== undefined).map((metadata) => ({ email: "fuzz.meta@example.com", metadata })),
      ),
      call: (v) => (a) => a.users!.create!(v),
    },
    id("users.update", "update", (v) => (a) => a.users!.update!(v, { name: "Fuzz" })),
    {
      capability: "users.update",
      method: "update",
      argument: "patch",
      bad: fc.oneof(wrongTypes.filter((v) => v !== undefined), fc.constantFrom<unknown>({ email: "bad" }, { email: 5 }, { name: 5 }, { name: "" }, { phone: "x" }, { phone: 5 }, {}, { nmae: "Fuzz" }, { name: "Fuzz", metadata: {} })),
      call: (v) => (a, c) => a.users!.update!(c.userId, v),
    },
    id("users.delete", "delete", (v) => (a) => a.users!.delete!(v)),
    id("users.metadata", "replaceMetadata", (v) => (a) => a.users!.replaceMetadata!(v, { k: "v" })),
    id("users.metadata", "patchMetadata", (v) => (a) => a.users!.patchMetadata!(v, { k: "v" })),
    { capability: "users.metadata", method: "replaceMetadata", argument: "data", bad: badMetadataWithCycle, call: (v) => (a, c) => a.users!.replaceMetadata!(c.userId, v) },
    { capability: "users.metadata", method: "patchMetadata", argument: "partial", bad: badMetadataWithCycle, call: (v) => (a, c) => a.users!.patchMetadata!(c.userId, v) },
    {
      capability: "tokens.verify",
      method: "verify",
      argument: "token",
      bad: fc.oneof(wrongTypes, fc.constantFrom("", " ", `eyJ${"A".repeat(200_000)}`)),
      call: (v) => (a) => a.tokens!.verify!(v),
      codes: ["token_invalid", "invalid_input"],
    },
    id("tokens.issue", "issue", (v) => (a) => a.tokens!.issue!(v)),
    {
      capability: "tokens.issue",
      method: "issue",
      argument: "options",
      bad: fc.constantFrom<unknown>(null, "x", 5, { expiresInSeconds: -1 }, { expiresInSeconds: 0 }, { expiresInSeconds: 1.5 }, { expiresInSeconds: Number.NaN }, { claims: [] }, { claims: { d: new Date(0) } }, { claims: { b: 10n } }, { claims: deep(100) }),
      call: (v) => (a, c) => a.tokens!.issue!(c.userId, v),
    },
    {
      capability: "sessions.authenticate",
      method: "authenticate",
      argument: "token",
      bad: fc.oneof(wrongTypes, fc.constantFrom("", " ", `eyJ${"A".repeat(200_000)}`)),
      call: (v) => (a) => a.sessions!.authenticate!(v),
      codes: ["token_invalid", "session_invalid", "invalid_input"],
    },
    id("sessions.list", "list", (v) => (a) => a.sessions!.list!(v)),
    id("sessions.revoke", "revoke", (v) => (a) => a.sessions!.revoke!(v)),
    ...(["list", "get", "hasRemaining", "increment", "decrement", "set"] as const).map((m) => id("quotas", m, (v) => (a) => a.quotas![m]!(v, "requests", ...(m === "set" ? [1] : [])))),
    ...(["get", "increment", "decrement", "set"] as const).map(
      (m): Slot => ({ capability: "quotas", method: m, argument: "name", bad: fc.oneof(wrongTypes.filter((v) => !Array.isArray(v)), fc.constantFrom("")), call: (v) => (a, c) => a.quotas![m]!(c.userId, v, ...(m === "set" ? [1] : [])) }),
    ),
    { capability: "quotas", method: "hasRemaining", argument: "names", bad: fc.constantFrom<unknown>(5, null, {}, "", [], [5], [""], [null]), call: (v) => (a, c) => a.quotas!.hasRemaining!(c.userId, v) },
    ...(["increment", "decrement"] as const).map((m): Slot => ({ capability: "quotas", method: m, argument: "by", bad: badAmounts, call: (v) => (a, c) => a.quotas![m]!(c.userId, "requests", v) })),
    { capability: "quotas", method: "set", argument: "used", bad: fc.constantFrom<unknown>(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1", null, {}, 2 ** 60), call: (v) => (a, c) => a.quotas!.set!(c.userId, "requests", v) },
    id("permissions", "list", (v) => (a) => a.permissions!.list!(v)),
    id("permissions", "has", (v) => (a) => a.permissions!.has!(v, "x")),
    { capability: "permissions", method: "has", argument: "permission", bad: fc.constantFrom<unknown>("", [], {}, 5, null, undefined, [5], [""], [null]), call: (v) => (a, c) => a.permissions!.has!(c.userId, v) },
    id("loginLinks", "create", (v) => (a) => a.loginLinks!.create!(v)),
    {
      capability: "loginLinks",
      method: "create",
      argument: "options",
      bad: fc.constantFrom<unknown>(null, "x", 5, [], { expiresInSeconds: -1 }, { expiresInSeconds: 0 }, { expiresInSeconds: Number.NaN }, { expiresInSeconds: 1.5 }, { expiresInSeconds: Number.POSITIVE_INFINITY }, { expiresInSeconds: "60" }, { redirectUrl: "javascript:alert(1)" }, { redirectUrl: 5 }, { redirectUrl: "" }),
      call: (v) => (a, c) => a.loginLinks!.create!(c.userId, v),
    },
    {
      capability: "passwords",
      method: "authenticate",
      argument: "credentials",
      bad: fc.oneof(
        wrongTypes,
        fc.constantFrom<unknown>({}, { password: "x" }, { email: "bad", password: "x" }, { email: "a@example.com", password: "" }, { email: "a@example.com", password: 5 }, { email: "a@example.com" }, { login: "", password: "x" }, { login: 5, password: "x" }, { email: "a@example.com", password: "x".repeat(10_000) }),
      ),
      call: (v) => (a) => a.passwords!.authenticate!(v),
    },
    {
      capability: "webhooks",
      method: "verify",
      argument: "body and headers",
      bad: fc.constantFrom<unknown>([null, {}], [5, {}], [{ parsed: true }, {}], ["{}", null], ["{}", 5], ["{}", "header"], [new Uint8Array(0), undefined]),
      call: (v) => (a) => a.webhooks!.verify!(...(v as [unknown, unknown])),
      codes: ["webhook_invalid", "invalid_input"],
    },
  ];
}

/**
 * Property tests over every neutral method the provider declares: generated bad arguments (empty, blank, dot
 * segments, `/ ? # %2F`, control characters, 10 KB strings, wrong types, NaN/Infinity/negative amounts, huge,
 * deep, cyclic or non-JSON metadata, `__proto__` keys) must be refused with `invalid_input` (or the method's own
 * refusal code) and no request at the vendor; generated valid arguments must succeed; and a vendor that echoes
 * every request in its errors must never get a password or token the caller passed into an error.
 */
export function runFuzz<P extends AnyProvider>(given: FuzzOptions<P>): void {
  const options = { ...given, ...wiring(given) };
  const fromEnv = Number((globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.AUTHMUX_FUZZ_RUNS);
  const runs = Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : (options.runs ?? 20);
  const fixtures = {
    maxListLimit: options.fixtures?.maxListLimit ?? 100,
    metadataKeys: options.fixtures?.metadataKeys,
    quotaNames: options.fixtures?.quotaNames ?? ["requests"],
    loginLinkTtlSec: options.fixtures?.loginLinkTtlSec === undefined ? 900 : options.fixtures.loginLinkTtlSec,
  };
  // Long runs need time; a bounded CI run stays well within vitest's default.
  const timeout = Math.max(30_000, runs * 500);

  describe(`fuzz: ${options.name}`, async () => {
    const probe = await options.setup();
    const declared = new Set<Capability>(probe.provider.capabilities);
    await probe.teardown?.();

    async function fresh() {
      const setup = await options.setup();
      setup.controls.setClock(T0);
      const email = `fuzz.${Math.random().toString(36).slice(2, 10)}@example.com`;
      const { id } = await setup.controls.seedUser({ email, name: "Fuzz Seed" });
      return { setup, ctx: { userId: id, email } };
    }

    for (const slot of slots(fixtures.maxListLimit).filter((s) => declared.has(s.capability))) {
      it(`${slot.capability}: ${slot.method} refuses bad ${slot.argument} before any request`, async () => {
        const { setup, ctx } = await fresh();
        const auth = setup.provider as unknown as Loose;
        const codes = slot.codes ?? ["invalid_input"];
        await fc.assert(
          fc.asyncProperty(slot.bad, async (value) => {
            const before = setup.controls.requestCount();
            let caught: unknown;
            try {
              await slot.call(value)(auth, ctx);
            } catch (error) {
              caught = error;
            }
            if (!isAuthmuxError(caught)) throw new Error(`expected an AuthmuxError (${codes.join(" or ")}), got ${caught === undefined ? "a result" : String(caught)}`, { cause: caught });
            expect(codes, caught.message).toContain(caught.code);
            expect(setup.controls.requestCount() - before, "requests that reached the vendor").toBe(0);
          }),
          { numRuns: runs },
        );
        await setup.teardown?.();
      }, timeout);
    }

    const valid = validCases(fixtures).filter((v) => declared.has(v.capability));
    for (const v of valid) {
      it(`${v.capability}: ${v.label} succeeds for valid arguments`, async () => {
        const { setup, ctx } = await fresh();
        await fc.assert(
          fc.asyncProperty(v.arbitrary, async (value) => {
            await v.call(value)(setup.provider as unknown as Loose, ctx);
          }),
          { numRuns: Math.max(3, Math.ceil(runs / 4)) },
        );
        await setup.teardown?.();
      }, timeout);
    }

    const through = options.through;
    const calls = corruptibleCalls(fixtures).filter((c) => declared.has(c.capability));
    if (through && calls.length > 0) {
      it("a corrupted answer from the vendor (a value replaced, removed or hostile) is an AuthmuxError or a result, never another error", async () => {
        const tally = { corrupted: 0, refused: 0 };
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...calls), corruption, async (call, { target, pick, replacement }) => {
            let [count, what] = [0, "nothing (the call made fewer requests)"];
            const wrap =
              (fetch: FetchLike): FetchLike =>
              async (input, init) => {
                const response = await fetch(input, init);
                if (count++ !== target) return response;
                const corrupted = await corrupt(response, pick, replacement);
                if (corrupted.what !== undefined) [what, tally.corrupted] = [corrupted.what, tally.corrupted + 1];
                return corrupted.response;
              };
            const setup = await through(wrap);
            setup.controls.setClock(T0);
            const password = "a long enough passphrase 42";
            const { id } = await setup.controls.seedUser({ email: "corrupt@example.com", name: "Fuzz Seed", ...(declared.has("passwords") ? { password } : {}) });
            const token = declared.has("tokens.verify") || declared.has("sessions.authenticate") ? await setup.controls.issueToken(id) : "";
            count = 0;
            const outcome = await call.call(setup.provider as unknown as Loose, { userId: id, email: "corrupt@example.com", password, token }).then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            );
            await setup.teardown?.();
            const where = `${call.label}, answer ${target} corrupted (${what})`;
            if ("error" in outcome) {
              if (!isAuthmuxError(outcome.error)) throw new Error(`${where}: ${String(outcome.error)}`, { cause: outcome.error });
              tally.refused += 1;
              return;
            }
            try {
              call.check?.(setup.provider.name)(outcome.result);
            } catch (error) {
              throw new Error(`${where}: a result that is not neutral: ${String(error)}`, { cause: error });
            }
          }),
          { numRuns: runs * 10 },
        );
        // The premise: answers were corrupted, and some of them refused.
        expect(tally.corrupted, JSON.stringify(tally)).toBeGreaterThan(runs * 2);
        expect(tally.refused, JSON.stringify(tally)).toBeGreaterThan(0);
      }, timeout * 4);
    }

    if (declared.has("webhooks")) {
      it("webhooks: a signed delivery with a payload the adapter does not expect is an event of neutral shape, or webhook_invalid", async () => {
        const signer = await options.setup();
        const sign = signer.controls.signWebhook;
        await signer.teardown?.();
        if (!sign) throw new Error("the fake declares webhooks but cannot sign a delivery (controls.signWebhook)");
        const type = options.fixtures?.webhookType ?? "user.created";
        const tally = { events: 0, refused: 0 };
        await fc.assert(
          fc.asyncProperty(corruption, async ({ pick, replacement }) => {
            const { setup, ctx } = await fresh();
            const signWebhook = setup.controls.signWebhook!.bind(setup.controls);
            const own = await signWebhook({ type, userId: ctx.userId });
            const { response, what } = await corrupt(new Response(own.body), pick, replacement);
            const delivery = await signWebhook({ type, userId: ctx.userId, body: await response.text() });
            const auth = setup.provider as unknown as { name: string; webhooks: { verify(body: string, headers: Record<string, string>): Promise<WebhookEvent> } };
            const outcome = await auth.webhooks.verify(delivery.body, delivery.headers).then(
              (event) => ({ event }),
              (error: unknown) => ({ error }),
            );
            await setup.teardown?.();
            if ("error" in outcome) {
              const error = outcome.error;
              if (!isAuthmuxError(error) || error.code !== "webhook_invalid") throw new Error(`payload ${what}: ${String(error)}`, { cause: error });
              tally.refused += 1;
              return;
            }
            try {
              expectEventShape(outcome.event, auth.name);
            } catch (error) {
              throw new Error(`payload ${what}: an event that is not neutral: ${String(error)}`, { cause: error });
            }
            tally.events += 1;
          }),
          { numRuns: runs * 5 },
        );
        // The premise: every run ended in one of the two outcomes, and corrupted payloads still made events.
        expect(tally.events + tally.refused, JSON.stringify(tally)).toBe(runs * 5);
        expect(tally.events, JSON.stringify(tally)).toBeGreaterThan(0);
      }, timeout * 2);
    }

    for (const s of secretCases().filter((c) => declared.has(c.capability))) {
      it(`${s.capability}: a secret passed to ${s.label} never reaches an error, even when the vendor echoes it`, async () => {
        const echo: FetchLike = async (input, init) => {
          const request = input instanceof Request ? input : new Request(input, init);
          const headers: Record<string, string> = {};
          request.headers.forEach((value, key) => (headers[key] = value));
          const said = `you sent ${request.method} ${request.url} ${JSON.stringify(headers)} ${await request.text()}`;
          return Response.json({ message: said, error: said, error_message: said, errors: [{ code: "echo", message: said, long_message: said }] }, { status: 422 });
        };
        const auth = options.withFetch(echo) as unknown as Loose;
        await fc.assert(
          fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9]{16,40}$/), async (secret) => {
            let caught: unknown;
            try {
              await s.call(secret)(auth, { userId: "user_1", email: "echo@example.com" });
            } catch (error) {
              caught = error;
            }
            if (caught === undefined) return;
            const error = caught as Error & { cause?: unknown };
            // AuthmuxError's inspect view is built from these; the cause is checked whole, nested errors included.
            for (const view of [error.message, error.stack ?? "", String(error), JSON.stringify(error), serialise(error.cause)]) {
              expect(view).not.toContain(secret);
            }
          }),
          { numRuns: Math.max(5, Math.ceil(runs / 2)) },
        );
      }, timeout);
    }
  });
}

function validCases(f: { maxListLimit: number; metadataKeys: readonly string[] | undefined; quotaNames: readonly string[]; loginLinkTtlSec: number | null }) {
  const word = fc.stringMatching(/^[A-Z][a-z]{1,12}$/);
  const name = fc.tuple(word, word).map(([a, b]) => `${a} ${b}`);
  const key = f.metadataKeys ? fc.constantFrom(...f.metadataKeys) : fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,15}$/);
  const metadata = fc.dictionary(key, fc.stringMatching(/^[\w .-]{0,40}$/), { maxKeys: 3 });
  const email = fc.stringMatching(/^[a-z][a-z0-9]{2,12}$/).map((local) => `${local}.${Math.random().toString(36).slice(2, 8)}@example.com`);
  const quota = fc.constantFrom(...f.quotaNames);
  const cases: { capability: Capability; label: string; arbitrary: fc.Arbitrary<unknown>; call: (v: unknown) => Call }[] = [
    { capability: "users.read", label: "get of the seeded user", arbitrary: fc.constant(null), call: () => async (a, c) => expect((await a.users!.get!(c.userId)) as { id: string }).toMatchObject({ id: c.userId }) },
    { capability: "users.read", label: "getByEmail", arbitrary: email, call: (v) => async (a) => expect(await a.users!.getByEmail!(v)).toBeNull() },
    { capability: "users.list", label: "list", arbitrary: fc.integer({ min: 1, max: f.maxListLimit }), call: (v) => async (a) => expect(((await a.users!.list!({ limit: v })) as { items: unknown[] }).items.length).toBeGreaterThan(0) },
    {
      capability: "users.create",
      label: "create",
      arbitrary: fc.record({ email, name, metadata }, { requiredKeys: ["email"] }),
      call: (v) => async (a) => expect(await a.users!.create!(v)).toMatchObject({ email: (v as { email: string }).email }),
    },
    { capability: "users.update", label: "update of the name", arbitrary: name, call: (v) => async (a, c) => expect(await a.users!.update!(c.userId, { name: v })).toMatchObject({ name: v }) },
    { capability: "users.metadata", label: "replaceMetadata", arbitrary: metadata, call: (v) => async (a, c) => expect(((await a.users!.replaceMetadata!(c.userId, v)) as { metadata: unknown }).metadata).toEqual(v) },
    { capability: "users.metadata", label: "patchMetadata", arbitrary: metadata, call: (v) => async (a, c) => expect(((await a.users!.patchMetadata!(c.userId, v)) as { metadata: object }).metadata).toMatchObject(v as object) },
    { capability: "quotas", label: "increment and get", arbitrary: fc.tuple(quota, fc.integer({ min: 1, max: 5 })), call: (v) => async (a, c) => {
      const [q, by] = v as [string, number];
      const before = ((await a.quotas!.get!(c.userId, q)) as { used: number }).used;
      expect(await a.quotas!.increment!(c.userId, q, by)).toMatchObject({ used: before + by });
    } },
    { capability: "permissions", label: "has", arbitrary: fc.stringMatching(/^[a-z]{1,10}:[a-z]{1,10}$/), call: (v) => async (a, c) => expect(await a.permissions!.has!(c.userId, v)).toBe(false) },
    {
      capability: "loginLinks",
      label: "create",
      arbitrary: fc.constant(null),
      call: () => async (a, c) => expect(await a.loginLinks!.create!(c.userId, f.loginLinkTtlSec === null ? {} : { expiresInSeconds: f.loginLinkTtlSec })).toMatchObject({ url: expect.stringMatching(/^https?:/) }),
    },
  ];
  return cases;
}

/** The hand-made wiring, or the one built from an adapter and its fake. */
function wiring<P extends AnyProvider>(options: FuzzWiring<P> | FuzzAdapterAndFake): FuzzWiring<AnyProvider> {
  if (!("fake" in options)) return options;
  const { adapter, fake: makeFake } = options;
  const through = (wrap: (fetch: FetchLike) => FetchLike): ConformanceSetup => {
    const fake = makeFake();
    return { provider: adapter({ ...fake.adapterOptions, fetch: wrap(fake.fetch), retry: { limit: 0 } }), controls: fake.controls };
  };
  return { setup: () => through((fetch) => fetch), withFetch: (fetch) => through(() => fetch).provider, through };
}

/**
 * One neutral call on the seeded user, for the corrupted-answer property, and what its result must be whatever the
 * vendor answered: neutral objects of the right shape (the values themselves may be the corrupted ones).
 */
function corruptibleCalls(f: { metadataKeys: readonly string[] | undefined; quotaNames: readonly string[]; loginLinkTtlSec: number | null }) {
  type Ctx2 = Ctx & { password: string; token: string };
  const key = f.metadataKeys?.[0] ?? "plan";
  const quota = f.quotaNames[0] ?? "requests";
  const user = (provider: string) => (result: unknown) => expectUserShape(result as User, provider);
  const calls: { capability: Capability; label: string; call: (a: Loose, c: Ctx2) => Promise<unknown>; check?: (provider: string) => (result: unknown) => void }[] = [
    { capability: "users.read", label: "users.get", call: (a, c) => a.users!.get!(c.userId), check: (p) => (r) => r === null || user(p)(r) },
    { capability: "users.read", label: "users.getByEmail", call: (a, c) => a.users!.getByEmail!(c.email), check: (p) => (r) => r === null || user(p)(r) },
    { capability: "users.list", label: "users.list", call: (a) => a.users!.list!({ limit: 5 }), check: (p) => (r) => (r as { items: User[] }).items.forEach(user(p)) },
    { capability: "users.create", label: "users.create", call: (a) => a.users!.create!({ email: "corrupt.new@example.com", name: "Ada Lovelace" }), check: user },
    { capability: "users.update", label: "users.update", call: (a, c) => a.users!.update!(c.userId, { name: "Grace Hopper" }), check: user },
    { capability: "users.delete", label: "users.delete", call: (a, c) => a.users!.delete!(c.userId) },
    { capability: "users.metadata", label: "users.patchMetadata", call: (a, c) => a.users!.patchMetadata!(c.userId, { [key]: "pro" }), check: user },
    { capability: "users.metadata", label: "users.replaceMetadata", call: (a, c) => a.users!.replaceMetadata!(c.userId, { [key]: "team" }), check: user },
    { capability: "tokens.verify", label: "tokens.verify", call: (a, c) => a.tokens!.verify!(c.token), check: () => (r) => expect(typeof (r as { userId: unknown }).userId).toBe("string") },
    {
      capability: "sessions.authenticate",
      label: "sessions.authenticate",
      call: (a, c) => a.sessions!.authenticate!(c.token),
      check: (p) => (r) => {
        const { session, user: u } = r as { session: Session; user: User };
        expectSessionShape(session, p);
        expectUserShape(u, p);
      },
    },
    { capability: "sessions.list", label: "sessions.list", call: (a, c) => a.sessions!.list!(c.userId), check: (p) => (r) => (r as Session[]).forEach((s) => expectSessionShape(s, p)) },
    { capability: "quotas", label: "quotas.get", call: (a, c) => a.quotas!.get!(c.userId, quota), check: () => (r) => r === null || expectQuotaShape(r as Quota) },
    { capability: "quotas", label: "quotas.increment", call: (a, c) => a.quotas!.increment!(c.userId, quota, 1), check: () => (r) => expectQuotaShape(r as Quota) },
    { capability: "permissions", label: "permissions.list", call: (a, c) => a.permissions!.list!(c.userId), check: () => (r) => expect((r as unknown[]).every((x) => typeof x === "string")).toBe(true) },
    {
      capability: "loginLinks",
      label: "loginLinks.create",
      call: (a, c) => a.loginLinks!.create!(c.userId, f.loginLinkTtlSec === null ? {} : { expiresInSeconds: f.loginLinkTtlSec }),
      check: () => (r) => expect(typeof (r as { url: unknown }).url).toBe("string"),
    },
    {
      capability: "passwords",
      label: "passwords.authenticate",
      call: (a, c) => a.passwords!.authenticate!({ email: c.email, password: c.password }),
      check: (p) => (r) => expectUserShape((r as { user: User }).user, p),
    },
  ];
  return calls;
}

/** Which answer to corrupt (0 = the call's first request), where in its JSON, and with what (`undefined` removes it). */
const corruption = fc.record({
  target: fc.nat({ max: 2 }),
  pick: fc.nat(),
  replacement: fc.oneof(
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom<unknown>(undefined, undefined, null, "", -1, 1e308, "x".repeat(5000), {}, [], [null], "2026-13-45T99:00:00Z", "constructor", "__proto__", "toString", { toString: null }, JSON.parse('{"__proto__": {"admin": true}}')),
  ),
});

/** The answer with the value at one place in its JSON replaced (or removed); non-JSON answers pass unchanged. */
async function corrupt(response: Response, pick: number, replacement: unknown): Promise<{ response: Response; what?: string }> {
  const text = await response.text();
  const rebuilt = (body: string) => new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { response: rebuilt(text) };
  }
  const places: (string | number)[][] = [];
  const walk = (value: unknown, at: (string | number)[]) => {
    places.push(at);
    if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...at, Array.isArray(value) ? Number(k) : k]);
  };
  walk(json, []);
  const place = places[pick % places.length]!;
  let root: unknown = replacement;
  if (place.length > 0) {
    root = structuredClone(json);
    let parent = root as Record<string | number, unknown>;
    for (const k of place.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    if (replacement === undefined) delete parent[place.at(-1)!];
    else parent[place.at(-1)!] = replacement;
  }
  const what = `${place.join(".") || "the whole body"} ${replacement === undefined ? "removed" : `= ${JSON.stringify(replacement)?.slice(0, 40)}`}`;
  return { response: rebuilt(root === undefined ? "" : JSON.stringify(root)), what };
}

function secretCases(): { capability: Capability; label: string; call: (secret: string) => Call }[] {
  return [
    { capability: "passwords", label: "passwords.authenticate", call: (s) => (a, c) => a.passwords!.authenticate!({ email: c.email, password: s }) },
    { capability: "users.create", label: "users.create (password)", call: (s) => (a) => a.users!.create!({ email: "echo.create@example.com", password: s }) },
    { capability: "tokens.verify", label: "tokens.verify", call: (s) => (a) => a.tokens!.verify!(s) },
    { capability: "sessions.authenticate", label: "sessions.authenticate", call: (s) => (a) => a.sessions!.authenticate!(s) },
    { capability: "sessions.revoke", label: "sessions.revoke", call: (s) => (a) => a.sessions!.revoke!(s) },
  ];
}

/** Everything a cause holds, as text: nested errors' messages and causes, objects' strings. */
function serialise(value: unknown, depth = 0): string {
  if (depth > 8 || value === undefined || value === null) return "";
  if (value instanceof Error) return `${value.message} ${value.stack ?? ""} ${serialise((value as { cause?: unknown }).cause, depth + 1)}`;
  if (typeof value === "object") return Object.values(value).map((v) => serialise(v, depth + 1)).join(" ") + JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
  return String(value);
}
