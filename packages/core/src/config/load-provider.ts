import type { Capability } from "../capabilities/names.js";
import { isCapability } from "../capabilities/names.js";
import type { AnyProvider, Provider } from "../capabilities/provider.js";
import { AuthmuxError, isAuthmuxError } from "../errors/authmux-error.js";
import type { AnyProviderDefinition } from "./definition.js";
import { type EnvRecord, readRuntimeEnv } from "./env.js";
import { parseOptions } from "./validate.js";

/** The adapters authmux publishes, by the name `AUTHMUX_PROVIDER` selects them with. */
export const KNOWN_PROVIDERS = ["mock", "kobble", "stytch", "clerk", "connectycube", "kustomer"] as const;

/** Options of {@link loadProvider}; any other key is an option of the adapter itself. */
export interface LoadProviderOptions<R extends Capability = never> {
  /** The adapter's name; defaults to the `AUTHMUX_PROVIDER` environment variable. */
  provider?: string;
  /** Capabilities the app needs: the result is typed with exactly these, and start-up fails without them. */
  requires?: readonly R[];
  /** Environment variables to read instead of the host's (edge runtimes pass their bindings here). */
  env?: EnvRecord;
  /** Definitions to use instead of importing `@authmux/<name>` (bundled apps, tests). */
  adapters?: readonly AnyProviderDefinition[];
  [adapterOption: string]: unknown;
}

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
export async function loadProvider<const R extends Capability = never>(
  options: LoadProviderOptions<R> = {},
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

async function findDefinition(name: string, adapters: readonly AnyProviderDefinition[] = []): Promise<AnyProviderDefinition> {
  const given = adapters.find((d) => d.name === name);
  if (given) return given;
  if (name === "mock") return (await import("../testing/definition.js")).mockDefinition;
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new AuthmuxError("invalid_input", `unknown provider "${name}": expected one of ${KNOWN_PROVIDERS.join(", ")}`);
  }
  const specifier = `@authmux/${name}`;
  let mod: { definition?: AnyProviderDefinition };
  try {
    mod = (await import(/* @vite-ignore */ specifier)) as typeof mod;
  } catch (error) {
    if (isAuthmuxError(error)) throw error;
    if (!isModuleNotFound(error, specifier)) throw error;
    throw new AuthmuxError("invalid_input", missingAdapterMessage(name), { cause: error });
  }
  const definition = mod.definition;
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
  const specifier = `@authmux/${name}`;
  return (KNOWN_PROVIDERS as readonly string[]).includes(name)
    ? `provider "${name}" needs the package ${specifier}: install it (npm install ${specifier})`
    : `unknown provider "${name}": expected one of ${KNOWN_PROVIDERS.join(", ")} (or install a package named ${specifier})`;
}
