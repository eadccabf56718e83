// Shared by the packages' token-verification benchmarks: one way to measure, so ratios compare.

/** Verifies every token with `concurrency` workers; returns verifications per second. */
export async function throughput(verify, tokens, concurrency) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tokens.length) await verify(tokens[next++]);
    }),
  );
  return tokens.length / ((performance.now() - start) / 1000);
}

/** The median of a list of numbers. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs `variants` (name → verify function) over `tokens`, interleaved round by round so machine noise hits
 * them alike, after a warm-up; returns the median throughput of each per concurrency.
 */
export async function compare(variants, tokens, { rounds = 5, concurrencies = [1, 8] } = {}) {
  assertDistinct(tokens);
  const out = {};
  for (const concurrency of concurrencies) {
    const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (const make of Object.values(variants)) await throughput(make(), tokens.slice(0, 200), concurrency);
    for (let r = 0; r < rounds; r++) {
      for (const [name, make] of Object.entries(variants)) samples[name].push(await throughput(make(), tokens, concurrency));
    }
    out[`c${concurrency}`] = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))]));
  }
  return out;
}

/**
 * Prints each concurrency's adapter/raw-jose ratio, writes the results as JSON next to the bench
 * (the `verify` section of `results/bench.json`), and with `--check` exits 1 when a ratio is under `target`.
 */
export async function reportAgainstJose({ label, adapter, results, target, benchUrl, extra = {} }) {
  const failures = [];
  for (const [c, r] of Object.entries(results)) {
    r.ratio = +(r[adapter] / r.rawJose).toFixed(2);
    console.log(`${label} ${c}: raw jose ${r.rawJose}/s · adapter ${r[adapter]}/s (${r.ratio}×)`);
    if (r.ratio < target) failures.push(`${c} ${r.ratio}× < ${target}×`);
  }
  await writeBenchResults(benchUrl, "verify", { ...extra, target, ...results });
  if (failures.length) {
    console.log(`below target: ${failures.join("; ")}`);
    if (process.argv.includes("--check")) process.exit(1);
  }
}

/**
 * Records one benchmark's figures as `section` of the package's `bench/results/bench.json` (one file per
 * package, every section with the Node version and date it was measured on), keeping the other sections.
 */
export async function writeBenchResults(benchUrl, section, data) {
  const { mkdirSync, readFileSync, writeFileSync } = await import("node:fs");
  const { dirname, join } = await import("node:path");
  const { fileURLToPath } = await import("node:url");
  const file = join(dirname(fileURLToPath(benchUrl)), "results", "bench.json");
  let all = {};
  try {
    all = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // first section written
  }
  all[section] = { node: process.version, date: new Date().toISOString(), ...data };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`written to bench/results/bench.json (${section})`);
}

/**
 * Throws unless every token is a different string: a "unique token" figure measured with repeats would count
 * cache hits as verifications.
 */
export function assertDistinct(tokens) {
  const distinct = new Set(tokens).size;
  if (distinct !== tokens.length) throw new Error(`bench: only ${distinct} of ${tokens.length} tokens are distinct`);
  return distinct;
}

/**
 * Cache hits: `variants` (name → factory of a verify function) each verify one token once, then the same token
 * `calls` times with one in flight, interleaved over `rounds`; returns each one's median rate and, for every
 * variant after the first, its ratio to the first (the core engine).
 */
export async function cacheHits(variants, token, { rounds = 5, calls = 20000 } = {}) {
  const repeated = Array.from({ length: calls }, () => token);
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let r = 0; r < rounds + 1; r++) {
    for (const [name, make] of Object.entries(variants)) {
      const verify = await make();
      await verify(token);
      const rate = await throughput(verify, repeated, 1);
      if (r > 0) samples[name].push(rate); // the first round warms up
    }
  }
  const names = Object.keys(variants);
  const out = Object.fromEntries(names.map((n) => [`${n}PerSec`, Math.round(median(samples[n]))]));
  for (const n of names.slice(1)) out[`${n}Ratio`] = +(median(samples[n]) / median(samples[names[0]])).toFixed(2);
  return out;
}
