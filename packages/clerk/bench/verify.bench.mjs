// pnpm bench: the Clerk adapter's tokens.verify (RS256 session JWTs, networkless jwtKey) against raw jose
// on the same key, interleaved in one run. Target: ≥ 0.95× raw jose on unique tokens.
import { importSPKI, jwtVerify } from "jose";
import { clerk } from "../dist/index.js";
import { createClerkFake } from "../dist/testing/index.js";
import { createJwtVerifier } from "@authmux/core";
import { cacheHits, compare, reportAgainstJose } from "../../../scripts/bench-utils.mjs";

const TOKENS = Number(process.env.BENCH_TOKENS ?? 1500);
const TARGET = 0.95;

const fake = createClerkFake();
const users = await Promise.all(Array.from({ length: 50 }, (_, i) => fake.controls.seedUser({ email: `u${i}@example.com` })));
const tokens = await Promise.all(Array.from({ length: TOKENS }, (_, i) => fake.controls.issueToken(users[i % users.length].id)));
const pem = await fake.controls.jwtKey();
const publicKey = await importSPKI(pem, "RS256");

const results = await compare(
  {
    rawJose: () => (t) => jwtVerify(t, publicKey, { issuer: fake.options.issuer, algorithms: ["RS256"], typ: "JWT" }),
    // A fresh adapter per round (cold token cache), so every token is verified in full.
    clerk: () => {
      const auth = clerk({ secretKey: fake.options.secretKey, publishableKey: fake.options.publishableKey, jwtKey: pem, fetch: fake.fetch });
      return (t) => auth.tokens.verify(t);
    },
  },
  tokens,
);

// Cache hits: the adapter on a token it has verified before, against core's engine on the same token.
const hits = await cacheHits(
  {
    core: () => {
      const verifier = createJwtVerifier({ keys: pem, issuer: fake.options.issuer, algorithms: ["RS256"], typ: "JWT", requiredClaims: ["sub"] });
      return (t) => verifier.verify(t);
    },
    clerk: () => {
      const auth = clerk({ secretKey: fake.options.secretKey, publishableKey: fake.options.publishableKey, jwtKey: pem, fetch: fake.fetch });
      return (t) => auth.tokens.verify(t);
    },
  },
  tokens[0],
);
console.log(`clerk cache hits: ${hits.clerkPerSec}/s, core ${hits.corePerSec}/s (${hits.clerkRatio}× core; goal ≥ 0.8)`);

await reportAgainstJose({ label: "clerk tokens.verify RS256", adapter: "clerk", results, target: TARGET, benchUrl: import.meta.url, extra: { tokens: TOKENS, cacheHits: hits } });
