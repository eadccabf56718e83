import type { Capability } from "../capabilities/names.js";
import { isCapability } from "../capabilities/names.js";
import type { AnyProvider, Provider } from "../capabilities/provider.js";
import { AuthmuxError, isAuthmuxError } from "../errors/authmux-error.js";
import type { AnyProviderDefinition } from "./definition.js";
import { type EnvRecord, readRuntimeEnv } from "./env.js";
import { parseOptions } from "./validate.js";
import { type CommonOptions, commonOptionsShape } from "./common-options.js";
import { closest } from "../util/closest.js";

/** The adapters authmux publishes, by the name `AUTHMUX_PROVIDER` selects them with. */
export const KNOWN_PROVIDERS = ["mock", "kobble", "stytch", "clerk", "connectycube", "kustomer"] as const;

/**
 * The options of each provider by name, for typing {@link loadProvider}. Each adapter package adds its own
 * when its types are loaded (`import "@authmux/clerk"`, or `import type {} from "@authmux/clerk"` in an app
 * that picks the vendor by environment): then a misspelt or foreign option does not compile.
 *
 * @example
 * declare module "@authmux/core" {
 *   interface ProviderOptionsRegistry { acme: AcmeOptions }
 * }
 */
export interface ProviderOptionsRegistry {
  /** The mock from `@authmux/core/testing`. */
  mock: MockLoadOptions;
}

/** The mock's options as `loadProvider` takes them (`createMockProvider` takes more). */
export interface MockLoadOptions {
  /** Issuer of the mock's tokens. Env: `AUTHMUX_MOCK_ISSUER`. */
  issuer?: string | undefined;
  /** Audience of the mock's tokens. Env: `AUTHMUX_MOCK_AUDIENCE`. */
  audience?: string | undefined;
  /** Where login links point. */
  loginUrl?: string | undefined;
  /** Standard Webhooks secret (`whsec_…`). Env: `AUTHMUX_MOCK_WEBHOOK_SECRET`. */
  webhookSecret?: string | undefined;
  /** Epoch milliseconds now. */
  clock?: (() => number) | undefined;
}

/** The options of {@link loadProvider} itself, whatever the provider. */
export interface LoadProviderOwnOptions<R extends Capability = never> {
  /** Capabilities the app needs: the result is typed with exactly these, and start-up fails without them. */
  requires?: readonly R[];
  /** Environment variables to read instead of the host's (edge runtimes pass their bindings here). */
  env?: EnvRecord;
  /** Definitions to use instead of importing `@authmux/<name>` (bundled apps, tests). */
  adapters?: readonly AnyProviderDefinition[];
}

/** The provider names {@link ProviderOptionsRegistry} knows (those whose adapter types are loaded). */
export type RegisteredProvider = keyof ProviderOptionsRegistry & string;

/**
 * Options of {@link loadProvider}: its own ({@link LoadProviderOwnOptions}), the common options, and the adapter's
 * options — typed by `provider` when it names a registered adapter, else any registered adapter's (the vendor
 * comes from `AUTHMUX_PROVIDER`). Each is optional: the environment fills in the rest.
 */
export type LoadProviderOptions<R extends Capability = never> =
  | { [N in RegisteredProvider]: LoadProviderOwnOptions<R> & NamedProvider<N> & Partial<CommonOptions> & Partial<ProviderOptionsRegistry[N]> }[RegisteredProvider]
  | { [N in RegisteredProvider]: LoadProviderOwnOptions<R> & ProviderFromEnv & Partial<CommonOptions> & Partial<ProviderOptionsRegistry[N]> }[RegisteredProvider];

/** `provider` naming a registered adapter. */
export interface NamedProvider<N extends RegisteredProvider> {
  /** The adapter's name. */
  provider: N;
}

/** No `provider`: the adapter is the one `AUTHMUX_PROVIDER` names. */
export interface ProviderFromEnv {
  /** Left out: `AUTHMUX_PROVIDER` names the adapter. */
  provider?: undefined;
}

/**
 * Options for a provider named by a string that is not a registered name (a variable, another spelling, a
 * third-party adapter): the adapter's options are checked at start-up only.
 */
export type LoadUnregisteredProviderOptions<R extends Capability, P extends string> = LoadProviderOwnOptions<R> & {
  /** The adapter's name (any case). */
  provider: P extends RegisteredProvider ? never : P;
  [adapterOption: string]: unknown;
};

const OWN_KEYS = new Set(["provider", "requires", "env", "adapters"]);

/**
 * Builds the configured provider: picks the adapter (`provider` or `AUTHMUX_PROVIDER`), reads its options
 * from the arguments over the environment, validates them with the adapter's schema and checks `requires`.
 * Every configuration problem is an `invalid_input` or `not_supported` error here, at start-up.
 *
 * @example
 * const auth = await loadProvider({ requires: ["users.read", "tokens.verify"] });
 * const { userId } = await auth.tokens.verify(token);
 */
