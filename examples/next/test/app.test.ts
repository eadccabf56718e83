// The Next.js example without a Next server: a request goes through proxy.ts when its matcher says so (as Next
// routes it), then to the exported route handler of app/api/**/route.ts. Held to the behaviour all four framework
// examples share (../../contract.mjs), against the mock and against Stytch's fake (the real Stytch adapter talking
// to an in-memory Stytch), both chosen from an environment the way lib/provider.ts chooses.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runAppContract } from "../../contract.mjs";
import * as health from "../app/api/health/route";
import * as me from "../app/api/me/route";
import * as webhooks from "../app/api/webhooks/route";
import * as signIn from "../app/api/dev/sign-in/route";
import { type AppOptions, createHandlers } from "../lib/app";
import { setApp } from "../lib/instance";
import { type AppProvider, providerFromEnv } from "../lib/provider";
import { config, proxy } from "../proxy";

type Route = Partial<Record<"GET" | "POST", (request: Request) => Promise<Response>>>;
const ROUTES: Record<string, Route> = { "/api/health": health, "/api/me": me, "/api/webhooks": webhooks, "/api/dev/sign-in": signIn };

/** What Next does with a request to this app: the proxy where its matcher applies, then the route's handler. */
async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const url = `http://localhost:3000${path}`;
  const nextInit = { ...init, signal: init.signal ?? undefined };
  if (unstable_doesMiddlewareMatch({ config, url })) {
    const gate = await proxy(new NextRequest(url, nextInit));
    if (gate.headers.get("x-middleware-next") !== "1") return gate;
  }
  const handler = ROUTES[path]?.[(init.method ?? "GET") as "GET" | "POST"];
  if (!handler) return Response.json({ error: { code: "not_found", message: "no such route" } }, { status: 404 });
  return handler(new NextRequest(url, nextInit));
}

afterEach(() => {
  setApp(undefined);
  vi.unstubAllEnvs();
});

runAppContract({
  framework: "Next.js",
  providerFromEnv,
  async start(provider: AppProvider, options: AppOptions) {
    // One app per process in Next (lib/instance.ts): each app the suite starts is put in place for its own requests.
    const app = createHandlers(provider, options);
    return {
      request(path: string, init?: RequestInit) {
        setApp(app);
        return request(path, init);
      },
    };
  },
  pathPrefix: "/api",
  vendor: {
    label: "Stytch fake",
    env: { AUTHMUX_PROVIDER: "stytch", AUTHMUX_FAKE: "1" },
    name: "stytch",
    serverSessions: true,
    // The Stytch adapter fetched the project's keys once, then the proxy and the route each asked Stytch about the
    // session (cacheMs 0 in these tests; the default 5 s would make the route's check a cache hit).
    vendorCalls: (requests: { method: string; path: string }[]) =>
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /v1/sessions/jwks/project-test-11111111-2222-4333-8444-555555555555",
        "POST /v1/sessions/authenticate",
        "POST /v1/sessions/authenticate",
      ]),
  },
  missingCredentials: { env: { AUTHMUX_PROVIDER: "stytch" }, variable: "STYTCH_PROJECT_ID" },
});

describe("Next.js example: proxy.ts and the route handlers", () => {
  it("the proxy's matcher covers every API route but the public ones, and no page", () => {
    const matches = (path: string) => unstable_doesMiddlewareMatch({ config, url: `http://localhost:3000${path}` });
    expect(["/api/me", "/api/me/settings", "/api/reports"].filter(matches)).toEqual(["/api/me", "/api/me/settings", "/api/reports"]);
    expect(["/api/health", "/api/webhooks", "/api/dev/sign-in", "/"].filter(matches)).toEqual([]);
  });

  it("the proxy answers 401 without a session and lets a valid one through; the route checks again on its own", async () => {
    const { provider, controls } = await providerFromEnv({ AUTHMUX_PROVIDER: "mock" });
    setApp(createHandlers(provider));
    const { id } = await controls!.seedUser({ email: "ada@example.com" });
    const token = await controls!.issueToken(id);
    const denied = await proxy(new NextRequest("http://localhost:3000/api/me"));
    expect(denied.status).toBe(401);
    expect((await denied.json()).error.code).toBe("unauthenticated");
    const passed = await proxy(new NextRequest("http://localhost:3000/api/me", { headers: { authorization: `Bearer ${token}` } }));
    expect(passed.headers.get("x-middleware-next")).toBe("1");
    // Reached without the proxy (a matcher edited by mistake), the route still refuses.
    const direct = await me.GET(new NextRequest("http://localhost:3000/api/me"));
    expect(direct.status).toBe(401);
  });

  it("without setApp the routes build their app from the environment: AUTHMUX_PROVIDER=stytch AUTHMUX_FAKE=1", async () => {
    vi.stubEnv("AUTHMUX_PROVIDER", "stytch");
    vi.stubEnv("AUTHMUX_FAKE", "1");
    const res = await health.GET(new NextRequest("http://localhost:3000/api/health"));
    expect(await res.json()).toEqual({ ok: true, provider: "stytch" });
    // The dev route is served in fake mode, and its token passes the proxy and the route: one app for both.
    const signedIn = await signIn.POST(new NextRequest("http://localhost:3000/api/dev/sign-in", { method: "POST", body: JSON.stringify({ email: "ada@example.com" }) }));
    const { token } = await signedIn.json();
    const res2 = await request("/api/me", { headers: { authorization: `Bearer ${token}` } });
    expect(res2.status).toBe(200);
    expect((await res2.json()).user.email).toBe("ada@example.com");
  });
});
