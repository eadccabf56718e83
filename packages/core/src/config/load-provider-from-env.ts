import type { Capability } from "../capabilities/names.js";
import type { Provider } from "../capabilities/provider.js";
import { AuthmuxError, isAuthmuxError } from "../errors/authmux-error.js";
import type { FakeFactory, FakeProviderControls, LoadableFake, LoadFakeProviderOptions } from "../testing/load-fake-provider.js";
import type { AnyProviderDefinition } from "./definition.js";
import { type EnvRecord, readRuntimeEnv } from "./env.js";
import { isModuleNotFound, KNOWN_PROVIDERS, loadProvider } from "./load-provider.js";

/** Options of {@link loadProviderFromEnv}. */
export interface LoadProviderFromEnvOptions<R extends Capability = never> {
  /** Capabilities the app needs: the result is typed with exactly these, and loading fails without them. */
  requires?: readonly R[];
  /** Environment variables to read instead of the host's. */
  env?: EnvRecord;
  /** Adapter definitions to use instead of importing `@authmux/<name>` (bundled apps), as for `loadProvider`. */
  adapters?: readonly AnyProviderDefinition[];
  /** Fake factories by provider name, instead of importing `@authmux/<name>/testing` (bundled apps). */
  fakes?: Readonly<Record<string, FakeFactory>>;
}

/** What {@link loadProviderFromEnv} gives. */
export interface ProviderFromEnvironment<R extends Capability = never> {
  /** The provider, typed with the capabilities `requires` named. */
  readonly provider: Provider<string, R>;
  /**
   * How it was chosen: `"mock"` the in-memory mock, `"fake"` the real adapter against its vendor's in-memory fake,
   * `"live"` the real vendor.
   */
  readonly mode: "mock" | "fake" | "live";
  /** The mock's or the fake's controls (seed users, mint tokens, …); `null` when live. */
  readonly controls: FakeProviderControls | null;
  /** The vendor's fake (its request log, …); `null` for the mock and when live. */
  readonly fake: LoadableFake | null;
}

const YES = new Set(["1", "true", "yes"]);

/**
 * Builds the provider an app runs on from its environment alone, so one build runs in tests, on a laptop and in
 * production:
 *
 * - `AUTHMUX_PROVIDER` unset or `mock`: the in-memory mock, with its controls.
 * - `AUTHMUX_PROVIDER=<vendor>` and `AUTHMUX_FAKE=1`: the real adapter against that vendor's strict in-memory fake
 *   (`@authmux/<vendor>/testing`, which needs msw), with the fake's controls.
 * - `AUTHMUX_PROVIDER=<vendor>`: the real vendor, its credentials read from its own variables (`CLERK_SECRET_KEY`, …).
 *
 * The mock and the fakes are imported only when asked for, and refuse to run with `NODE_ENV=production`; a missing
 * variable or an unknown name is an `invalid_input` naming it, at start-up.
 *
 * @example
 * const { provider, mode, controls } = await loadProviderFromEnv({ requires: ["users.read", "tokens.verify"] });
 * // controls !== null in tests and local development: controls.seedUser(...), controls.issueToken(...)
 */
export async function loadProviderFromEnv<const R extends Capability = never>(options: LoadProviderFromEnvOptions<R> = {}): Promise<ProviderFromEnvironment<R>> {
  if (typeof options !== "object" || options === null) throw new AuthmuxError("invalid_input", "loadProviderFromEnv takes an options object");
  const env = options.env ?? readRuntimeEnv();
  const name = (env.AUTHMUX_PROVIDER ?? "").trim().toLowerCase() || "mock";
  const fakeFlag = (env.AUTHMUX_FAKE ?? "").trim().toLowerCase();
  if (fakeFlag !== "" && !YES.has(fakeFlag) && !["0", "false", "no"].includes(fakeFlag)) {
    throw new AuthmuxError("invalid_input", "AUTHMUX_FAKE must be 1, true or yes (or 0, false, no, or unset)");
  }
  const requires = options.requires ?? [];
  if (name !== "mock" && !YES.has(fakeFlag)) {
    const provider = await loadProvider({ env, requires, ...(options.adapters ? { adapters: options.adapters } : {}) });
    return { provider, mode: "live", controls: null, fake: null };
  }
  if ([env.NODE_ENV, readRuntimeEnv().NODE_ENV].some((v) => v?.trim().toLowerCase() === "production")) {
    const chosen = name === "mock" ? (env.AUTHMUX_PROVIDER ? "AUTHMUX_PROVIDER=mock" : "no AUTHMUX_PROVIDER") : "AUTHMUX_FAKE";
    throw new AuthmuxError("invalid_input", `${chosen} with NODE_ENV=production: the mock and the fakes are for tests and development; name the vendor in AUTHMUX_PROVIDER (one of ${KNOWN_PROVIDERS.filter((n) => n !== "mock").join(", ")})`);
  }
  const { loadFakeProvider } = await importTesting();
  const fakeOptions: LoadFakeProviderOptions<R> = { provider: name, requires, env, ...(options.adapters ? { adapters: options.adapters } : {}), ...(options.fakes ? { fakes: options.fakes } : {}) };
  const { provider, controls, fake } = await loadFakeProvider(fakeOptions);
  return { provider, mode: name === "mock" ? "mock" : "fake", controls, fake };
}

/** `@authmux/core/testing`, found by name so that a bundle of a live app does not carry the mock or the fakes' loader. */
async function importTesting(): Promise<typeof import("../testing/load-fake-provider.js")> {
  const specifier = "@authmux/core/testing";
  try {
    return (await import(/* @vite-ignore */ /* webpackIgnore: true */ /* turbopackIgnore: true */ specifier)) as typeof import("../testing/load-fake-provider.js");
  } catch (error) {
    if (isAuthmuxError(error) || !isModuleNotFound(error, specifier)) throw error;
    throw new AuthmuxError("invalid_input", `${specifier} cannot be imported here: bundle it, or unset AUTHMUX_FAKE and name a vendor in AUTHMUX_PROVIDER`, { cause: error });
  }
}
