import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CAPABILITY_METHODS } from "../capabilities/members.js";
import { CAPABILITIES, type Capability } from "../capabilities/names.js";
import type { AnyProvider } from "../capabilities/provider.js";
import { makeContext, T0, type TestContext, type TestTable } from "./context.js";
import type { ConformanceFixtures, ConformanceSetup } from "./harness.js";
import { loginLinksTests, passwordsTests } from "./suites/links-passwords.js";
import { failuresTests } from "./suites/failures.js";
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
  webhooks: webhooksTests,
} as const satisfies Record<Capability, TestTable>;

type Suites = typeof CAPABILITY_SUITES & { failures: typeof failuresTests };

/** `"<suite> › <test title>"`: the name a skip refers to; a typo does not compile. */
export type ConformanceTestId = { [S in keyof Suites]: `${S & string} › ${keyof Suites[S] & string}` }[keyof Suites];

/** Options of {@link runConformance}. */
export interface ConformanceOptions<P extends AnyProvider> {
  /** Shown in the test names. */
  name: string;
  /** Called before every test: a fresh provider wired to a fresh fake. */
  setup(): ConformanceSetup<P> | Promise<ConformanceSetup<P>>;
  fixtures?: ConformanceFixtures;
  /** Tests to skip, each with the reason (shown in the report). */
  skip?: Partial<Record<ConformanceTestId, string>>;
}

/**
 * Registers the shared behaviour suite with vitest: one `describe` per capability the provider declares,
 * the vendor failure paths, and a check that undeclared capabilities are absent. Passing it is what
 * "switch vendors without code changes" means.
 *
 * @example
 * runConformance({ name: "mock", setup: () => { const p = createMockProvider(); return { provider: p, controls: p.controls } } });
 */
export function runConformance<P extends AnyProvider>(options: ConformanceOptions<P>): void {
  const fixtures: Required<ConformanceFixtures> = {
    quotas: options.fixtures?.quotas ?? [
      { name: "requests", limit: 1000 },
      { name: "exports", limit: 10 },
    ],
    maxListLimit: options.fixtures?.maxListLimit ?? 100,
    webhookTypes: options.fixtures?.webhookTypes ?? ["user.created"],
    webhookTimestamps: options.fixtures?.webhookTimestamps ?? true,
    tokenKinds: options.fixtures?.tokenKinds ?? ["valid", "expired", "not_yet_valid", "foreign"],
    loginLinks: options.fixtures?.loginLinks ?? { ttlSec: 900, configurable: true },
  };
  const skips = (options.skip ?? {}) as Record<string, string | undefined>;

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

    const register = (suite: string, table: TestTable) => {
      for (const [title, body] of Object.entries(table)) {
        const reason = skips[`${suite} › ${title}`];
        // A skip must say why; the reason is part of the test name in the report.
        if (reason) it.skip(`${title} — skipped: ${reason}`, () => undefined);
        else it(title, async () => body(ctx!));
      }
    };

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

    for (const capability of CAPABILITIES) {
      if (declared.includes(capability)) describe(capability, () => register(capability, CAPABILITY_SUITES[capability]));
    }
    describe("vendor failures", () => register("failures", failuresTests));
  });
}
