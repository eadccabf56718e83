import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createJwtVerifier, type JwtVerifierOptions } from "../../src/index.js";
import { fail, ISSUER, jwksServer, keyPair, NOW, type Pair, sign } from "./helpers.js";


let k1: Pair;
let k2: Pair;
let strangers: Pair[];
beforeAll(async () => {
  [k1, k2, ...strangers] = await Promise.all([keyPair("ES256", "k1"), keyPair("ES256", "k2"), ...[1, 2, 3].map((i) => keyPair("ES256", `stranger-${i}`))]);
});

let server: Awaited<ReturnType<typeof jwksServer>>;
let now: number;
beforeEach(async () => {
  server = await jwksServer();
  server.state.keys = [k1.jwk];
  now = NOW;
});
afterEach(() => server.close());

const make = (extra: Partial<JwtVerifierOptions> = {}) =>
  createJwtVerifier({ jwksUrl: server.url, issuer: ISSUER, algorithms: ["ES256"], clock: () => now, cache: false, ...extra } as JwtVerifierOptions);

describe("JWKS fetching", () => {
  it("makes one request for 200 concurrent verifications on a cold cache", async () => {
    server.state.delayMs = 30;
    const v = make();
    const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => sign(k1, { sub: `u${i}` })));
    const results = await Promise.all(tokens.map((t) => v.verify(t)));
    expect(results.map((r) => r.claims.sub)).toEqual(tokens.map((_, i) => `u${i}`));
    expect(server.state.requests).toBe(1);
    expect(v.jwksRequests).toBe(1);
  });

  it("accepts a kid published after the last fetch with one shared refetch, seconds later", async () => {
    const v = make();
    await v.verify(await sign(k1));
    now += 2_000;
    server.state.keys = [k1.jwk, k2.jwk]; // rotation: k2 appears
    server.state.delayMs = 20;
    const tokens = await Promise.all(Array.from({ length: 200 }, () => sign(k2)));
    await Promise.all(tokens.map((t) => v.verify(t)));
    expect(server.state.requests).toBe(2);
    await v.verify(await sign(k1)); // the old key keeps working, from cache
    expect(server.state.requests).toBe(2);
  });

  it("a storm of unknown kids costs at most one refetch per cooldown window", async () => {
    const v = make({ jwks: { cooldownMs: 30_000 } });
    await v.verify(await sign(k1));
    const storm = await Promise.all(Array.from({ length: 60 }, (_, i) => sign(strangers[i % 3]!)));
    const errors = await Promise.all(storm.map((t) => fail(v.verify(t))));
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(["token_invalid"]));
    expect(errors[0]!.message).toMatch(/no key with kid "stranger-\d"/);
    expect(server.state.requests).toBe(2);
    now += 10_000;
    await Promise.all(storm.map((t) => fail(v.verify(t))));
    expect(server.state.requests).toBe(2);
    now += 21_000;
    await Promise.all(storm.map((t) => fail(v.verify(t))));
    expect(server.state.requests).toBe(3);
  });

  it("keeps verifying with known keys while the endpoint fails, retrying in the background with backoff", async () => {
    const v = make({ jwks: { maxAgeMs: 60_000 } });
    const token = await sign(k1);
    await v.verify(token);
    server.state.mode = "500";
    now += 61_000; // keys are stale: the next verification refreshes in the background
    await expect(v.verify(token)).resolves.toBeDefined();
    await new Promise((r) => setTimeout(r, 50));
    expect(server.state.requests).toBe(2);
    await v.verify(token); // within the 1 s backoff: no new request
    await new Promise((r) => setTimeout(r, 20));
    expect(server.state.requests).toBe(2);
    now += 1_000;
    await v.verify(token);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.state.requests).toBe(3);
    now += 1_000; // backoff doubled to 2 s
    await v.verify(token);
    await new Promise((r) => setTimeout(r, 20));
    expect(server.state.requests).toBe(3);
    server.state.mode = "ok";
    now += 1_000;
    await v.verify(token);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.state.requests).toBe(4);
    now += 1_000; // recovered: fresh keys, nothing to refresh
    await v.verify(token);
    expect(server.state.requests).toBe(4);
  });

  it("a cold cache with a failing or hanging endpoint is provider_unavailable, not token_invalid", async () => {
    server.state.mode = "500";
    const error = await fail(make().verify(await sign(k1)));
    expect(error.code).toBe("provider_unavailable");
    expect(error.message).toContain("answered HTTP 500");
    server.state.mode = "hang";
    const hung = await fail(make({ jwks: { timeoutMs: 150 } }).verify(await sign(k1)));
    expect(hung.code).toBe("provider_unavailable");
    expect(hung.message).toContain("did not answer within 150 ms");
    server.state.mode = "garbage";
    expect((await fail(make().verify(await sign(k1)))).message).toContain("did not answer with JSON");
  });

  it("during an outage with nothing cached, callers share the failure until the backoff ends", async () => {
    server.state.mode = "500";
    const v = make();
    const token = await sign(k1);
    await fail(v.verify(token));
    await fail(v.verify(token));
    await fail(v.verify(token));
    expect(server.state.requests).toBe(1);
    server.state.mode = "ok";
    now += 1_000;
    await expect(v.verify(token)).resolves.toBeDefined();
    expect(server.state.requests).toBe(2);
  });

  it("sends the configured credentials; foreign-issuer and expired tokens cost no request", async () => {
    const v = make({ jwksHeaders: { authorization: "Bearer sk_test_jwks_credential" } });
    expect((await fail(v.verify(await sign(k1, { iss: "https://other.test" })))).code).toBe("token_invalid");
    expect((await fail(v.verify(await sign(k1, { exp: Math.floor(NOW / 1000) - 60 })))).code).toBe("token_expired");
    expect(server.state.requests).toBe(0);
    await v.verify(await sign(k1));
    expect(server.state.lastHeaders.authorization).toBe("Bearer sk_test_jwks_credential");
    expect(server.state.lastHeaders.accept).toBe("application/json");
  });

  it("skips unusable keys in the set (small RSA, encryption keys) and still uses the good ones", async () => {
    const small = await keyPair("RS256", "small", 1024);
    server.state.keys = [small.jwk, { ...k2.jwk, use: "enc" }, k1.jwk];
    const v = make();
    await expect(v.verify(await sign(k1))).resolves.toBeDefined();
    expect((await fail(v.verify(await sign(k2)))).message).toContain('no key with kid "k2"');
  });
});

describe("a key set with keys that cannot be used", () => {
  it("refuses the token with token_invalid: a key value that is not text, or an EC point off its curve, never a crypto or type error", async () => {
    const v = make();
    // Not text at all: an object whose toString is not callable.
    server.state.keys = [{ ...k1.jwk, kty: { toString: null } as never }];
    const hostile = await fail(v.verify(await sign(k1)));
    expect([hostile.name, hostile.code]).toEqual(["AuthmuxError", "token_invalid"]);
    // A well-formed JWK whose y is not the point's: Web Crypto refuses to import it.
    now += 60_000;
    const other = make();
    server.state.keys = [{ ...k1.jwk, y: k2.jwk.y! }];
    const offCurve = await fail(other.verify(await sign(k1)));
    expect([offCurve.name, offCurve.code, offCurve.message]).toEqual(["AuthmuxError", "token_invalid", "token rejected: the key could not be imported for ES256"]);
  });
});
