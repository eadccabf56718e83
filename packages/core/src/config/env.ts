/** Environment variables as a plain record. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/**
 * The host's environment variables, read when called (never at import): `process.env` on Node, Bun and
 * Deno's Node compatibility layer; an empty record where there is none (edge runtimes pass `env` instead).
 */
export function readRuntimeEnv(): EnvRecord {
  const host = globalThis as { process?: { env?: EnvRecord } };
  return host.process?.env ?? {};
}

/**
 * Builds raw options from environment variables by a map of option name → variable name; unset and
 * empty variables are left out so the schema reports them as missing.
 */
export function optionsFromEnv(env: EnvRecord, variables: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [option, variable] of Object.entries(variables)) {
    const value = env[variable];
    if (value !== undefined && value.trim() !== "") out[option] = value;
  }
  return out;
}
