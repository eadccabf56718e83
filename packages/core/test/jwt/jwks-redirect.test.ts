import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AuthmuxError, createJwtVerifier } from "../../src/index.js";
import { ISSUER, jwksServer, keyPair, NOW, type Pair, sign } from "./helpers.js";

// The key set is fetched with redirect: "manual" (workerd refuses redirect: "error"), so a redirect must
// be refused by the verifier itself: never followed, reported as provider_unavailable.
let pair: Pair;
beforeAll(async () => {
  pair = await keyPair("ES256", "k1");
});

let target: Awaited<ReturnType<typeof jwksServer>>;
let redirects = 0;
let redirector: ReturnType<typeof createServer>;
let redirectorUrl: string;
beforeEach(async () => {
  target = await jwksServer();
  target.state.keys = [pair.jwk];
  redirects = 0;
  redirector = createServer((_req, res) => {
    redirects += 1;
    res.writeHead(302, { location: target.url }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterEach(async () => {
  redirector.closeAllConnections();
  await new Promise<void>((resolve) => redirector.close(() => resolve()));
  await target.close();
});

describe("a key set that redirects", () => {
  it("is not followed: the verification is provider_unavailable and the redirect target never hears of it", async () => {
    const verifier = createJwtVerifier({ jwksUrl: redirectorUrl, issuer: ISSUER, algorithms: ["ES256"], clock: () => NOW, cache: false });
    const error = await verifier.verify(await sign(pair)).then(
      () => undefined,
      (e: AuthmuxError) => e,
    );
    expect(error).toMatchObject({ code: "provider_unavailable" });
    expect(error!.message).toContain("answered with a redirect, which is not followed");
    expect(redirects).toBe(1);
    expect(target.state.requests).toBe(0);
  });

  it("the same key set served directly verifies (the refusal is about the redirect alone)", async () => {
    const verifier = createJwtVerifier({ jwksUrl: target.url, issuer: ISSUER, algorithms: ["ES256"], clock: () => NOW, cache: false });
    expect((await verifier.verify(await sign(pair, { sub: "user_9" }))).claims.sub).toBe("user_9");
    expect(target.state.requests).toBe(1);
  });
});
