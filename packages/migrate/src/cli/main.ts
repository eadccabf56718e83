import { type EnvRecord, isAuthmuxError } from "@authmux/core";
import { cac } from "cac";
import { migrateUsers, type UserOutcome } from "../engine.js";
import { openAppendFile } from "../node/append-file.js";
import { readIdMapFile } from "../node/id-map-read.js";
import { exists, openIdMapFile, openJournalFile, readResumeState } from "../node/journal-file.js";
import { reportLine, writeReportFromJournal } from "../node/report-file.js";
import { createPacer } from "../pacing.js";
import { DEFAULT_VERIFY_FIELDS, type Difference, VERIFY_FIELDS, type VerifyField, verifyMigration } from "../verify.js";
import { openProvider, parseSourceSpec, providerName } from "./endpoints.js";
import { intFlag, rateFlag, textFlag } from "./numbers.js";
import { openSource } from "./open-source.js";
import { createProgress } from "./progress.js";
import { formatSummary } from "./summary.js";
import { UsageError } from "./usage-error.js";

/** Where the CLI reads and writes: the process's, or a test's. */
export interface CliIo {
  /** Where results go. */
  readonly stdout: NodeJS.WritableStream & {
    /** Whether it is a terminal. */
    isTTY?: boolean;
  };
  /** Where progress and problems go (a progress bar when a terminal). */
  readonly stderr: NodeJS.WritableStream & {
    /** Whether it is a terminal. */
    isTTY?: boolean;
  };
  /** The environment the providers are configured from. */
  readonly env: EnvRecord;
  /** Aborted on SIGINT/SIGTERM: the run stops at the next batch boundary, journal intact. */
  readonly signal?: AbortSignal;
}

/** Exit codes: 0 done, 1 users failed or verify found differences, 2 bad arguments or a dry run with refusals, 130 stopped. */
export const EXIT = {
  /** Everything done (for a dry run: nothing the target would refuse). */
  ok: 0,
  /** Some users failed, or the run stopped on an error: run again to resume. */
  incomplete: 1,
  /** Bad arguments or files, or a dry run that found users or hashes the target would refuse. */
  usage: 2,
  /** Stopped by a signal, journal intact. */
  stopped: 130,
} as const;

const DEFAULTS = { journal: "authmux-migrate.journal.ndjson", idMap: "authmux-migrate.idmap.ndjson", report: "authmux-migrate.report.ndjson" };

