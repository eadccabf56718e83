import { expect } from "vitest";
import type { Capability } from "../capabilities/names.js";
import type { AnyProvider, Provider } from "../capabilities/provider.js";
import { type AuthmuxError, isAuthmuxError } from "../errors/authmux-error.js";
import type { ErrorCode } from "../errors/codes.js";
import type { JsonObject } from "../types/neutral.js";
import type { ConformanceControls, ConformanceFixtures, ConformanceSetup, StoredUser } from "./harness.js";

/** Fixed start time of every test: 2030-01-15T12:00:00Z. */
export const T0 = Date.UTC(2030, 0, 15, 12, 0, 0);

/** What each conformance test receives. */
export interface TestContext {
  /** The provider, typed with every capability: each suite runs only when its capability is declared. */
  auth: Provider<string, Capability>;
  /** The controls of the provider's test double. */
  controls: ConformanceControls;
  /** The fixtures, defaults filled in. */
  fixtures: Required<ConformanceFixtures>;
  /** The secrets no error may contain. */
  secrets: readonly string[];
  /** A unique email for this test. */
  email(label?: string): string;
  /** Seeds a user and returns its id. */
  seed(input?: { name?: string; metadata?: JsonObject; password?: string }): Promise<string>;
  /** Runs `fn`, expects an AuthmuxError with `code`, checks it leaks no secret, and returns it. */
  rejects(fn: () => Promise<unknown>, code: ErrorCode | readonly ErrorCode[]): Promise<AuthmuxError>;
  /** Runs `fn`, expects `invalid_input`, and that no request reached the vendor. */
  rejectsBeforeRequest(fn: () => Promise<unknown>): Promise<AuthmuxError>;
  /** The user as the fake stores it; fails the test when the fake holds none. */
  stored(id: string): Promise<StoredUser>;
  /** `fn`'s requests to the vendor, counted in the fake's own log, with what `fn` resolved or threw. */
  counting<T>(fn: () => Promise<T>): Promise<{
    /** Requests that reached the vendor. */
    requests: number;
    /** What `fn` resolved to. */
    result: T | undefined;
    /** What `fn` threw. */
    error: unknown;
  }>;
  /** A control the provider's capabilities make necessary; fails the test when the double lacks it. */
  control<K extends keyof ConformanceControls>(name: K): NonNullable<ConformanceControls[K]>;
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
    async stored(id) {
      const user = await setup.controls.peekUser(id);
      expect(user, `the fake holds user ${id}`).not.toBeNull();
      return user as StoredUser;
    },
    async counting(fn) {
      const before = setup.controls.requestCount();
      try {
        const result = await fn();
        return { requests: setup.controls.requestCount() - before, result, error: undefined };
      } catch (error) {
        return { requests: setup.controls.requestCount() - before, result: undefined, error };
      }
    },
    control(name) {
      const control = setup.controls[name];
      if (control === undefined) throw new Error(`the provider's capabilities need controls.${String(name)}, which its test double lacks`);
      return (typeof control === "function" ? control.bind(setup.controls) : control) as NonNullable<ConformanceControls[typeof name]>;
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

/**
 * A value of the wrong type, passed on purpose to check a method refuses it (the one place the suite steps
 * around the types, as an untyped caller would).
 */
export const wrongType = <T>(value: unknown): T => value as T;

/** A test body, or one that needs capabilities besides its suite's: without them it is skipped, and says why. */
export type TestEntry = ((t: TestContext) => Promise<void>) | { readonly needs: readonly Capability[]; readonly run: (t: TestContext) => Promise<void> };

/** A suite: test title → body. Titles are typed, so skips naming them are checked by the compiler. */
export type TestTable = Record<string, TestEntry>;

/** A test that runs only when the provider also declares `capabilities`. */
export function needs(capabilities: readonly Capability[], run: (t: TestContext) => Promise<void>): TestEntry {
  return { needs: capabilities, run };
}
