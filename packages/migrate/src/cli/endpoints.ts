import { type Capability, type EnvRecord, loadProvider, type Provider } from "@authmux/core";
import { type DefaultRate, defaultRate } from "../rates.js";
import { UsageError } from "./usage-error.js";

/** What `--from` names: a provider, or a file in one of the two formats. */
export type SourceSpec = { kind: "provider"; name: string } | { kind: "clerk-csv" | "ndjson"; path: string };

/** Reads `--from`: `clerk-csv:FILE`, `ndjson:FILE`, or a provider name (`clerk`, `kustomer`, …). */
export function parseSourceSpec(value: unknown): SourceSpec {
  if (typeof value !== "string" || value.trim() === "") throw new UsageError("--from needs a provider name, clerk-csv:FILE or ndjson:FILE");
  const text = value.trim();
  const file = /^(clerk-csv|ndjson):(.+)$/.exec(text);
  if (file) return { kind: file[1] as "clerk-csv" | "ndjson", path: file[2]! };
  if (text.includes(":")) throw new UsageError(`--from ${text.split(":")[0]}:… is not a source: use clerk-csv:FILE, ndjson:FILE or a provider name`);
  return { kind: "provider", name: providerName(text, "--from") };
}

/** A provider name as `loadProvider` takes it. */
export function providerName(value: unknown, flag: string): string {
  if (typeof value !== "string" || !/^[a-z][a-z0-9-]*$/.test(value.trim())) throw new UsageError(`${flag} needs a provider name such as clerk, stytch, kobble, connectycube, kustomer or mock`);
  return value.trim();
}

/**
 * The environment one side reads: the host's, with `AUTHMUX_FROM_*` (or `AUTHMUX_TO_*`) laid over it minus the
 * prefix — so both sides can be the same vendor with different keys (`AUTHMUX_TO_CLERK_SECRET_KEY`).
 */
export function sideEnv(env: EnvRecord, side: "from" | "to"): Record<string, string | undefined> {
  const prefix = `AUTHMUX_${side.toUpperCase()}_`;
  const out: Record<string, string | undefined> = { ...env };
  for (const [key, value] of Object.entries(env)) if (key.startsWith(prefix) && key.length > prefix.length) out[key.slice(prefix.length)] = value;
  return out;
}

/** A provider configured exactly as `loadProvider` configures it from the environment, plus `--from-url`/`--to-url`. */
export async function openProvider<const R extends Capability>(
  name: string,
  side: "from" | "to",
  env: EnvRecord,
  requires: readonly R[],
  baseUrl: string | undefined,
): Promise<{ provider: Provider<string, R>; rate: DefaultRate }> {
  const vars = sideEnv(env, side);
  const provider = await loadProvider({ provider: name, env: vars, requires, ...(baseUrl !== undefined ? { baseUrl } : {}) });
  return { provider, rate: defaultRate(name, { secretKey: vars.CLERK_SECRET_KEY }) };
}
