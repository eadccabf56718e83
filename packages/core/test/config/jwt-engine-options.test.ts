import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { jwtEngineOptions } from "../../src/index.js";
import { loadFakeProvider } from "../../src/testing/index.js";

describe("jwtEngineOptions: the token settings every adapter forwards to its verifier", () => {
  it("forwards clockToleranceSec, fetch, hooks, jwks and tokenCache as given, and leaves out what is not", () => {
    const fetch = async () => new Response(null);
    const hooks = { onVerify: () => {} };
    expect(jwtEngineOptions({ clockToleranceSec: 30, fetch, hooks, jwks: { cooldownMs: 1 }, tokenCache: false })).toEqual({ clockToleranceSec: 30, fetch, hooks, jwks: { cooldownMs: 1 }, cache: false });
    expect(jwtEngineOptions({})).toEqual({});
  });

  // Each JWT adapter, against its fake: a token 30 s past its expiry fails, and passes with 60 s of tolerance.
  it.each(["clerk", "stytch", "kobble", "kustomer"])("%s: clockToleranceSec reaches the verifier", async (vendor) => {
    const verdict = async (adapterOptions: Record<string, unknown>) => {
      const { provider, controls } = await loadFakeProvider({ provider: vendor, requires: ["tokens.verify"], adapterOptions });
      const { id } = await controls.seedUser({ email: "ada@example.com" });
      const token = await controls.issueToken(id);
      controls.setClock((decodeJwt(token).exp! + 30) * 1000);
      return provider.tokens.verify(token).then(
        () => "accepted",
        (error: { code: string }) => error.code,
      );
    };
    expect(await verdict({})).toBe("token_expired");
    expect(await verdict({ clockToleranceSec: 60 })).toBe("accepted");
  });
});
