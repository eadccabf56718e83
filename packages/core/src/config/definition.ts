import type { $ZodType } from "zod/v4/core";
import type { AnyProvider } from "../capabilities/provider.js";
import type { Capability } from "../capabilities/names.js";
import type { EnvRecord } from "./env.js";

/**
 * What an adapter package exports as `definition`, so `loadProvider` can build it from configuration.
 */
export interface ProviderDefinition<Name extends string = string, Options = unknown, P extends AnyProvider = AnyProvider> {
  /** The name `AUTHMUX_PROVIDER` selects it by. */
  readonly name: Name;
  /** Every capability the adapter can declare (some may depend on options). */
  readonly capabilities: readonly Capability[];
  /** The zod schema of the factory's options (a `zod/mini` schema keeps edge bundles small). */
  readonly optionsSchema: $ZodType<Options, unknown>;
  /** Option name → environment variable name, used by `fromEnv` and to name missing variables in errors. */
  readonly envVariables: Readonly<Record<string, string>>;
  /** Capability → the option that enables it (`webhooks` → `webhookSecret`), to say what to set when it is missing. */
  readonly enabledBy?: Readonly<Partial<Record<Capability, string>>>;
  /** Raw options read from environment variables (validated afterwards with `optionsSchema`). */
  fromEnv(env: EnvRecord): Record<string, unknown>;
  /** Builds the provider from validated options. */
  create(options: Options): P;
}

/** Any definition, whatever its options (each checks its own with `optionsSchema`). */
export type AnyProviderDefinition = ProviderDefinition<string, any, AnyProvider>;