export async function loadProvider<const R extends Capability = never>(options?: LoadProviderOptions<R>): Promise<Provider<string, R>>;
export async function loadProvider<const R extends Capability = never, const P extends string = string>(
  options: LoadUnregisteredProviderOptions<R, P>,
): Promise<Provider<string, R>>;
export async function loadProvider<const R extends Capability = never>(
  options: LoadProviderOwnOptions<R> & { provider?: string | undefined } = {},
): Promise<Provider<string, R>> {
  const env = options.env ?? readRuntimeEnv();
  // Names are matched in any case: AUTHMUX_PROVIDER=Clerk means clerk.
  const name = (options.provider ?? env.AUTHMUX_PROVIDER ?? "").trim().toLowerCase();
  if (!name) {
    throw new AuthmuxError(
      "invalid_input",
      `no provider configured: pass { provider } to loadProvider or set AUTHMUX_PROVIDER (one of ${KNOWN_PROVIDERS.join(", ")})`,
    );
  }
  const requires = options.requires ?? [];
  for (const capability of requires) {
    if (!isCapability(capability)) throw new AuthmuxError("invalid_input", `requires names an unknown capability "${String(capability)}"`);
  }

  const definition = await findDefinition(name, options.adapters);
  const explicit = Object.fromEntries(Object.entries(options).filter(([key]) => !OWN_KEYS.has(key)));
  checkOptionNames(name, definition, Object.keys(explicit));
  const raw = { ...definition.fromEnv(env), ...explicit };
  const parsed = parseOptions(name, definition.optionsSchema, raw, definition.envVariables);
  const provider: AnyProvider = definition.create(parsed);

  const missing = requires.filter((c) => !provider.capabilities.includes(c));
  if (missing.length > 0) {
    // A capability an option enables says which option (and variable) to set.
    const hints = missing.flatMap((c) => {
      const option = definition.enabledBy?.[c];
      if (option === undefined) return [];
      const variable = definition.envVariables[option];
      return [`${c} needs option "${option}"${variable ? ` (environment variable ${variable})` : ""}`];
    });
    throw new AuthmuxError(
      "not_supported",
      `provider "${name}" lacks required capabilities: ${missing.join(", ")} (it has: ${provider.capabilities.join(", ") || "none"})${hints.length > 0 ? `; ${hints.join("; ")}` : ""}`,
      { provider: name },
    );
  }
  return provider as unknown as Provider<string, R>;
}

/**
 * Refuses an option the adapter does not have: a misspelt option must not be ignored. The common options are
 * accepted by every provider (the mock has no use for `timeoutMs`, an app switching to it keeps working).
 */
function checkOptionNames(provider: string, definition: AnyProviderDefinition, given: readonly string[]): void {
  const shape = (definition.optionsSchema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } })._zod?.def;
  if (shape?.type !== "object" || shape.shape === undefined) return; // not an object schema: it checks its own keys
  const known = new Set([...Object.keys(shape.shape), ...Object.keys(commonOptionsShape)]);
  const unknown = given.filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  const described = unknown.map((key) => {
    const near = closest(key, [...known]);
    return `"${key}"${near ? ` (did you mean "${near}"?)` : ""}`;
  });
  throw new AuthmuxError("invalid_input", `invalid ${provider} options: unknown option${unknown.length > 1 ? "s" : ""} ${described.join(", ")}`, { provider });
}


async function findDefinition(name: string, adapters: readonly AnyProviderDefinition[] = []): Promise<AnyProviderDefinition> {
  const given = adapters.find((d) => d.name === name);
  if (given) return given;
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new AuthmuxError("invalid_input", `unknown provider "${name}": expected one of ${KNOWN_PROVIDERS.join(", ")}`);
  }
  // The mock is found by name like the adapters, so a bundle of an app that calls loadProvider does not carry it.
  const specifier = name === "mock" ? "@authmux/core/testing" : `@authmux/${name}`;
  const exported = name === "mock" ? "mockDefinition" : "definition";
  let mod: Record<string, AnyProviderDefinition | undefined>;
  try {
    // The adapter is chosen at run time: bundlers must leave this import alone (a bundle passes `adapters`).
    mod = (await import(/* @vite-ignore */ /* webpackIgnore: true */ /* turbopackIgnore: true */ specifier)) as typeof mod;
  } catch (error) {
    if (isAuthmuxError(error)) throw error;
    if (!isModuleNotFound(error, specifier)) throw error;
    throw new AuthmuxError("invalid_input", missingAdapterMessage(name), { cause: error });
  }
  const definition = mod[exported];
  if (!definition || definition.name !== name || typeof definition.create !== "function") {
    throw new AuthmuxError("invalid_input", `${specifier} does not export an authmux adapter definition for "${name}"`);
  }
  return definition;
}

/** True when `error` says `specifier` itself could not be found (not one of its own imports). */
export function isModuleNotFound(error: unknown, specifier: string): boolean {
  // Only the adapter package itself missing counts: a missing dependency OF the adapter is a different
  // problem and keeps its own error. Runtimes word it differently, but all name the specifier.
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.message !== "string" || !e.message.includes(`'${specifier}'`) && !e.message.includes(`"${specifier}"`)) {
    return false;
  }
  return e.code === "ERR_MODULE_NOT_FOUND" || e.code === "MODULE_NOT_FOUND" || /cannot find|not found|failed to (load|resolve)/i.test(e.message);
}

/** What to tell the user when `@authmux/<name>` cannot be imported. */
export function missingAdapterMessage(name: string): string {
  if (name === "mock") {
    return 'provider "mock" could not be loaded from @authmux/core/testing: in a bundled app, pass it as adapters: [mockDefinition] (from "@authmux/core/testing")';
  }
  const specifier = `@authmux/${name}`;
  return (KNOWN_PROVIDERS as readonly string[]).includes(name)
    ? `provider "${name}" needs the package ${specifier}: install it (npm install ${specifier}); in a bundled app, pass its definition in adapters`
    : `unknown provider "${name}": expected one of ${KNOWN_PROVIDERS.join(", ")} (or install a package named ${specifier})`;
}
