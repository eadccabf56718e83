import { AuthmuxError, isAuthmuxError, type PasswordHash, type ProviderWith, supports, type User } from "@authmux/core";
import { type IdMapSink, type IdPair, isFinal, type JournalSink, type ResumeState, type UserEntry } from "./journal.js";
import { createPacer, type Pacer } from "./pacing.js";
import { planUser, SOURCE_ID_KEY, type UserPlan } from "./plan.js";
import type { SourceUser } from "./source-user.js";
import { type MigrationSummary, Tally } from "./tally.js";

export type { MigrationSummary } from "./tally.js";

/** Options of {@link migrateUsers}. */
export interface MigrateOptions {
  /** The users to move, one at a time (`providerSource`, `ndjsonSource`, the Clerk CSV source, or any async iterable). */
  source: AsyncIterable<SourceUser>;
  /** Any provider with `users.create`; `users.read` lets a run match users already there, `passwords.import` carries hashes. */
  target: ProviderWith<"users.create">;
  /** Where each user's state goes (required unless `dryRun`). */
  journal?: JournalSink;
  /** Where `source id → target id` pairs go (required unless `dryRun`). */
  idMap?: IdMapSink;
  /** The journal so far, to continue a run: final users are skipped, `seen` ones looked up at the target first. */
  resume?: ResumeState;
  /** Read and map every user, decide each password, call nothing at the target and write nothing. */
  dryRun?: boolean;
  /** The metadata key that keeps the source id at the target; default `authmuxSourceId`; `null` for none. */
  sourceIdKey?: string | null;
  /** Users in flight at once; default 4. */
  concurrency?: number;
  /** Paces the calls to the target; unpaced by default. */
  pacer?: Pacer;
  /** Users journaled (and fsync'd) together; default 100. */
  batchSize?: number;
  /** Attempts of one call under 429s (each waits the vendor's `Retry-After`); default 6. */
  maxAttempts?: number;
  /** Called once per user, in batch order: for progress and reports. */
  onUser?: (outcome: UserOutcome) => void;
  /** Stops at the next batch boundary (everything before it is journaled). */
  signal?: AbortSignal;
}

/** What became of one user in this run; `skipped` = final in the journal already. */
export type UserOutcome =
  | (UserEntry & {
      /** True for a dry run: nothing was written. */
      readonly dryRun: boolean;
    })
  | {
      /** The user's id at the source. */
      readonly id: string;
      /** Final in the journal already: not touched. */
      readonly state: "skipped";
      /** True for a dry run. */
      readonly dryRun: boolean;
    };


/**
 * Moves users from a source to a target provider, resumably. Per batch: every user about to be written is journaled
 * `seen` (durably) before the target hears of it; then each is created — or matched, when the target already holds
 * its email — its hash imported where the target takes it, and its final state journaled with the id pair. A run
 * stopped anywhere (even killed) continues with `resume` and neither duplicates nor loses anyone.
 *
 * @example
 * const summary = await migrateUsers({ source: providerSource(clerkProvider), target: stytchProvider, journal, idMap });
 */
export async function migrateUsers(options: MigrateOptions): Promise<MigrationSummary> {
  const dryRun = options.dryRun === true;
  const { journal, idMap } = options;
  if (!dryRun && (journal === undefined || idMap === undefined)) {
    throw new AuthmuxError("invalid_input", "migrateUsers needs a journal and an id map (or dryRun: true)");
  }
  const concurrency = positive(options.concurrency ?? 4, "concurrency");
  const batchSize = positive(options.batchSize ?? 100, "batchSize");
  const worker = new Placer(options.target, options.pacer ?? createPacer({ rate: 0 }), positive(options.maxAttempts ?? 6, "maxAttempts"));
  const tally = new Tally(dryRun);
  let batch: SourceUser[] = [];
  let stopped = false;

  const flush = async () => {
    const todo: Array<{ user: SourceUser; plan: UserPlan; seen: boolean }> = [];
    for (const user of batch) {
      const state = options.resume?.stateOf(user.id);
      if (state !== undefined && isFinal(state)) {
        tally.skip();
        options.onUser?.({ id: user.id, state: "skipped", dryRun });
      } else {
        todo.push({ user, plan: planUser(user, options.target, options.sourceIdKey === undefined ? SOURCE_ID_KEY : options.sourceIdKey), seen: state === "seen" });
      }
    }
    batch = [];
    if (todo.length === 0) return;
    let results: UserEntry[];
    if (dryRun) {
      results = todo.map(({ user, plan }) => dryOutcome(user, plan));
    } else {
      await journal!.append(todo.filter((t) => t.plan.kind === "create").map(({ user }) => ({ id: user.id, state: "seen" as const })));
      results = await pool(todo, concurrency, (t) => worker.place(t.user, t.plan, t.seen));
      // The id map first: a stop between the two writes repeats a pair on resume, never loses one.
      const pairs: IdPair[] = results.flatMap((r) => (r.state === "created" || r.state === "matched" ? [{ from: r.id, to: r.to }] : []));
      if (pairs.length > 0) await idMap!.append(pairs);
      await journal!.append(results);
    }
    for (const [i, result] of results.entries()) {
      options.resume?.apply(result);
      tally.add(result, todo[i]!.plan);
      options.onUser?.({ ...result, dryRun });
    }
  };

  for await (const user of options.source) {
    tally.read();
    batch.push(user);
    if (batch.length >= batchSize) {
      await flush();
      if (options.signal?.aborted) {
        stopped = true;
        break;
      }
    }
  }
  if (!stopped) await flush();
  return tally.summary(stopped);
}

