// pnpm bench: token verification throughput of createJwtVerifier against raw jose, measured in one run
// with the variants interleaved, plus the JWKS requests a cold start and a key rotation cost.
// Prints ratios to raw jose and writes them as the `verify` section of bench/results/bench.json; `--check` fails
// below the targets (HS256 ≥ 3× and Stytch-shaped large payloads ≥ 1× raw jose at 8 in flight). Every "unique"
// figure is measured on distinct tokens (asserted).
import { createServer } from "node:http";
import { exportJWK, generateKeyPair, jwtVerify, SignJWT } from "jose";
import { createJwtVerifier } from "../dist/index.js";
import { assertDistinct, median, throughput, writeBenchResults } from "../../../scripts/bench-utils.mjs";

const ISSUER = "https://issuer.bench";
const AUDIENCE = "bench";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 1500);
const TARGETS = { unique: 1.0, repeated: 20 };

async function keys(alg) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, publicKey, privateKey, jwk: { ...(await exportJWK(publicKey)), kid: `${alg}-1`, alg, use: "sig" } };
}

// A Stytch-shaped payload: the session as a large nested claim (factors, devices, custom claims).
const stytchSession = (i) => ({
  "https://stytch.com/session": {
    id: `session-test-${i}`,
    started_at: "2026-12-01T10:00:00Z",
    last_accessed_at: "2026-12-03T07:00:00Z",
    expires_at: "2026-12-03T08:00:00Z",
    attributes: { ip_address: "203.0.113.7", user_agent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" },
    authentication_factors: Array.from({ length: 3 }, (_, f) => ({
      type: ["magic_link", "otp", "oauth"][f],
      delivery_method: ["email", "sms", "oauth_google"][f],
      last_authenticated_at: "2026-12-03T07:00:00Z",
      created_at: "2026-12-01T10:00:00Z",
      updated_at: "2026-12-03T07:00:00Z",
      email_factor: { email_id: `email-test-${i}-${f}`, email_address: `user${i}@example.com` },
      phone_number_factor: { phone_id: `phone-test-${i}-${f}`, phone_number: "+15555550100" },
      google_oauth_factor: { id: `oauth-${f}`, email_id: `email-test-${i}`, provider_subject: `10769150350006150715${f}` },
    })),
    custom_claims: { plan: "pro", roles: ["admin", "billing"], org: { id: `org_${i % 7}`, name: "Acme" } },
  },
});

function signMany(pair, n, extra = () => ({})) {
  const now = Math.floor(Date.now() / 1000);
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      new SignJWT({ sub: `user_${i}`, sid: `sess_${i}`, ...extra(i) })
        .setProtectedHeader({ alg: pair.alg, kid: pair.jwk.kid, typ: "JWT" })
        .setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt(now).setExpirationTime(now + 3600)
        .sign(pair.privateKey),
    ),
  );
}

async function benchAlg(pair, extra) {
  const tokens = await signMany(pair, TOKENS, extra);
  assertDistinct(tokens);
  const repeated = Array.from({ length: TOKENS * 4 }, () => tokens[0]);
  const rawJose = (t) => jwtVerify(t, pair.publicKey, { issuer: ISSUER, audience: AUDIENCE, algorithms: [pair.alg] });
  const ours = () =>
    createJwtVerifier({ ...(pair.secret ? { secret: pair.secret } : { keys: pair.publicKey }), issuer: ISSUER, audience: AUDIENCE, algorithms: [pair.alg] });
  const out = {};
  for (const concurrency of [1, 8]) {
    const samples = { jose: [], unique: [], repeatedJose: [], repeated: [] };
    // Warm-up, then rounds with the variants interleaved so machine noise hits all of them alike.
    await throughput(rawJose, tokens.slice(0, 200), concurrency);
    await throughput(ours().verify, tokens.slice(0, 200), concurrency);
    for (let r = 0; r < ROUNDS; r++) {
      samples.jose.push(await throughput(rawJose, tokens, concurrency));
      const fresh = ours(); // a new verifier: every token is a cache miss
      samples.unique.push(await throughput(fresh.verify, tokens, concurrency));
      samples.repeatedJose.push(await throughput(rawJose, repeated.slice(0, TOKENS), concurrency));
      const warm = ours();
      await warm.verify(tokens[0]);
      samples.repeated.push(await throughput(warm.verify, repeated, concurrency));
    }
    const jose = median(samples.jose);
    out[`c${concurrency}`] = {
      rawJosePerSec: Math.round(jose),
      uniquePerSec: Math.round(median(samples.unique)),
      repeatedPerSec: Math.round(median(samples.repeated)),
      uniqueRatio: +(median(samples.unique) / jose).toFixed(2),
      repeatedRatio: +(median(samples.repeated) / median(samples.repeatedJose)).toFixed(1),
    };
  }
  return out;
}

