import { describe, expect, it } from "vitest";
import { stytch } from "../src/index.js";
import { createStytchFake } from "../src/testing/index.js";

// The token engine's JWKS and cache settings, given as adapter options, reach the engine.
describe("stytch: token engine options", () => {
  const setup = async () => {
    const fake = createStytchFake();
    const { id } = await fake.controls.seedUser({ email: "ada@example.com" });
    return { fake, token: await fake.controls.issueToken(id) };
  };
  const jwksRequests = (fake: ReturnType<typeof createStytchFake>) => fake.requests.filter((r) => r.path.includes("/jwks/")).length;

  it("a token verified again is the same VerifiedToken, frozen; with tokenCache: false it is verified anew", async () => {
    const { fake, token } = await setup();
    const cached = stytch(fake.adapterOptions);
    const first = await cached.tokens.verify(token);
    expect(await cached.tokens.verify(token)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.claims)).toBe(true);

    const uncached = stytch({ ...fake.adapterOptions, tokenCache: false });
    const one = await uncached.tokens.verify(token);
    const two = await uncached.tokens.verify(token);
    expect(two).not.toBe(one);
    expect(two).toEqual(one);
  });

  it("jwks.maxAgeMs decides when the key set is fetched again", async () => {
    const { fake, token } = await setup();
    let now = Date.now();
    const clock = () => now;
    const fresh = stytch({ ...fake.adapterOptions, clock, tokenCache: false, jwks: { maxAgeMs: 1000 } });
    await fresh.tokens.verify(token);
    await fresh.tokens.verify(token);
    expect(jwksRequests(fake)).toBe(1);
    now += 1500;
    await fresh.tokens.verify(token);
    // Past maxAgeMs the set is refreshed (the stale one still answers meanwhile).
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(jwksRequests(fake)).toBe(2);
  });

  it("refuses engine options of the wrong shape before anything is sent", async () => {
    const { fake } = await setup();
    expect(() => stytch({ ...fake.adapterOptions, jwks: { maxAgeMs: -1 } })).toThrow(/jwks/);
    expect(() => stytch({ ...fake.adapterOptions, tokenCache: { maxEntries: 1.5 } })).toThrow(/tokenCache/);
    expect(fake.requests).toHaveLength(0);
  });
});
