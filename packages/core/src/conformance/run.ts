import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CAPABILITY_METHODS } from "../capabilities/members.js";
import { CAPABILITIES, type Capability } from "../capabilities/names.js";
import type { AnyProvider } from "../capabilities/provider.js";
import { makeContext, T0, type TestContext, type TestEntry, type TestTable } from "./context.js";
import type { ConformanceFixtures, ConformanceSetup } from "./harness.js";
import { loginLinksTests, passwordsTests } from "./suites/links-passwords.js";
import { failuresTests } from "./suites/failures.js";
import { passwordsImportTests, passwordsSetTests } from "./suites/password-import.js";
import { permissionsTests, quotasTests } from "./suites/access.js";
import { sessionsAuthenticateTests, sessionsListTests, sessionsRevokeTests } from "./suites/sessions.js";
import { tokensIssueTests, tokensVerifyTests } from "./suites/tokens.js";
import { usersCreateTests, usersDeleteTests, usersListTests, usersMetadataTests, usersReadTests, usersUpdateTests } from "./suites/users.js";
import { webhooksTests } from "./suites/webhooks.js";

/** One suite per capability; each runs only for providers that declare it. */
const CAPABILITY_SUITES = {
  "users.read": usersReadTests,
  "users.list": usersListTests,
  "users.create": usersCreateTests,
  "users.update": usersUpdateTests,
  "users.delete": usersDeleteTests,
  "users.metadata": usersMetadataTests,
  "tokens.verify": tokensVerifyTests,
  "tokens.issue": tokensIssueTests,
  "sessions.authenticate": sessionsAuthenticateTests,
  "sessions.list": sessionsListTests,
  "sessions.revoke": sessionsRevokeTests,
  quotas: quotasTests,
  permissions: permissionsTests,
  loginLinks: loginLinksTests,
  passwords: passwordsTests,
  "passwords.import": passwordsImportTests,
  "passwords.set": passwordsSetTests,
  webhooks: webhooksTests,
} as const satisfies Record<Capability, TestTable>;

type Suites = typeof CAPABILITY_SUITES & { failures: typeof failuresTests };

/** `"<suite> › <test title>"`: the name a skip refers to; a typo does not compile. */
export type ConformanceTestId = { [S in keyof Suites]: `${S & string} › ${keyof Suites[S] & string}` }[keyof Suites];

/** Skips: test → why. The reason is shown in the test report; an empty one does not compile. */
export type ConformanceSkips<S> = { readonly [K in keyof S]: K extends ConformanceTestId ? (S[K] extends "" ? never : S[K]) : never };

/** Options of {@link runConformance}. */
export interface ConformanceOptions<P extends AnyProvider, S extends Partial<Record<ConformanceTestId, string>> = {}> {
  /** Shown in the test names. */
  name: string;
  /** Called before every test: a fresh provider wired to a fresh fake. */
  setup(): ConformanceSetup<P> | Promise<ConformanceSetup<P>>;
  /** Facts about the provider the suite needs; the defaults suit the mock. */
  fixtures?: ConformanceFixtures;
  /** Tests this provider cannot pass by the nature of its vendor, each with the reason (shown in the report). */
  skip?: S & ConformanceSkips<S>;
}

type Resolved = Required<ConformanceFixtures>;

function resolveFixtures(given: ConformanceFixtures = {}): Resolved {
  return {
    quotas: given.quotas ?? [
      { name: "requests", limit: 1000 },
      { name: "exports", limit: 10 },
    ],
    maxListLimit: given.maxListLimit ?? 100,
    webhookTypes: given.webhookTypes ?? ["user.created"],
    loginLinks: given.loginLinks ?? { ttlSec: 900, configurable: true },
    retryLimit: given.retryLimit ?? 0,
  };
}

/** Every test of the suites that apply to `declared`, with why it is skipped where it is. */
function plan(declared: readonly Capability[], skips: Readonly<Record<string, string | undefined>>) {
  const suites: { suite: string; tests: { id: string; title: string; run: (t: TestContext) => Promise<void>; skip: string | undefined }[] }[] = [];
  const entries = (suite: string, table: TestTable) =>
    Object.entries(table).map(([title, entry]: [string, TestEntry]) => {
      const id = `${suite} › ${title}`;
      const body = typeof entry === "function" ? { needs: [], run: entry } : entry;
      const missing = body.needs.filter((c) => !declared.includes(c));
      const reason = skips[id];
      if (reason !== undefined && reason.trim() === "") throw new Error(`the skip of "${id}" needs a reason`);
      return { id, title, run: body.run, skip: reason ?? (missing.length > 0 ? `needs ${missing.join(", ")}, which the provider does not declare` : undefined) };
    });
  for (const capability of CAPABILITIES) if (declared.includes(capability)) suites.push({ suite: capability, tests: entries(capability, CAPABILITY_SUITES[capability]) });
  suites.push({ suite: "failures", tests: entries("failures", failuresTests) });
  for (const id of Object.keys(skips)) {
    if (!suites.some((s) => s.tests.some((t) => t.id === id))) throw new Error(`the skip of "${id}" names no test this provider runs`);
  }
  return suites;
}

