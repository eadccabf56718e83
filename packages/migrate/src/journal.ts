/** Where a user stands in a migration. `seen` is written before any call to the target for that user. */
export type UserState = "seen" | "created" | "matched" | "refused" | "failed";

/** What became of a user's password at the target. */
export type PasswordOutcome = "imported" | "none" | "unchanged";

/**
 * One line of the journal. It holds ids, states and reasons only: never an email, a password or a hash.
 * `to` is the user's id at the target (created or matched).
 */
export type UserEntry =
  | {
      /** The user's id at the source. */
      readonly id: string;
      /** About to be written to the target. */
      readonly state: "seen";
    }
  | {
      /** The user's id at the source. */
      readonly id: string;
      /** Created at the target, or matched there by email. */
      readonly state: "created" | "matched";
      /** The user's id at the target. */
      readonly to: string;
      /** What became of the password. */
      readonly password: PasswordOutcome;
      /** Why the password was not imported, when it was not. */
      readonly reason?: string;
    }
  | {
      /** The user's id at the source. */
      readonly id: string;
      /** Refused by a check (not retried), or failed at the target (retried on resume). */
      readonly state: "refused" | "failed";
      /** Why, in words. */
      readonly reason: string;
      /** The error code, when an error caused it. */
      readonly code?: string;
    };

/** A run's first and last lines. */
export type RunEntry =
  | {
      /** A run began. */
      readonly run: "start";
      /** When (ISO 8601). */
      readonly at: string;
      /** The source's label. */
      readonly from: string;
      /** The target provider. */
      readonly to: string;
      /** Whether it resumed an earlier run. */
      readonly resume: boolean;
    }
  | {
      /** A run ended. */
      readonly run: "end";
      /** When (ISO 8601). */
      readonly at: string;
      /** Users per state in this run. */
      readonly counts: Readonly<Record<string, number>>;
    };

/** Any journal line. */
export type JournalEntry = UserEntry | RunEntry;

/** Where entries go; `append` resolves once they are durable (a file is fsync'd). */
export interface JournalSink {
  /** Writes entries; resolves once they are durable. */
  append(entries: readonly JournalEntry[]): Promise<void>;
}

/** One line of the id map: the user's id at the source and at the target. */
export interface IdPair {
  /** The id at the source. */
  readonly from: string;
  /** The id at the target. */
  readonly to: string;
}

/** Where id pairs go; `append` resolves once they are durable. */
export interface IdMapSink {
  /** Writes pairs; resolves once they are durable. */
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

  /** How many users the journal names. */
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
