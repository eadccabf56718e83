import { createReadStream } from "node:fs";
import { AuthmuxError } from "@authmux/core";
import type { IdPair } from "../journal.js";
import { readLines } from "../sources/lines.js";

/** The id map file (NDJSON or CSV) as `source id → target id`; a later line wins. */
export async function readIdMapFile(path: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const csv = path.toLowerCase().endsWith(".csv");
  for await (const line of readLines(createReadStream(path))) {
    if (line.text.trim() === "") continue;
    const pair = csv ? csvPair(line.text) : jsonPair(line.text);
    if (pair === "header" && line.number === 1) continue;
    if (pair === null || pair === "header") throw new AuthmuxError("invalid_input", `${path} line ${line.number} is not an id map line`);
    map.set(pair.from, pair.to);
  }
  return map;
}

function jsonPair(text: string): IdPair | null {
  try {
    const v = JSON.parse(text) as { from?: unknown; to?: unknown };
    return typeof v.from === "string" && typeof v.to === "string" ? { from: v.from, to: v.to } : null;
  } catch {
    return null;
  }
}

function csvPair(text: string): IdPair | "header" | null {
  if (text === "source_id,target_id") return "header";
  const cells: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (const m of text.matchAll(re)) {
    const cell = m[1]!;
    cells.push(cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
    if (m[2] === "") break;
  }
  return cells.length === 2 && cells[0] !== "" && cells[1] !== "" ? { from: cells[0]!, to: cells[1]! } : null;
}

/**
 * The target ids of users placed without a password, from a report file (`authmux migrate --report`): the
 * `pendingPasswords` of `withMigration`, which moves each on its next sign-in.
 */
export async function readPendingPasswords(reportPath: string): Promise<Set<string>> {
  const pending = new Set<string>();
  for await (const line of readLines(createReadStream(reportPath))) {
    if (line.text.trim() === "") continue;
    let entry: { state?: unknown; to?: unknown; password?: unknown };
    try {
      entry = JSON.parse(line.text) as typeof entry;
    } catch {
      throw new AuthmuxError("invalid_input", `${reportPath} line ${line.number} is not a report line`);
    }
    if ((entry.state === "created" || entry.state === "matched") && entry.password === "none" && typeof entry.to === "string") pending.add(entry.to);
  }
  return pending;
}
