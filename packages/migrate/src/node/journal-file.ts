import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { AuthmuxError } from "@authmux/core";
import { type IdMapSink, type IdPair, type JournalEntry, type JournalSink, parseJournalLine, ResumeState } from "../journal.js";
import { readLines } from "../sources/lines.js";
import { type AppendFile, openAppendFile } from "./append-file.js";

/** A journal or id map on disk. */
export interface FileSink<T> {
  /** Appends items, one JSON line each; resolves once they are on disk. */
  append(items: readonly T[]): Promise<void>;
  /** Closes the file. */
  close(): Promise<void>;
}

/** The NDJSON journal at `path`, appended to and fsync'd per batch. */
export async function openJournalFile(path: string): Promise<JournalSink & FileSink<JournalEntry>> {
  const file = await openAppendFile(path);
  return { append: (entries) => file.append(entries.map((e) => JSON.stringify(e))), close: () => file.close() };
}

/**
 * The id map at `path`: NDJSON lines `{"from":"<source id>","to":"<target id>"}`, or — for a `.csv` path — CSV with
 * the header `source_id,target_id`. Appended to and fsync'd per batch; after a stop a pair may repeat (same ids).
 */
export async function openIdMapFile(path: string): Promise<IdMapSink & FileSink<IdPair>> {
  const csv = path.toLowerCase().endsWith(".csv");
  const isNew = !(await exists(path));
  const file: AppendFile = await openAppendFile(path);
  if (csv && isNew) await file.append(["source_id,target_id"]);
  const line = csv ? (p: IdPair) => `${csvCell(p.from)},${csvCell(p.to)}` : (p: IdPair) => JSON.stringify({ from: p.from, to: p.to });
  return { append: (pairs) => file.append(pairs.map(line)), close: () => file.close() };
}

/**
 * Every entry of the journal at `path`. A last line cut short (the process died mid-write) is skipped; an unreadable
 * line anywhere else means the file is not a journal, and is an `invalid_input` error.
 */
export async function* readJournalFile(path: string): AsyncGenerator<JournalEntry> {
  let held: { number: number; entry: JournalEntry | null; blank: boolean } | null = null;
  for await (const line of readLines(createReadStream(path))) {
    if (held !== null && held.entry === null && !held.blank) throw notJournal(path, held.number);
    if (held?.entry) yield held.entry;
    held = { number: line.number, entry: parseJournalLine(line.text), blank: line.text.trim() === "" };
  }
  if (held?.entry) yield held.entry;
}

/** The {@link ResumeState} of the journal at `path`. */
export async function readResumeState(path: string): Promise<ResumeState> {
  const state = new ResumeState();
  for await (const entry of readJournalFile(path)) state.apply(entry);
  return state;
}

/** True when a file exists at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

const notJournal = (path: string, line: number) =>
  new AuthmuxError("invalid_input", `${path} line ${line} is not a journal entry: is this an authmux migrate journal?`);

/** RFC 4180: quote a cell holding a comma, quote or line break. */
const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
