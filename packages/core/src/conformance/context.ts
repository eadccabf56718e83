import { expect } from "vitest";
import type { Capability } from "../capabilities/names.js";
import type { AnyProvider, Provider } from "../capabilities/provider.js";
import { type AuthmuxError, isAuthmuxError } from "../errors/authmux-error.js";
import type { ErrorCode } from "../errors/codes.js";
import type { JsonObject } from "../types/neutral.js";
import type { ConformanceControls, ConformanceFixtures, ConformanceSetup } from "./harness.js";

/** Fixed start time of every test: 2030-01-15T12:00:00Z. */
export const T0 = Date.UTC(2030, 0, 15, 12, 0, 0);

/** What each conformance test receives. */
export interface TestContext {
  /** The provider, typed with every capability: each suite runs only when its capability is declared. */
  auth: Provider<string, Capability>;
  controls: ConformanceControls;
  fixtures: Required<ConformanceFixtures>;
  secrets: readonly string[];
  /** A unique email for this test. */
  email(label?: string): string;
  /** Seeds a user and returns its id. */
  seed(input?: { name?: string; metadata?: JsonObject; password?: string }): Promise<string>;
  /** Runs `fn`, expects an AuthmuxError with `code`, checks it leaks no secret, and returns it. */
  rejects(fn: () => Promise<unknown>, code: ErrorCode | readonly ErrorCode[]): Promise<AuthmuxError>;
  /** Runs `fn`, expects `invalid_input`, and that no request reached the vendor. */
  rejectsBeforeRequest(fn: () => Promise<unknown>): Promise<AuthmuxError>;
}

export function makeContext(setup: ConformanceSetup<AnyProvider>, fixtures: Required<ConformanceFixtures>): TestContext {
  let n = 0;
  const secrets = setup.secrets ?? [];
  const ctx: TestContext = {
    auth: setup.provider as unknown as Provider<string, Capability>,
    controls: setup.controls,
    fixtures,
    secrets,
    email: (label = "user") => `${label}.${++n}.${Math.random().toString(36).slice(2, 8)}@example.com`,
    async seed(input = {}) {
      const { id } = await setup.controls.seedUser({ email: ctx.email(), ...input });
      return id;
    },
    async rejects(fn, code) {
      let caught: unknown;
      try {
        await fn();
      } catch (error) {
        caught = error;
      }
      expect(caught, "expected the call to throw").toBeDefined();
      if (!isAuthmuxError(caught)) throw new Error(`expected an AuthmuxError, got ${String(caught)}`, { cause: caught });
      const codes = typeof code === "string" ? [code] : code;
      expect(codes, `error code (message: ${caught.message})`).toContain(caught.code);
      expect(caught.message.length).toBeGreaterThan(0);
      for (const secret of secrets) {
        expect(caught.message).not.toContain(secret);
        expect(JSON.stringify(caught)).not.toContain(secret);
        expect(String(caught)).not.toContain(secret);
      }
      return caught;
    },
    async rejectsBeforeRequest(fn) {
      const before = setup.controls.requestCount();
      const error = await ctx.rejects(fn, "invalid_input");
      expect(setup.controls.requestCount(), "no request may reach the vendor on bad input").toBe(before);
      return error;
    },
  };
  return ctx;
}

/** A suite: test title → body. Titles are typed, so skips naming them are checked by the compiler. */
export type TestTable = Record<string, (t: TestContext) => Promise<void>>;
