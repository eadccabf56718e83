import type { MigrationSummary } from "../engine.js";

/** The final table of a run, as plain text lines. */
export function formatSummary(summary: MigrationSummary, heading: string, files: readonly string[]): string {
  const would = summary.dryRun ? "would be " : "";
  const rows: Array<[string, number]> = [
    ["read from the source", summary.read],
    ["already done (journal)", summary.skipped],
    [`${would}created`, summary.created],
    [`${would}matched (already at the target)`, summary.matched],
    [`${would}refused`, summary.refused],
    ["failed (retry with --resume)", summary.failed],
    [`passwords ${summary.dryRun ? "that would be " : ""}imported`, summary.passwordsImported],
    [`${would}placed without a password`, summary.withoutPassword],
    ["  of them with a hash the target cannot take", summary.hashesRefused],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const digits = Math.max(...rows.map(([, n]) => String(n).length));
  const lines = [heading, ...rows.map(([label, n]) => `  ${label.padEnd(width)}  ${String(n).padStart(digits)}`)];
  if (summary.reasons.length > 0) {
    lines.push("reasons:");
    for (const { reason, count } of summary.reasons) lines.push(`  ${String(count).padStart(digits)}  ${reason}`);
  }
  if (summary.stopped) lines.push("stopped before the end of the source: continue with --resume");
  lines.push(...files);
  return `${lines.join("\n")}\n`;
}