/**
 * Registers the shared behaviour suite with vitest: one `describe` per capability the provider declares,
 * the vendor failure paths, and a check that undeclared capabilities are absent. Passing it is what
 * "switch vendors without code changes" means.
 *
 * @example
 * runConformance({ name: "mock", setup: () => { const p = createMockProvider(); return { provider: p, controls: p.controls } } });
 */
export function runConformance<P extends AnyProvider, const S extends Partial<Record<ConformanceTestId, string>> = {}>(options: ConformanceOptions<P, S>): void {
  const fixtures = resolveFixtures(options.fixtures);
  const skips: Readonly<Record<string, string | undefined>> = options.skip ?? {};

  // Vitest collects tests before any hook runs, so one provider is built at collection time to learn
  // what it declares; each test then gets a fresh one from `setup`.
  describe(`conformance: ${options.name}`, async () => {
    const probe = await options.setup();
    const declared: readonly Capability[] = [...probe.provider.capabilities];
    await probe.teardown?.();

    let setup: ConformanceSetup<P> | undefined;
    let ctx: TestContext | undefined;

    beforeEach(async () => {
      setup = await options.setup();
      setup.controls.setClock(T0);
      ctx = makeContext(setup, fixtures);
    });
    afterEach(async () => {
      await setup?.teardown?.();
      setup = undefined;
      ctx = undefined;
    });

    describe("capabilities", () => {
      it("declares known capabilities once each", async () => {
        const declared = setup!.provider.capabilities;
        expect(declared.length).toBeGreaterThan(0);
        expect(new Set(declared).size).toBe(declared.length);
        for (const c of declared) expect(CAPABILITIES).toContain(c);
      });
      it("has every member of the declared capabilities and none of the undeclared", async () => {
        const provider = setup!.provider as unknown as Record<string, Record<string, unknown> | undefined>;
        const declared = new Set<Capability>(setup!.provider.capabilities);
        const present = new Set<string>();
        for (const c of declared) {
          for (const [ns, methods] of Object.entries(CAPABILITY_METHODS[c])) {
            for (const m of methods as readonly string[]) {
              expect(typeof provider[ns]?.[m], `${c}: ${ns}.${m}`).toBe("function");
              present.add(`${ns}.${m}`);
            }
          }
        }
        for (const c of CAPABILITIES.filter((x) => !declared.has(x))) {
          for (const [ns, methods] of Object.entries(CAPABILITY_METHODS[c])) {
            for (const m of methods as readonly string[]) {
              if (present.has(`${ns}.${m}`)) continue;
              expect(provider[ns]?.[m], `undeclared ${c}: ${ns}.${m} must be absent`).toBeUndefined();
            }
          }
        }
      });
    });

    for (const { suite, tests } of plan(declared, skips)) {
      describe(suite === "failures" ? "vendor failures" : suite, () => {
        for (const test of tests) {
          // A skip says why; the reason is part of the test name in the report.
          if (test.skip !== undefined) it.skip(`${test.title} — skipped: ${test.skip}`, () => undefined);
          else it(test.title, async () => test.run(ctx!));
        }
      });
    }
  });
}

/**
 * Runs one conformance test outside vitest's registration, as `runConformance` would run it: a fresh
 * setup, the clock at {@link T0}, the body, the teardown. Resolves when it passes, rejects with the
 * failure; `"skipped"` when the provider lacks what it needs. The suite's own tests use it to show that
 * deliberately broken adapters fail.
 */
export async function runConformanceTest<P extends AnyProvider>(options: Omit<ConformanceOptions<P>, "skip">, id: ConformanceTestId): Promise<"passed" | "skipped"> {
  const setup = await options.setup();
  try {
    const test = plan(setup.provider.capabilities, {}).flatMap((s) => s.tests).find((t) => t.id === id);
    if (!test) return "skipped";
    if (test.skip !== undefined) return "skipped";
    setup.controls.setClock(T0);
    await test.run(makeContext(setup, resolveFixtures(options.fixtures)));
    return "passed";
  } finally {
    await setup.teardown?.();
  }
}
