/** Where a user stands in a migration. `seen` is written before any call to the target for that user. */
export type UserState = "seen" | "created" | "matched" | "refused" | "failed";

/** What became of a user's password at the target. */
export type PasswordOutcome = "imported" | "none" | "unchanged";

/**
 * One line of the journal. It holds ids, states and reasons only: never an email, a password or a hash.
 * `to` is the user's id at the target (created or matched).
 */
export type UserEntry =
  | { readonly id: string; readonly state: "seen" }
  | { readonly id: string; readonly state: "created" | "matched"; readonly to: string; readonly password: PasswordOutcome; readonly reason?: string }
  | { readonly id: string; readonly state: "refused" | "failed"; readonly reason: string; readonly code?: string };

/** A run's first and last lines. */
export type RunEntry =
  | { readonly run: "start"; readonly at: string; readonly from: string; readonly to: string; readonly resume: boolean }
  | { readonly run: "end"; readonly at: string; readonly counts: Readonly<Record<string, number>> };

/** Any journal line. */
export type JournalEntry = UserEntry | RunEntry;

/** Where entries go; `append` resolves once they are durable (a file is fsync'd). */
export interface JournalSink {
  append(entries: readonly JournalEntry[]): Promise<void>;
}

/** One line of the id map: the user's id at the source and at the target. */
export interface IdPair {
  readonly from: string;
  readonly to: string;
}

/** Where id pairs go; `append` resolves once they are durable. */
export interface IdMapSink {
  append(pairs: readonly IdPair[]): Promise<void>;
}

/** True for the states a resumed run does not touch again (`seen` and `failed` are retried). */
export const isFinal = (state: UserState) => state === "created" || state === "matched" || state === "refused";

/**
 * What a journal says so far: each user's last state. A resumed run skips final users and looks up `seen` ones at the
 * target first (the run may have stopped between the target's create and the journal's write).
 */
export class ResumeState {
  readonly #states = new Map<string, UserState>();

  /** The last state of a user, or `undefined` when the journal never named it. */
  stateOf(id: string): UserState | undefined {
    return this.#states.get(id);
  }

  /** Applies one entry. */
  apply(entry: JournalEntry): void {
    if ("state" in entry) this.#states.set(entry.id, entry.state);
  }

  /** Users per last state. */
  counts(): Record<UserState, number> {
    const out: Record<UserState, number> = { seen: 0, created: 0, matched: 0, refused: 0, failed: 0 };
    for (const state of this.#states.values()) out[state]++;
    return out;
  }

  get size(): number {
    return this.#states.size;
  }
}

/** Reads a journal line; `null` for one that is not an entry (a torn last line). */
export function parseJournalLine(line: string): JournalEntry | null {
  if (line.trim() === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.run === "string") return value as RunEntry;
  if (typeof v.id === "string" && typeof v.state === "string" && ["seen", "created", "matched", "refused", "failed"].includes(v.state)) return value as UserEntry;
  return null;
}