function dryOutcome(user: SourceUser, plan: UserPlan): UserEntry {
  if (plan.kind === "refuse") return { id: user.id, state: "refused", reason: plan.reason };
  // "created" here means "would be created"; the target id is not known.
  return plan.hash !== null
    ? { id: user.id, state: "created", to: "", password: "imported" }
    : { id: user.id, state: "created", to: "", password: "none", reason: plan.noPasswordReason ?? "no password hash" };
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return out;
}

function positive(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new AuthmuxError("invalid_input", `${what} must be a whole number of at least 1`);
  return value;
}

/** Codes that say the same call will fail again: the user is refused, not retried on resume. */
const PERMANENT = new Set(["invalid_input", "conflict", "not_supported", "permission_denied", "not_found"]);

/** Places users at the target: create or match, import the hash, and turn every failure into a journal entry. */
class Placer {
  readonly #read: ProviderWith<"users.read"> | null;

  constructor(
    private readonly target: ProviderWith<"users.create">,
    private readonly pacer: Pacer,
    private readonly maxAttempts: number,
  ) {
    this.#read = supports(target, "users.read") ? target : null;
  }

  async place(user: SourceUser, plan: UserPlan, seen: boolean): Promise<UserEntry> {
    if (plan.kind === "refuse") return { id: user.id, state: "refused", reason: plan.reason };
    try {
      if (seen) {
        // The last run journaled this user and stopped before its outcome: the target may hold it already.
        const existing = await this.#lookup(plan.input.email);
        if (existing !== null) return await this.#finish(user.id, existing, plan, "matched");
      }
      return await this.#create(user, plan);
    } catch (error) {
      return this.#failure(user.id, error);
    }
  }

  async #create(user: SourceUser, plan: Extract<UserPlan, { kind: "create" }>): Promise<UserEntry> {
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await this.#call(() => this.target.users.create(plan.input));
        return await this.#finish(user.id, created, plan, "created");
      } catch (error) {
        if (!isAuthmuxError(error)) throw error;
        if (error.code === "conflict") {
          const existing = await this.#lookup(plan.input.email);
          if (existing === null) throw error;
          return { id: user.id, state: "matched", to: existing.id, password: "unchanged", reason: "a user with this email was already at the target; left as it was" };
        }
        // A create that timed out or met a 5xx may have happened: look before trying again.
        if (error.code !== "provider_unavailable" || attempt >= 3) throw error;
        const existing = await this.#lookup(plan.input.email);
        if (existing !== null) return await this.#finish(user.id, existing, plan, "matched");
      }
    }
  }

  /** Records a user placed at the target, its hash imported where planned. */
  async #finish(id: string, placed: User, plan: Extract<UserPlan, { kind: "create" }>, state: "created" | "matched"): Promise<UserEntry> {
    if (plan.hash === null) return { id, state, to: placed.id, password: "none", reason: plan.noPasswordReason ?? "no password hash" };
    const imported = await this.#import(placed.id, plan.hash);
    return imported === true ? { id, state, to: placed.id, password: "imported" } : { id, state, to: placed.id, password: "none", reason: imported };
  }

  /** `true`, or why the import failed (the user stays, without a password). */
  async #import(userId: string, hash: PasswordHash): Promise<true | string> {
    if (!supports(this.target, "passwords.import")) return `${this.target.name} cannot import password hashes`;
    const target = this.target;
    try {
      await this.#call(() => target.passwords.importHash(userId, hash));
      return true;
    } catch (error) {
      if (isAuthmuxError(error)) return `the hash import failed (${error.code}): ${error.message}`;
      throw error;
    }
  }

  async #lookup(email: string): Promise<User | null> {
    const read = this.#read;
    if (read === null) return null;
    return this.#call(() => read.users.getByEmail(email));
  }

  /** One paced call; a 429 pauses every worker for the vendor's `Retry-After`, then the call is tried again. */
  async #call<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.pacer.take();
      try {
        return await fn();
      } catch (error) {
        // The HTTP client has already retried idempotent calls (honouring Retry-After); a 429 still here is one it
        // would not repeat (a POST) or one it gave up on: wait what the vendor asked, once per 429 received.
        if (!isAuthmuxError(error) || error.code !== "rate_limited" || attempt >= this.maxAttempts) throw error;
        this.pacer.pause(error.retryAfter ?? 2 ** attempt);
      }
    }
  }

  #failure(id: string, error: unknown): UserEntry {
    if (!isAuthmuxError(error)) {
      // Not ours to describe: its text could hold anything the target echoed.
      return { id, state: "failed", reason: `unexpected ${error instanceof Error ? error.name : "error"}`, code: "unexpected" };
    }
    // Our own credentials refused: every user would fail the same; stop the run.
    if (error.code === "provider_auth_failed") throw error;
    const permanent = PERMANENT.has(error.code) || (error.code === "provider_error" && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429);
    return { id, state: permanent ? "refused" : "failed", reason: error.message, code: error.code };
  }
}
