// pnpm bench: the Kustomer adapter's tokens.verify (HS256 chat tokens) against raw jose on the same secret,
// interleaved in one run. Target: ≥ 0.95× raw jose on unique tokens. Writes bench/results/verify.json; `--check`
// fails below it.
import { jwtVerify } from "jose";
import { kustomer } from "../dist/index.js";
import { createKustomerFake } from "../dist/testing/index.js";
import { createJwtVerifier } from "@authmux/core";
import { assertDistinct, cacheHits, compare, reportAgainstJose } from "../../../scripts/bench-utils.mjs";

const TOKENS = Number(process.env.BENCH_TOKENS ?? 1500);
const TARGET = 0.95;

const fake = createKustomerFake();
const users = await Promise.all(Array.from({ length: 50 }, (_, i) => fake.controls.seedUser({ email: `u${i}@example.com` })));
// Unique tokens: each (customer, iat) pair once, iat within the last 10 minutes of the 15-minute window
// (600 seconds × 50 customers: up to 30,000 distinct tokens); compare() asserts they are all distinct.
const base = Date.now();
const tokens = [];
for (let i = 0; i < TOKENS; i++) {
  fake.controls.setClock(base - (i % 600) * 1000);
  tokens.push(await fake.controls.issueToken(users[Math.floor(i / 600) % users.length].id));
}
fake.controls.setClock(base);
const warmup = await Promise.all(users.map((u) => fake.controls.issueToken(u.id)));

// The reference gets the key imported once, as the adapter holds it: jose would otherwise import raw bytes
// on every call and the ratio would measure that, not verification.
const secret = await crypto.subtle.importKey("raw", new TextEncoder().encode(fake.options.chatSecret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
const options = { issuer: fake.options.baseUrl, algorithms: ["HS256"], maxTokenAge: 900, requiredClaims: ["iat"] };

// A fresh adapter per round (cold token cache), so every token is verified in full. Its customer lookups are
// warmed with one other token per customer first: in a running app the 50 customers were seen before, and
// the lookup (a network call) is per customer, not per token.
const ready = [];
async function warmAdapter() {
  const auth = kustomer({ apiKey: fake.options.apiKey, orgName: fake.options.org, chatSecret: fake.options.chatSecret, fetch: fake.fetch, clock: fake.clock });
  for (const t of warmup) await auth.tokens.verify(t);
  return auth;
}
for (let i = 0; i < 16; i++) ready.push(await warmAdapter());
// One of them serves the cache hits below: the fake rate-limits customer lookups as Kustomer does, so no
// fresh adapter per round.
const hitAdapter = ready.pop();
assertDistinct(tokens);

const results = await compare(
  {
    rawJose: () => (t) => jwtVerify(t, secret, options),
    kustomer: () => {
      const auth = ready.pop();
      if (!auth) throw new Error("bench: not enough warmed adapters");
      return (t) => auth.tokens.verify(t);
    },
  },
  tokens,
);

// Cache hits: the adapter on a token it has verified before, against core's engine on the same token.
const hits = await cacheHits(
  {
    core: () => {
      const verifier = createJwtVerifier({ secret: fake.options.chatSecret, issuer: fake.options.baseUrl, algorithms: ["HS256"], maxAgeSec: 900, requiredClaims: ["iat"], typ: "JWT" });
      return (t) => verifier.verify(t);
    },
    kustomer: () => (t) => hitAdapter.tokens.verify(t),
  },
  warmup[0],
);
console.log(`kustomer cache hits: ${hits.kustomerPerSec}/s, core ${hits.corePerSec}/s (${hits.kustomerRatio}× core; goal ≥ 0.8)`);

await reportAgainstJose({ label: "kustomer tokens.verify HS256", adapter: "kustomer", results, target: TARGET, benchUrl: import.meta.url, extra: { tokens: TOKENS, distinctTokens: TOKENS, cacheHits: hits } });
