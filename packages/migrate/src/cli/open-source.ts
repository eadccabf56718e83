import { createReadStream } from "node:fs";
import type { EnvRecord } from "@authmux/core";
import { clerkCsvFileSource } from "../node/clerk-csv-file.js";
import { exists } from "../node/journal-file.js";
import { createPacer } from "../pacing.js";
import type { SourceUser } from "../source-user.js";
import { readLines } from "../sources/lines.js";
import { ndjsonSource } from "../sources/ndjson.js";
import { providerSource } from "../sources/provider.js";
import { openProvider, type SourceSpec } from "./endpoints.js";
import { UsageError } from "./usage-error.js";

/** An opened source: its users, a label for output, and how many users it holds when that is cheap to know. */
export interface OpenedSource {
  readonly users: AsyncIterable<SourceUser>;
  readonly label: string;
  count(): Promise<number | null>;
}

/** Opens what `--from` names: a file (checked readable now), or a provider with `users.list` from the environment. */
export async function openSource(spec: SourceSpec, env: EnvRecord, baseUrl: string | undefined): Promise<OpenedSource> {
  if (spec.kind === "provider") {
    const { provider, rate } = await openProvider(spec.name, "from", env, ["users.list"], baseUrl);
    const users = providerSource(provider, { pacer: createPacer({ rate: rate.rate }) });
    return { users, label: spec.name, count: async () => null };
  }
  if (!(await exists(spec.path))) throw new UsageError(`cannot read ${spec.path}: no such file`);
  const lines = async () => {
    let n = 0;
    for await (const line of readLines(createReadStream(spec.path))) if (line.text.trim() !== "") n++;
    return n;
  };
  if (spec.kind === "ndjson") return { users: ndjsonSource(createReadStream(spec.path)), label: `ndjson:${spec.path}`, count: lines };
  // Header line aside; a quoted cell holding a newline makes this an estimate.
  return { users: clerkCsvFileSource(spec.path), label: `clerk-csv:${spec.path}`, count: async () => Math.max(0, (await lines()) - 1) };
}
