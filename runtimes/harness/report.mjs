/** Prints the failures and one summary line for a runtime; true when anything failed. */
export function printReport(runtime, results) {
  for (const f of results.failures) console.log(`\n  ✗ [${runtime}] ${f.file} > ${f.name}\n    ${f.error.replaceAll("\n", "\n    ")}`);
  for (const s of results.runtimeSkips ?? []) console.log(`  skipped on ${runtime}: ${s.file} > ${s.name}\n    because ${s.reason}`);
  for (const note of results.notes ?? []) console.log(`  note [${runtime}]: ${note}`);
  console.log(`${runtime}: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
  return results.failed > 0 || results.passed === 0;
}
