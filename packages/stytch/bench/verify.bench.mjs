// pnpm bench: the Stytch adapter's tokens.verify (session JWTs, RS256) against raw jose on the same key,
// interleaved in one run. Target: ≥ 0.95× raw jose on unique tokens. Writes bench/results/verify.json.
import { importJWK, jwtVerify } from "jose";
import { stytch } from "../dist/index.js";
import { createStytchFake } from "../dist/testing/index.js";
import { createJwtVerifier } from "@authmux/core";
import { cacheHits, compare, reportAgainstJose } from "../../../scripts/bench-utils.mjs";

const TOKENS = Number(process.env.BENCH_TOKENS ?? 1500);
const TARGET = 0.95;

const fake = createStytchFake();
const users = await Promise.all(Array.from({ length: 50 }, (_, i) => fake.controls.seedUser({ email: `u${i}@example.com` })));
const tokens = await Promise.all(Array.from({ length: TOKENS }, (_, i) => fake.controls.issueToken(users[i % users.length].id)));
const jwks = await (await fake.fetch(`${fake.options.baseUrl}/v1/sessions/jwks/${fake.options.projectId}`)).json();
const publicKey = await importJWK(jwks.keys[0], "RS256");

const joseOptions = { issuer: `stytch.com/${fake.options.projectId}`, audience: fake.options.projectId, algorithms: ["RS256"], typ: "JWT" };
const results = await compare(
  {
    rawJose: () => (t) => jwtVerify(t, publicKey, joseOptions),
    // A fresh adapter per round: keys fetched once, cold token cache, so every token is verified in full.
    stytch: () => {
      const auth = stytch({ projectId: fake.options.projectId, secret: fake.options.secret, fetch: fake.fetch });
      return (t) => auth.tokens.verify(t);
    },
  },
  tokens,
);

// Cache hits: the adapter on a token it has verified before, against core's engine on the same token.
const hits = await cacheHits(
  {
    core: () => {
      const verifier = createJwtVerifier({ keys: jwks, issuer: joseOptions.issuer, audience: joseOptions.audience, algorithms: ["RS256"], typ: "JWT" });
      return (t) => verifier.verify(t);
    },
    stytch: () => {
      const auth = stytch({ projectId: fake.options.projectId, secret: fake.options.secret, fetch: fake.fetch });
      return (t) => auth.tokens.verify(t);
    },
  },
  tokens[0],
);
console.log(`stytch cache hits: ${hits.stytchPerSec}/s, core ${hits.corePerSec}/s (${hits.stytchRatio}× core; goal ≥ 0.8)`);

await reportAgainstJose({ label: "stytch tokens.verify RS256", adapter: "stytch", results, target: TARGET, benchUrl: import.meta.url, extra: { tokens: TOKENS, cacheHits: hits } });
