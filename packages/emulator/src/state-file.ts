import { readFile, rename, writeFile } from "node:fs/promises";
import type { JsonObject } from "@authmux/core";
import { UsageError } from "./usage-error.js";
import type { VendorName } from "./vendors.js";

/** What a state file holds: which vendor's fake, and its snapshot. */
interface StateFile {
  authmuxEmulator: 1;
  vendor: VendorName;
  savedAt: string;
  state: JsonObject;
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** The snapshot saved in `path` for `vendor`; `undefined` when there is no file yet (a first run). */
export async function readStateFile(path: string, vendor: VendorName): Promise<JsonObject | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`--state ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--state ${path}: not valid JSON (not a file this emulator saved)`);
  }
  if (!isObject(parsed) || parsed.authmuxEmulator !== 1 || !isObject(parsed.state)) {
    throw new UsageError(`--state ${path}: not an authmux emulator state file`);
  }
  if (parsed.vendor !== vendor) {
    throw new UsageError(`--state ${path}: holds the ${String(parsed.vendor)} fake's state, not ${vendor}'s: use another file`);
  }
  return parsed.state;
}

/** Writes the snapshot to `path` whole or not at all (a temporary file renamed over it). */
export async function writeStateFile(path: string, vendor: VendorName, state: JsonObject): Promise<void> {
  const file: StateFile = { authmuxEmulator: 1, vendor, savedAt: new Date().toISOString(), state };
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
