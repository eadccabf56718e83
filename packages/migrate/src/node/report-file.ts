import { rename } from "node:fs/promises";
import type { UserEntry } from "../journal.js";
import { openAppendFile } from "./append-file.js";
import { readJournalFile } from "./journal-file.js";

/** One line of the report: a user refused, failed, or placed without a password, and why. */
export interface ReportLine {
  /** The user's id at the source. */
  readonly id: string;
  /** Its last state in the journal. */
  readonly state: "refused" | "failed" | "created" | "matched";
  /** Its id at the target, when placed. */
  readonly to?: string;
  /** What became of its password, when placed. */
  readonly password?: string;
  /** Why it is reported. */
  readonly reason: string;
  /** The error code, when an error caused it. */
  readonly code?: string;
}

/** Totals over every run of a journal: users per final state, and the report's lines. */
export interface JournalTotals {
  /** Users per final state. */
  readonly states: Readonly<Record<string, number>>;
  /** How many lines the report holds. */
  readonly reported: number;
}

/** The report line of a journal entry, or `null` when the user moved whole (created or matched with its password). */
export function reportLine(entry: UserEntry): ReportLine | null {
  switch (entry.state) {
    case "seen":
      return null;
    case "created":
    case "matched":
      return entry.password === "imported" ? null : { id: entry.id, state: entry.state, to: entry.to, password: entry.password, reason: entry.reason ?? "no password carried" };
    default:
      return { id: entry.id, state: entry.state, reason: entry.reason, ...(entry.code ? { code: entry.code } : {}) };
  }
}

/**
 * Writes the report of every run in the journal at `journalPath` to `reportPath` (NDJSON, one {@link ReportLine} per
 * user not moved whole, its last state only), replacing the file at once. Memory holds the reported users only.
 */
export async function writeReportFromJournal(journalPath: string, reportPath: string): Promise<JournalTotals> {
  const states: Record<string, number> = { created: 0, matched: 0, refused: 0, failed: 0 };
  // A final state is journaled once per user; only `failed` may be followed by another, so only those are held.
  const failed = new Set<string>();
  const reported = new Map<string, ReportLine>();
  for await (const entry of readJournalFile(journalPath)) {
    if (!("state" in entry) || entry.state === "seen") continue;
    if (failed.delete(entry.id)) states.failed!--;
    if (entry.state === "failed") failed.add(entry.id);
    states[entry.state] = (states[entry.state] ?? 0) + 1;
    const line = reportLine(entry);
    if (line === null) reported.delete(entry.id);
    else reported.set(entry.id, line);
  }
  const tmp = `${reportPath}.tmp`;
  const file = await openAppendFile(tmp);
  const lines = [...reported.values()].map((l) => JSON.stringify(l));
  for (let i = 0; i < lines.length; i += 1000) await file.append(lines.slice(i, i + 1000));
  await file.close();
  await rename(tmp, reportPath);
  return { states, reported: reported.size };
}
