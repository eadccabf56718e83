import type { Capability } from "../capabilities/names.js";
import type { Provider } from "../capabilities/provider.js";
import type { AnyProviderDefinition } from "../config/definition.js";
import { type EnvRecord, readRuntimeEnv } from "../config/env.js";
import { isModuleNotFound, KNOWN_PROVIDERS, loadProvider, missingAdapterMessage } from "../config/load-provider.js";
import type { ConformanceControls } from "../conformance/harness.js";
import { AuthmuxError, isAuthmuxError } from "../errors/authmux-error.js";
import { mockDefinition } from "./definition.js";
import { createMockProvider, type MockProviderOptions } from "./mock-provider.js";

/** The controls every fake (and the mock) has: seed users, mint tokens, move the clock, inject faults, read state back. */
export type FakeProviderControls = ConformanceControls;

/** What {@link loadFakeProvider} needs of a vendor fake: the options its adapter takes, and its controls. */
export interface LoadableFake {
  /** Everything the adapter needs to talk to the fake (API root, keys, `fetch`, `clock`). */
  readonly adapterOptions: object;
  /** The fake's controls, as the conformance suite uses them. */
  readonly controls: FakeProviderControls;
}

/**
 * A vendor fake's factory, as `@authmux/<vendor>/testing` exports it (`createClerkFake`, …). Declared as a method so
 * each vendor's factory, typed with its own options, fits (method parameters are compared both ways).
 */
export type FakeFactory = {
  /** Creates a fake with these options. */
  create(options: Record<string, unknown>): LoadableFake;
}["create"];

/** Options of {@link loadFakeProvider}; any other key is an option of the vendor's fake (or of the mock). */
export interface LoadFakeProviderOptions<R extends Capability = never> {
  /** The adapter's name (any case); defaults to the `AUTHMUX_PROVIDER` environment variable. `"mock"` gives the mock. */
  provider?: string;
  /** Capabilities the app needs: the result is typed with exactly these, and loading fails without them. */
  requires?: readonly R[];
  /** Environment variables to read instead of the host's (`AUTHMUX_PROVIDER`, `NODE_ENV`). */
  env?: EnvRecord;
  /** Adapter definitions to use instead of importing `@authmux/<name>` (bundled apps), as for `loadProvider`. */
  adapters?: readonly AnyProviderDefinition[];
  /** Fake factories by provider name, instead of importing `@authmux/<name>/testing` (bundled apps): `{ clerk: createClerkFake }`. */
  fakes?: Readonly<Record<string, FakeFactory>>;
  /** Adapter options laid over the fake's `adapterOptions` (say Clerk's `metadataField`). */
  adapterOptions?: Readonly<Record<string, unknown>>;
  [fakeOption: string]: unknown;
}

/** What {@link loadFakeProvider} returns. */
export interface FakeProvider<R extends Capability = never> {
  /** The real adapter (or the mock), typed with the capabilities `requires` named. */
  readonly provider: Provider<string, R>;
  /** The vendor's fake the adapter talks to (its `requests`, `handlers`, `options`, …); `null` for the mock. */
  readonly fake: LoadableFake | null;
  /** The fake's controls (the mock's for `"mock"`). */
  readonly controls: FakeProviderControls;
}

const OWN_KEYS = new Set(["provider", "requires", "env", "adapters", "fakes", "adapterOptions"]);

/**
 * The real adapter of a vendor wired to that vendor's strict in-memory fake (`@authmux/<vendor>/testing`), with the
 * fake's controls: for app tests and local development without the vendor. `provider: "mock"` gives the mock.
 * Refuses to run when `NODE_ENV` is `production`. The vendors' fakes need `msw` installed (a dev dependency).
 *
 * @example
 * const { provider, controls } = await loadFakeProvider({ provider: "clerk", requires: ["users.read", "tokens.verify"] });
 * const { id } = await controls.seedUser({ email: "ada@example.com" });
 * const verified = await provider.tokens.verify(await controls.issueToken(id));
 */