// HS256: a shared secret, imported once for jose as the engine holds it.
async function hmacPair() {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  return { alg: "HS256", privateKey: key, publicKey: key, secret: raw, jwk: { kid: "HS256-1" } };
}

async function jwksRequests() {
  const pair = await keys("RS256");
  const rotated = { ...(await keys("RS256")), };
  rotated.jwk.kid = "RS256-2";
  let served = [pair.jwk];
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: served })), 20);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/jwks`;
  try {
    const verifier = createJwtVerifier({ jwksUrl: url, issuer: ISSUER, audience: AUDIENCE, algorithms: ["RS256"] });
    await Promise.all((await signMany(pair, 200)).map((t) => verifier.verify(t)));
    const cold = requests;
    served = [pair.jwk, rotated.jwk];
    const rotatedTokens = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        new SignJWT({ sub: `u${i}` }).setProtectedHeader({ alg: "RS256", kid: "RS256-2" }).setIssuer(ISSUER).setAudience(AUDIENCE)
          .setIssuedAt().setExpirationTime("1h").sign(rotated.privateKey),
      ),
    );
    await Promise.all(rotatedTokens.map((t) => verifier.verify(t)));
    return { coldStart200: cold, rotation200: requests - cold };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

const results = { date: new Date().toISOString(), node: process.version, rounds: ROUNDS, tokens: TOKENS };
for (const alg of ["RS256", "ES256"]) results[alg] = await benchAlg(await keys(alg));
results.HS256 = await benchAlg(await hmacPair());
results.stytchShapedRS256 = await benchAlg(await keys("RS256"), stytchSession);
results.stytchShapedRS256.payloadBytes = JSON.stringify({ sub: "user_0", sid: "sess_0", ...stytchSession(0) }).length;
results.jwksRequests = await jwksRequests();

const failures = [];
const GOALS = { HS256: { c8: 3 }, stytchShapedRS256: { c8: 1.0 } };
for (const alg of ["RS256", "ES256", "HS256", "stytchShapedRS256"]) {
  for (const c of ["c1", "c8"]) {
    const r = results[alg][c];
    console.log(`${alg} ${c}: raw jose ${r.rawJosePerSec}/s · unique ${r.uniquePerSec}/s (${r.uniqueRatio}×) · repeated ${r.repeatedPerSec}/s (${r.repeatedRatio}× jose on the same token)`);
    const goal = GOALS[alg]?.[c] ?? TARGETS.unique;
    if (r.uniqueRatio < goal) failures.push(`${alg} ${c} unique ${r.uniqueRatio}× < ${goal}×`);
    if (r.repeatedRatio < TARGETS.repeated) failures.push(`${alg} ${c} repeated ${r.repeatedRatio}× < ${TARGETS.repeated}×`);
  }
}
console.log(`JWKS requests: cold start (200 concurrent) ${results.jwksRequests.coldStart200}, rotation (200 concurrent) ${results.jwksRequests.rotation200}`);
if (results.jwksRequests.coldStart200 !== 1 || results.jwksRequests.rotation200 !== 1) failures.push("JWKS requests are not 1 and 1");

await writeBenchResults(import.meta.url, "verify", results);
if (failures.length) {
  console.log(`below target: ${failures.join("; ")}`);
  if (process.argv.includes("--check")) process.exit(1);
}
