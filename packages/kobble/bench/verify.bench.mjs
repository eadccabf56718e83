// pnpm bench: the Kobble adapter's tokens.verify against raw jose on the same keys, interleaved in one run.
// Target: ≥ 0.95× raw jose on unique tokens. Writes bench/results/verify.json; `--check` fails below it.
import { importJWK, jwtVerify } from "jose";
import { kobble } from "../dist/index.js";
import { createKobbleFake } from "../dist/testing/index.js";
import { createJwtVerifier } from "@authmux/core";
import { cacheHits, compare, reportAgainstJose } from "../../../scripts/bench-utils.mjs";

const TOKENS = Number(process.env.BENCH_TOKENS ?? 1500);
const TARGET = 0.95;

const fake = createKobbleFake();
const users = await Promise.all(Array.from({ length: 50 }, (_, i) => fake.controls.seedUser({ email: `u${i}@example.com` })));
const tokens = await Promise.all(Array.from({ length: TOKENS }, (_, i) => fake.controls.issueToken(users[i % users.length].id)));
const jwks = await (await fake.fetch(`${fake.options.baseUrl}/discovery/p/${fake.options.projectId}/apps/keys`)).json();
const publicKey = await importJWK(jwks.keys[0], "ES256");

const options = { issuer: "https://kobble.io", audience: fake.options.applicationId, algorithms: ["ES256"] };
const results = await compare(
  {
    rawJose: () => (t) => jwtVerify(t, publicKey, options),
    // A fresh adapter per round (keys fetched once, cold token cache), so every token is verified in full.
    kobble: () => {
      const auth = kobble({ secret: fake.options.secret, projectId: fake.options.projectId, applicationId: fake.options.applicationId, fetch: fake.fetch });
      return (t) => auth.tokens.verify(t);
    },
  },
  tokens,
);

// Cache hits: the adapter on a token it has verified before, against core's engine on the same token.
const hits = await cacheHits(
  {
    core: () => {
      const verifier = createJwtVerifier({ keys: jwks, issuer: options.issuer, audience: options.audience, algorithms: ["ES256"], typ: "JWT", requiredClaims: ["sub", "iat"] });
      return (t) => verifier.verify(t);
    },
    kobble: () => {
      const auth = kobble({ secret: fake.options.secret, projectId: fake.options.projectId, applicationId: fake.options.applicationId, fetch: fake.fetch });
      return (t) => auth.tokens.verify(t);
    },
  },
  tokens[0],
);
console.log(`kobble cache hits: ${hits.kobblePerSec}/s, core ${hits.corePerSec}/s (${hits.kobbleRatio}× core; goal ≥ 0.8)`);

await reportAgainstJose({ label: "kobble tokens.verify ES256", adapter: "kobble", results, target: TARGET, benchUrl: import.meta.url, extra: { tokens: TOKENS, cacheHits: hits } });