export async function loadFakeProvider<const R extends Capability = never>(options: LoadFakeProviderOptions<R> = {}): Promise<FakeProvider<R>> {
  const env = options.env ?? readRuntimeEnv();
  // The host's NODE_ENV counts even when `env` is passed: no argument turns the guard off.
  if ([env.NODE_ENV, readRuntimeEnv().NODE_ENV].some((v) => v?.trim().toLowerCase() === "production")) {
    throw new AuthmuxError(
      "invalid_input",
      "loadFakeProvider refuses to run with NODE_ENV=production: it wires the adapter to an in-memory fake that accepts test keys. Use loadProvider with the vendor's credentials instead",
    );
  }
  const name = (options.provider ?? env.AUTHMUX_PROVIDER ?? "").trim().toLowerCase();
  if (!name) {
    throw new AuthmuxError("invalid_input", `no provider named: pass { provider } to loadFakeProvider or set AUTHMUX_PROVIDER (one of ${KNOWN_PROVIDERS.join(", ")})`);
  }
  const fakeOptions = Object.fromEntries(Object.entries(options).filter(([key]) => !OWN_KEYS.has(key)));
  const requires = options.requires ?? [];

  if (name === "mock") {
    const mock = createMockProvider(fakeOptions as MockProviderOptions);
    // Through loadProvider for the same `requires` checks; the mock is built already, with every option it takes.
    const adapters = [{ ...mockDefinition, create: () => mock }];
    const provider = await loadProvider({ provider: "mock", env: {}, requires, adapters });
    return { provider, fake: null, controls: mock.controls };
  }

  const factory = options.fakes?.[name] ?? (await importFakeFactory(name));
  const fake = factory(fakeOptions);
  if (typeof fake?.adapterOptions !== "object" || typeof fake.controls !== "object") {
    throw new AuthmuxError("invalid_input", `the fake for "${name}" has no adapterOptions or controls: is it a vendor fake from @authmux/${name}/testing?`);
  }
  // `env: {}`: the fake's options only, so no real credential in the environment reaches the fake's adapter.
  const provider = await loadProvider({
    ...fake.adapterOptions,
    ...options.adapterOptions,
    provider: name,
    env: {},
    requires,
    ...(options.adapters ? { adapters: options.adapters } : {}),
  });
  return { provider, fake, controls: fake.controls };
}

/** The `create<Vendor>Fake` export of `@authmux/<name>/testing`. */
export async function importFakeFactory(name: string, load: (specifier: string) => Promise<unknown> = (s) => import(/* @vite-ignore */ /* webpackIgnore: true */ /* turbopackIgnore: true */ s)): Promise<FakeFactory> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new AuthmuxError("invalid_input", `unknown provider "${name}": expected one of ${KNOWN_PROVIDERS.join(", ")}`);
  }
  const specifier = `@authmux/${name}/testing`;
  let mod: Record<string, unknown>;
  try {
    mod = (await load(specifier)) as Record<string, unknown>;
  } catch (error) {
    if (isAuthmuxError(error)) throw error;
    if (isModuleNotFound(error, "msw")) {
      throw new AuthmuxError("invalid_input", `${specifier} needs the package msw: install it as a dev dependency (npm install --save-dev msw)`, { cause: error });
    }
    if (isModuleNotFound(error, specifier) || isModuleNotFound(error, `@authmux/${name}`)) {
      throw new AuthmuxError("invalid_input", missingAdapterMessage(name), { cause: error });
    }
    throw error;
  }
  const wanted = `create${name.replace(/-/g, "")}fake`;
  const found = Object.entries(mod).find(([key, value]) => key.toLowerCase() === wanted && typeof value === "function");
  if (!found) throw new AuthmuxError("invalid_input", `${specifier} does not export a vendor fake factory (create…Fake)`);
  return found[1] as FakeFactory;
}
