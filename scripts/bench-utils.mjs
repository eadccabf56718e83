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