/**
 * Runs `authmux migrate …` / `authmux migrate verify …` and resolves to the exit code. Bad arguments and
 * configuration problems are one line on stderr (exit 2), never a stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const cli = cac("authmux");
  let code: number = EXIT.ok;
  cli
    .command("migrate [action]", "Move users to another provider; `migrate verify` compares source and target")
    .option("--from <source>", "provider name (env as loadProvider reads it), clerk-csv:FILE or ndjson:FILE")
    .option("--to <provider>", "target provider name (env as loadProvider reads it)")
    .option("--from-url <url>", "the source vendor's API root (an emulator)")
    .option("--to-url <url>", "the target vendor's API root (an emulator)")
    .option("--journal <file>", `journal (NDJSON), default ${DEFAULTS.journal}`)
    .option("--id-map <file>", `id map (NDJSON, or CSV for *.csv), default ${DEFAULTS.idMap}`)
    .option("--report <file>", `users not moved whole, with reasons (NDJSON), default ${DEFAULTS.report}`)
    .option("--resume", "continue the run the journal records")
    .option("--dry-run", "read and map everything, write nothing; exit 2 when any user would be refused")
    .option("--source-id-key <key>", 'metadata key keeping the source id at the target (default authmuxSourceId; "none" for none)')
    .option("--concurrency <n>", "users in flight at once (default 4)")
    .option("--rate <n>", "requests per second to the target (default: the vendor's documented limit; 0 = unpaced)")
    .option("--batch-size <n>", "users journaled together (default 100)")
    .option("--fields <list>", `verify: fields to compare (${VERIFY_FIELDS.join(",")}), default ${DEFAULT_VERIFY_FIELDS.join(",")}`)
    .action(async (action: string | undefined, flags: Record<string, unknown>) => {
      if (action === undefined) code = await migrate(flags, io);
      else if (action === "verify") code = await verify(flags, io);
      else throw new UsageError(`unknown action "${action}": use "authmux migrate …" or "authmux migrate verify …"`);
    });
  cli.help();
  try {
    cli.parse(["node", "authmux", ...argv], { run: false });
    if (cli.options.help) return EXIT.ok;
    if (cli.matchedCommand === undefined) throw new UsageError(`unknown command${cli.args[0] ? ` "${cli.args[0]}"` : ""}: try "authmux migrate --help"`);
    await cli.runMatchedCommand();
    return code;
  } catch (error) {
    io.stderr.write(`authmux: ${describe(error)}\n`);
    return isUsage(error) ? EXIT.usage : EXIT.incomplete;
  }
}

async function migrate(flags: Record<string, unknown>, io: CliIo): Promise<number> {
  const spec = parseSourceSpec(flags.from);
  const to = providerName(flags.to, "--to");
  const journalPath = textFlag(flags.journal, "--journal") ?? DEFAULTS.journal;
  const idMapPath = textFlag(flags.idMap, "--id-map") ?? DEFAULTS.idMap;
  const reportPath = textFlag(flags.report, "--report") ?? DEFAULTS.report;
  const concurrency = intFlag(flags.concurrency, "--concurrency", 4, 1, 256);
  const batchSize = intFlag(flags.batchSize, "--batch-size", 100, 1, 10_000);
  const rate = rateFlag(flags.rate);
  const dryRun = flags.dryRun === true;
  const sourceIdKey = textFlag(flags.sourceIdKey, "--source-id-key");
  const resume = flags.resume === true;
  if (!dryRun && !resume && (await exists(journalPath))) {
    throw new UsageError(`${journalPath} exists: add --resume to continue that run, or pass another --journal`);
  }
  const source = await openSource(spec, io.env, textFlag(flags.fromUrl, "--from-url"));
  const { provider: target, rate: vendorRate } = await openProvider(to, "to", io.env, ["users.create"], textFlag(flags.toUrl, "--to-url"));
  const pace = rate ?? vendorRate.rate;
  io.stderr.write(`authmux migrate: ${source.label} → ${to}${dryRun ? " (dry run: nothing is written)" : ""}; ${pace > 0 ? `${pace} requests/s` : "unpaced"}${rate === undefined ? ` (${vendorRate.basis})` : ""}, concurrency ${concurrency}\n`);

  const resumeState = resume && (await exists(journalPath)) ? await readResumeState(journalPath) : undefined;
  const progress = createProgress({ total: await source.count(), stream: io.stderr });
  const journal = dryRun ? undefined : await openJournalFile(journalPath);
  const idMap = dryRun ? undefined : await openIdMapFile(idMapPath);
  // A dry run has no journal: its report is written as it goes, in order, a thousand lines at a time.
  const dryReport = dryRun ? await openAppendFile(await fresh(reportPath)) : undefined;
  let pending: string[] = [];
  let reportWrites = Promise.resolve();
  const flushReport = () => {
    const lines = pending;
    pending = [];
    if (dryReport && lines.length > 0) reportWrites = reportWrites.then(() => dryReport.append(lines));
  };
  const onUser = (outcome: UserOutcome) => {
    progress.user(outcome);
    if (!dryReport || outcome.state === "skipped") return;
    const line = reportLine(outcome);
    if (line !== null) pending.push(JSON.stringify({ ...line, to: undefined }));
    if (pending.length >= 1000) flushReport();
  };
  let summary;
  try {
    await journal?.append([{ run: "start", at: new Date().toISOString(), from: source.label, to, resume }]);
    summary = await migrateUsers({
      source: source.users,
      target,
      ...(journal ? { journal } : {}),
      ...(idMap ? { idMap } : {}),
      ...(resumeState ? { resume: resumeState } : {}),
      dryRun,
      ...(sourceIdKey !== undefined ? { sourceIdKey: sourceIdKey === "none" ? null : sourceIdKey } : {}),
      concurrency,
      batchSize,
      pacer: createPacer({ rate: pace }),
      onUser,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    await journal?.append([{ run: "end", at: new Date().toISOString(), counts: { read: summary.read, created: summary.created, matched: summary.matched, refused: summary.refused, failed: summary.failed } }]);
  } finally {
    progress.stop();
    await journal?.close();
    await idMap?.close();
    if (dryReport) {
      flushReport();
      await reportWrites;
      await dryReport.close();
    }
  }
  const files: string[] = [];
  if (dryRun) {
    files.push(`report: ${reportPath}`);
  } else {
    const totals = await writeReportFromJournal(journalPath, reportPath);
    files.push(
      `all runs: ${Object.entries(totals.states).map(([s, n]) => `${s} ${n}`).join(", ")}`,
      `journal: ${journalPath}`,
      `id map: ${idMapPath}`,
      `report: ${reportPath} (${totals.reported} users not moved whole, each with its reason)`,
    );
  }
  io.stdout.write(formatSummary(summary, `authmux migrate: ${source.label} → ${to}${dryRun ? " (dry run)" : ""}`, files));
  if (summary.stopped) return EXIT.stopped;
  if (dryRun) return summary.refused > 0 || summary.hashesRefused > 0 ? EXIT.usage : EXIT.ok;
  return summary.failed > 0 ? EXIT.incomplete : EXIT.ok;
}

async function verify(flags: Record<string, unknown>, io: CliIo): Promise<number> {
  const spec = parseSourceSpec(flags.from);
  const to = providerName(flags.to, "--to");
  const idMapPath = textFlag(flags.idMap, "--id-map") ?? DEFAULTS.idMap;
  const fields = fieldsFlag(flags.fields);
  const concurrency = intFlag(flags.concurrency, "--concurrency", 4, 1, 256);
  const rate = rateFlag(flags.rate);
  if (!(await exists(idMapPath))) throw new UsageError(`cannot read the id map ${idMapPath}: no such file (pass --id-map)`);
  const idMap = await readIdMapFile(idMapPath);
  const source = await openSource(spec, io.env, textFlag(flags.fromUrl, "--from-url"));
  const { provider: target, rate: vendorRate } = await openProvider(to, "to", io.env, ["users.read"], textFlag(flags.toUrl, "--to-url"));
  const shown = { n: 0 };
  const onDifference = (d: Difference) => {
    if (shown.n++ < 1000) io.stdout.write(`${d.id}${d.to ? ` → ${d.to}` : ""}  ${d.field}: ${d.detail}\n`);
  };
  const summary = await verifyMigration({ source: source.users, target, idMap, fields, onDifference, concurrency, pacer: createPacer({ rate: rate ?? vendorRate.rate }) });
  if (shown.n > 1000) io.stdout.write(`… and ${shown.n - 1000} more differences\n`);
  io.stdout.write(
    [
      `authmux migrate verify: ${source.label} → ${to}`,
      `  source users              ${summary.sourceUsers}`,
      `  target users              ${summary.targetUsers ?? "(the target cannot list)"}`,
      `  in the id map             ${idMap.size}`,
      `  missing at the target     ${summary.missing}`,
      `  users with differences    ${summary.differing}`,
      `  differences               ${summary.differences}`,
      `  password sign-in works    ${summary.passwordsAtTarget}${summary.passwordUnknown > 0 ? ` (${summary.passwordUnknown} the target cannot tell)` : ""}`,
      "",
    ].join("\n"),
  );
  return summary.differences > 0 ? EXIT.incomplete : EXIT.ok;
}

function fieldsFlag(value: unknown): VerifyField[] {
  const text = textFlag(value, "--fields");
  if (text === undefined) return [...DEFAULT_VERIFY_FIELDS];
  const names = text.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(VERIFY_FIELDS as readonly string[]).includes(n));
  if (names.length === 0 || bad.length > 0) throw new UsageError(`--fields takes a comma-separated list of ${VERIFY_FIELDS.join(", ")}`);
  return names as VerifyField[];
}

/** `path`, emptied (the dry run's report replaces any earlier one). */
async function fresh(path: string): Promise<string> {
  const { writeFile } = await import("node:fs/promises");
  await writeFile(path, "");
  return path;
}

function isUsage(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  if (error instanceof Error && error.name === "CACError") return true;
  // Configuration found wrong at start-up: a missing variable, an unknown provider, a missing capability.
  return isAuthmuxError(error) && (error.code === "invalid_input" || error.code === "not_supported");
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return "unexpected error";
}
