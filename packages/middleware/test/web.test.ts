import { describe, expect, it } from "vitest";
import { createMockProvider } from "@authmux/core/testing";
import { authenticateRequest, extractToken, requireAuth } from "../src/index.js";
import { vendorSetups } from "./vendors.js";

const request = (headers: Record<string, string> = {}) => new Request("http://localhost/api/me", { headers });

describe("extractToken", () => {
  it("reads a bearer header first, then the vendor's cookie", () => {
    expect(extractToken({ authorization: "Bearer abc.def.ghi" }, "clerk")).toBe("abc.def.ghi");
    expect(extractToken({ authorization: "Basic xyz" }, "clerk")).toBeNull();
    expect(extractToken({ cookie: "a=1; __session=tok%2E1" }, "clerk")).toBe("tok.1");
    expect(extractToken({ cookie: "stytch_session_jwt=jwt1" }, "stytch")).toBe("jwt1");
    expect(extractToken({ cookie: "__session=x" }, "stytch")).toBeNull();
    expect(extractToken({ cookie: "mine=t" }, "stytch", { cookieName: "mine" })).toBe("t");
    expect(extractToken({}, "mock")).toBeNull();
  });
});

describe("authenticateRequest and requireAuth (Web standard)", () => {
  for (const vendor of vendorSetups()) {
    it(`${vendor.name}: a valid token gives the context, a lazy user loaded once; none or a bad one gives null / 401`, async () => {
      const { provider, userId, token, requests } = await vendor.make();
      const auth = await authenticateRequest(provider, request({ authorization: `Bearer ${token}` }));
      expect(auth).toMatchObject({ userId, provider: vendor.name });
      expect(auth!.token.userId).toBe(userId);
      const before = requests();
      const [a, b] = await Promise.all([auth!.getUser(), auth!.getUser()]);
      expect(a?.id).toBe(userId);
      expect(b).toBe(a);
      expect(requests() - before).toBe(1);

      expect(await authenticateRequest(provider, request())).toBeNull();
      expect(await authenticateRequest(provider, request({ authorization: "Bearer not-a-token" }))).toBeNull();
      const denied = await requireAuth(provider, request({ authorization: "Bearer not-a-token" }));
      expect(denied).toBeInstanceOf(Response);
      expect((denied as Response).status).toBe(401);
      expect(await (denied as Response).json()).toEqual({ error: { code: "token_invalid", message: expect.stringContaining("token rejected") } });
      const missing = (await requireAuth(provider, request())) as Response;
      expect(await missing.json()).toEqual({ error: { code: "unauthenticated", message: "no credentials: send Authorization: Bearer <token>" } });
    });
  }

  it("an outage is thrown, never answered as anonymous", async () => {
    const provider = createMockProvider({ capabilities: ["tokens.verify", "users.read"] });
    const broken = { ...provider, tokens: { verify: () => Promise.reject(Object.assign(new Error("down"), {})) } } as typeof provider;
    await expect(authenticateRequest(broken, request({ authorization: "Bearer x" }))).rejects.toThrow("down");
  });

  it("getUser on a provider that cannot read users is not_supported", async () => {
    const provider = createMockProvider({ capabilities: ["tokens.verify", "tokens.issue"] });
    const auth = await authenticateRequest(provider, request({ authorization: `Bearer ${await provider.tokens.issue("someone")}` }));
    await expect(auth!.getUser()).rejects.toMatchObject({ code: "not_supported" });
  });
});

describe("checkSession: revocation seen at once", () => {
  const revocable = vendorSetups().filter((v) => v.name !== "kobble");

  for (const vendor of revocable) {
    it(`${vendor.name}: after sessions.revoke the next request is 401 session_invalid; without checkSession the token still passes`, async () => {
      const { provider, token } = await vendor.make();
      const p = provider as typeof provider & { sessions: { authenticate(t: string): Promise<{ session: { id: string } }>; revoke(id: string): Promise<void> } };
      const withToken = () => request({ authorization: `Bearer ${token}` });
      const before = await authenticateRequest(provider, withToken(), { checkSession: { cacheMs: 0 } });
      expect(before?.sessionChecked).toBe(true);
      await p.sessions.revoke((await p.sessions.authenticate(token)).session.id);
      const denied = (await requireAuth(provider, withToken(), { checkSession: { cacheMs: 0 } })) as Response;
      expect(denied.status).toBe(401);
      expect((await denied.json()).error.code).toBe("session_invalid");
      // Local verification alone cannot see it: the token is still within its lifetime.
      expect((await authenticateRequest(provider, withToken()))?.sessionChecked).toBe(false);
    });
  }

  it("the vendor's answer is reused for cacheMs: one call for a burst, the revocation seen once the answer expires", async () => {
    let now = Date.UTC(2030, 0, 1);
    const provider = createMockProvider({ clock: () => now });
    const { id } = await provider.controls.seedUser({ email: "cache@example.com" });
    const token = await provider.controls.issueToken(id);
    const options = { checkSession: { cacheMs: 2000 }, clock: () => now };
    const withToken = () => request({ authorization: `Bearer ${token}` });
    const start = provider.controls.requestCount();
    const burst = await Promise.all(Array.from({ length: 20 }, () => authenticateRequest(provider, withToken(), options)));
    expect(burst.every((a) => a?.sessionChecked)).toBe(true);
    expect(provider.controls.requestCount() - start).toBe(1);
    const [session] = await provider.sessions.list(id);
    await provider.sessions.revoke(session!.id);
    now += 1000;
    expect(await authenticateRequest(provider, withToken(), options)).not.toBeNull(); // within the window the answer is reused
    now += 1500;
    expect(await authenticateRequest(provider, withToken(), options)).toBeNull();
  });

  it("a provider without sessions.authenticate verifies the token only, and says so; an outage during the check is thrown", async () => {
    const kobble = vendorSetups().find((v) => v.name === "kobble")!;
    const { provider, token } = await kobble.make();
    const auth = await authenticateRequest(provider, request({ authorization: `Bearer ${token}` }), { checkSession: true });
    expect(auth).toMatchObject({ sessionChecked: false });
    const mock = createMockProvider();
    const { id } = await mock.controls.seedUser({ email: "down@example.com" });
    const mockToken = await mock.controls.issueToken(id);
    mock.controls.failNext({ kind: "unavailable" });
    await expect(authenticateRequest(mock, request({ authorization: `Bearer ${mockToken}` }), { checkSession: { cacheMs: 0 } })).rejects.toMatchObject({ code: "provider_unavailable" });
  });
});
