import type { UserEntry } from "./journal.js";
import type { UserPlan } from "./plan.js";

/** Distinct reasons kept for the summary; the rest are counted under one line (the journal has them all). */
const MAX_REASONS = 30;
const OTHER = "other reasons (see the report)";

/** What a run did. */
export interface MigrationSummary {
  /** Users read from the source. */
  readonly read: number;
  /** Users final in the journal before this run. */
  readonly skipped: number;
  /** Users created at the target. */
  readonly created: number;
  /** Users the target already held (same email), matched to it. */
  readonly matched: number;
  /** Users refused by a check (no email, a bad field, …): not retried. */
  readonly refused: number;
  /** Users whose write failed: a resumed run retries them. */
  readonly failed: number;
  /** Users given their password hash at the target. */
  readonly passwordsImported: number;
  /** Users created or matched without a password carried (each with its reason in the journal). */
  readonly withoutPassword: number;
  /** Users whose hash the target could not take (a subset of `withoutPassword`; a dry run exits 2 for these). */
  readonly hashesRefused: number;
  /** Reasons, most frequent first, with how many users each. */
  readonly reasons: ReadonlyArray<{
    /** The reason, in words. */
    readonly reason: string;
    /** How many users it applies to. */
    readonly count: number;
  }>;
  /** True for a dry run: nothing was written to the target. */
  readonly dryRun: boolean;
  /** True when `signal` stopped the run before the source ended. */
  readonly stopped: boolean;
}

/** Counts a run's outcomes into a {@link MigrationSummary}. */
export class Tally {
  #read = 0;
  #skipped = 0;
  readonly #states = { created: 0, matched: 0, refused: 0, failed: 0 };
  #imported = 0;
  #without = 0;
  #hashesRefused = 0;
  readonly #reasons = new Map<string, number>();

  constructor(private readonly dryRun: boolean) {}

  read(): void {
    this.#read++;
  }

  skip(): void {
    this.#skipped++;
  }

  add(entry: UserEntry, plan: UserPlan): void {
    if (entry.state === "seen") return;
    this.#states[entry.state]++;
    if (entry.state === "created" || entry.state === "matched") {
      if (entry.password === "imported") this.#imported++;
      else this.#without++;
      // A hash the source had and the target could not take: the case a dry run flags.
      if (entry.password === "none" && plan.kind === "create" && plan.hadHash) this.#hashesRefused++;
    }
    if ("reason" in entry && entry.reason !== undefined) this.#reason(entry.reason);
  }

  #reason(reason: string): void {
    const key = this.#reasons.has(reason) || this.#reasons.size < MAX_REASONS ? reason : OTHER;
    this.#reasons.set(key, (this.#reasons.get(key) ?? 0) + 1);
  }

  summary(stopped: boolean): MigrationSummary {
    return {
      read: this.#read,
      skipped: this.#skipped,
      ...this.#states,
      passwordsImported: this.#imported,
      withoutPassword: this.#without,
      hashesRefused: this.#hashesRefused,
      reasons: [...this.#reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      dryRun: this.dryRun,
      stopped,
    };
  }
}
