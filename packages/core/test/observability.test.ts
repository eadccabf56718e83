import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import {
  combineHooks,
  commonOptionsShape,
  type CommonOptions,
  createJwtVerifier,
  defineAdapter,
  isAuthmuxError,
  type OptionsSchema,
  type ProviderHooks,
  type User,
  vendorPath,
} from "../src/index.js";
import { createMockProvider } from "../src/testing/index.js";
import { openTelemetryHooks } from "../src/otel/index.js";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { jwksServer, keyPair, NOW, ISSUER, AUDIENCE, sign } from "./jwt/helpers.js";

// A small adapter on the kit, talking to a scripted fetch: the hooks see what the client does.
interface AcmeOptions extends CommonOptions {
  apiKey: string;
}
const acmeSchema: OptionsSchema<AcmeOptions> = z.object({ ...commonOptionsShape, apiKey: z.string() });
const API_KEY = "sk_acme_very_secret_key_123";
const acme = defineAdapter({
  name: "acme",
  capabilities: ["users.read"],
  options: acmeSchema,
  env: { apiKey: "ACME_API_KEY" },
  http: (o) => ({ baseUrl: "https://api.acme.test/v1", headers: { authorization: `Bearer ${o.apiKey}` }, secrets: [o.apiKey] }),
  build: (_o, { http }) => ({
    vendor: {},
    members: {
      users: {
        get: async (id: string) => {
          const { data } = await http.request<{ id: string; email: string }>("GET", vendorPath`/users/${id}`);
          const user: User = { id: data.id, email: data.email, emailVerified: true, phone: null, phoneVerified: false, name: null, createdAt: new Date(0), updatedAt: null, metadata: {}, provider: "acme", raw: data };
          return user;
        },
        getByEmail: async (email: string) => {
          await http.request("GET", "/users", { query: { email } });
          return null;
        },
      },
    },
  }),
});

type Recorded = { hook: string; event: Record<string, unknown> };
function recorder(): { hooks: ProviderHooks; events: Recorded[] } {
  const events: Recorded[] = [];
  const hook = (name: string) => (event: object) => events.push({ hook: name, event: { ...event } });
  return {
    events,
    hooks: { onRequest: hook("onRequest"), onResponse: hook("onResponse"), onRetry: hook("onRetry"), onJwksFetch: hook("onJwksFetch"), onVerify: hook("onVerify") },
  };
}

/** A fetch answering from a script, one entry per request: a status, or "hang" (never answers, ignores aborts). */
function scriptedFetch(script: Array<number | "hang">) {
  const seen: string[] = [];
  const fetch = async (input: Request | string | URL): Promise<Response> => {
    seen.push(String(input));
    const step = script.shift() ?? 200;
    if (step === "hang") return new Promise<Response>(() => undefined);
    const body = step < 300 ? JSON.stringify({ id: "user_1", email: "ada@example.com" }) : JSON.stringify({ error: "nope" });
    return new Response(body, { status: step, headers: { "content-type": "application/json", "retry-after": "0" } });
  };
  return { fetch, seen };
}

describe("hooks on vendor calls", () => {
  it("report each attempt with method, path template, status, duration and the capability — and a retry in between", async () => {
    const { hooks, events } = recorder();
    const { fetch, seen } = scriptedFetch([503, 200]);
    const auth = acme.create({ apiKey: API_KEY, fetch, hooks, retry: { limit: 2 } });
    const user = await auth.users.get("user_1");
    expect(user?.email).toBe("ada@example.com");
    expect(seen).toHaveLength(2);

    expect(events.map((e) => e.hook)).toEqual(["onRequest", "onResponse", "onRetry", "onRequest", "onResponse"]);
    const [req1, res1, retry, req2, res2] = events.map((e) => e.event);
    const same = { provider: "acme", capability: "users.read", member: "users.get", method: "GET", path: "/users/{param}" };
    expect(req1).toMatchObject({ ...same, attempt: 1 });
    expect(res1).toMatchObject({ ...same, attempt: 1, status: 503, failure: undefined, retrying: true });
    expect(retry).toMatchObject({ ...same, attempt: 2, previousStatus: 503 });
    expect(req2).toMatchObject({ ...same, attempt: 2 });
    expect(res2).toMatchObject({ ...same, attempt: 2, status: 200, retrying: false });
    for (const e of [res1, res2]) expect(e?.durationMs).toBeGreaterThanOrEqual(0);
    expect(retry?.delayMs).toBeGreaterThanOrEqual(0);
    // One call: one id on all its events.
    expect(new Set(events.map((e) => e.event.callId)).size).toBe(1);
  });

  it("a call whose last attempt times out ends with failure 'timeout' and no status", async () => {
    const { hooks, events } = recorder();
    const { fetch } = scriptedFetch(["hang"]);
    const auth = acme.create({ apiKey: API_KEY, fetch, hooks, timeoutMs: 30, retry: { limit: 0 } });
    await expect(auth.users.get("user_1")).rejects.toMatchObject({ code: "provider_unavailable" });
    expect(events.map((e) => e.hook)).toEqual(["onRequest", "onResponse"]);
    expect(events[1]?.event).toMatchObject({ attempt: 1, status: undefined, failure: "timeout", retrying: false });
  });

  it("a vendor error ends the call with its status; a network error with failure 'network'", async () => {
    const { hooks, events } = recorder();
    const auth = acme.create({ apiKey: API_KEY, fetch: scriptedFetch([404]).fetch, hooks, retry: { limit: 0 } });
    await expect(auth.users.get("user_9")).rejects.toMatchObject({ code: "not_found" });
    expect(events.at(-1)?.event).toMatchObject({ status: 404, failure: undefined, retrying: false });

    const broken = recorder();
    const failing = acme.create({ apiKey: API_KEY, fetch: async () => Promise.reject(new TypeError("fetch failed")), hooks: broken.hooks, retry: { limit: 0 } });
    await expect(failing.users.get("user_1")).rejects.toMatchObject({ code: "provider_unavailable" });
    expect(broken.events.map((e) => e.hook)).toEqual(["onRequest", "onResponse"]);
    expect(broken.events[1]?.event).toMatchObject({ status: undefined, failure: "network", retrying: false });
  });

  it("no event holds a path parameter, a query value or the API key, whatever they are", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== "." && s !== ".." && !s.includes("%")), fc.emailAddress(), async (id, email) => {
        const { hooks, events } = recorder();
        const auth = acme.create({ apiKey: API_KEY, fetch: scriptedFetch([200, 200]).fetch, hooks });
        await auth.users.get(id);
        await auth.users.getByEmail(email);
        expect(events.filter((e) => e.hook === "onResponse").map((e) => e.event.path)).toEqual(["/users/{param}", "/users"]);
        // Every string an event holds is one of a few fixed words: no input can have reached it.
        const strings = events.flatMap((e) => Object.values(e.event).filter((v): v is string => typeof v === "string"));
        for (const value of strings) expect(["acme", "users.read", "users.get", "users.getByEmail", "GET", "/users/{param}", "/users"]).toContain(value);
      }),
      { numRuns: 60 },
    );
  });

  it("a path not made by vendorPath keeps only its plain words and versions", async () => {
    const { hooks, events } = recorder();
    const auth = acme.create({ apiKey: API_KEY, fetch: scriptedFetch([200]).fetch, hooks });
    await auth.users.getByEmail("ada@example.com");
    expect(events[0]?.event.path).toBe("/users");
  });

  it("a throwing hook changes nothing: the call succeeds and the other hooks still run", async () => {
    const calls: string[] = [];
    const hooks = combineHooks(
      { onRequest: () => { throw new Error("hook bug"); }, onResponse: () => { throw new Error("hook bug"); } },
      { onResponse: (e) => calls.push(`${e.status}`) },
    );
    const auth = acme.create({ apiKey: API_KEY, fetch: scriptedFetch([200]).fetch, hooks });
    expect((await auth.users.get("user_1"))?.id).toBe("user_1");
    expect(calls).toEqual(["200"]);
  });

  it("without hooks the members are the adapter's own functions (nothing wrapped)", async () => {
    const plain = acme.create({ apiKey: API_KEY, fetch: scriptedFetch([200]).fetch });
    const hooked = acme.create({ apiKey: API_KEY, fetch: scriptedFetch([200]).fetch, hooks: {} });
    expect(plain.users.get.name).toBe("get");
    expect(hooked.users.get.name).not.toBe("get");
  });

  it("a hooks option that is not an object of functions is invalid_input naming the option", () => {
    for (const hooks of [{ onRequest: "yes" }, { onRequst: () => undefined }, [() => undefined], 42]) {
      try {
        acme.create({ apiKey: API_KEY, hooks: hooks as unknown as ProviderHooks });
        expect.unreachable("accepted a bad hooks option");
      } catch (error) {
        expect(isAuthmuxError(error) && error.code).toBe("invalid_input");
        expect((error as Error).message).toMatch(/option "hooks"/);
      }
    }
  });
});

describe("hooks on token verification", () => {
  const server = { current: undefined as Awaited<ReturnType<typeof jwksServer>> | undefined };
  beforeAll(async () => {
    server.current = await jwksServer();
  });
  afterAll(async () => server.current?.close());

  it("onJwksFetch reports the key-set request; onVerify each verification, cached or not, and the code of a refusal", async () => {
    const jwks = server.current!;
    const pair = await keyPair("ES256", "k1");
    jwks.state.keys = [pair.jwk];
    const { hooks, events } = recorder();
    const verifier = createJwtVerifier({ jwksUrl: `${jwks.url}?tenant=t1`, issuer: ISSUER, audience: AUDIENCE, algorithms: ["ES256"], clock: () => NOW, hooks });
    const token = await sign(pair);
    await verifier.verify(token);
    await verifier.verify(token);
    expect(verifier.peek(token)).toBeDefined();
    await expect(verifier.verify(`${token}x`)).rejects.toMatchObject({ code: "token_invalid" });

    const fetches = events.filter((e) => e.hook === "onJwksFetch").map((e) => e.event);
    expect(fetches).toEqual([expect.objectContaining({ provider: "authmux", url: jwks.url, status: 200, ok: true, keys: 1 })]);
    const verifies = events.filter((e) => e.hook === "onVerify").map((e) => e.event);
    expect(verifies.map((v) => [v.cached, v.ok, v.code])).toEqual([
      [false, true, undefined],
      [true, true, undefined],
      [true, true, undefined],
      [false, false, "token_invalid"],
    ]);
    expect(JSON.stringify(events)).not.toContain(token.split(".")[2]);
  });

  it("a key set that fails is reported with its status and ok: false", async () => {
    const jwks = server.current!;
    jwks.state.mode = "500";
    try {
      const { hooks, events } = recorder();
      const verifier = createJwtVerifier({ jwksUrl: jwks.url, issuer: ISSUER, algorithms: ["ES256"], clock: () => NOW, hooks });
      await expect(verifier.verify(await sign(await keyPair("ES256", "k2")))).rejects.toMatchObject({ code: "provider_unavailable" });
      expect(events.find((e) => e.hook === "onJwksFetch")?.event).toMatchObject({ status: 500, ok: false, keys: undefined });
      expect(events.find((e) => e.hook === "onVerify")?.event).toMatchObject({ ok: false, code: "provider_unavailable" });
    } finally {
      jwks.state.mode = "ok";
    }
  });

  it("the mock provider reports its verifications", async () => {
    const { hooks, events } = recorder();
    const mock = createMockProvider({ hooks });
    const user = await mock.users.create({ email: "ada@example.com" });
    const token = await mock.controls.issueToken(user.id);
    await mock.tokens.verify(token);
    await mock.tokens.verify(token);
    expect(events.map((e) => [e.hook, e.event.provider, e.event.cached, e.event.ok])).toEqual([
      ["onVerify", "mock", false, true],
      ["onVerify", "mock", true, true],
    ]);
  });
});

describe("OpenTelemetry (@authmux/core/otel)", () => {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  afterAll(() => {
    context.disable();
    exporter.reset();
  });

  it("one CLIENT span per vendor call, across its retries, child of the active span, with no value in it", async () => {
    exporter.reset();
    const auth = acme.create({ apiKey: API_KEY, fetch: scriptedFetch([503, 200]).fetch, hooks: openTelemetryHooks({ tracerProvider }) });
    const tracer = tracerProvider.getTracer("app");
    await tracer.startActiveSpan("GET /profile", async (parent) => {
      await auth.users.get("user_1");
      parent.end();
    });
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.name === "GET /users/{param}");
    const parent = spans.find((s) => s.name === "GET /profile");
    expect(call?.kind).toBe(SpanKind.CLIENT);
    expect(call?.attributes).toEqual({
      "http.request.method": "GET",
      "url.template": "/users/{param}",
      "authmux.provider": "acme",
      "authmux.capability": "users.read",
      "authmux.member": "users.get",
      "authmux.retries": 1,
      "http.response.status_code": 200,
    });
    expect(call?.status.code).toBe(SpanStatusCode.UNSET);
    expect(call?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(spans).toHaveLength(2);
    expect(JSON.stringify(spans.map((s) => [s.name, s.attributes]))).not.toContain("user_1");
  });

  it("a failed call is an ERROR span with error.type; a verification span says whether the cache answered", async () => {
    exporter.reset();
    const hooks = openTelemetryHooks({ tracerProvider });
    const auth = acme.create({ apiKey: API_KEY, fetch: scriptedFetch([404]).fetch, hooks, retry: { limit: 0 } });
    await expect(auth.users.get("user_2")).rejects.toMatchObject({ code: "not_found" });
    const mock = createMockProvider({ hooks });
    const user = await mock.users.create({ email: "ada@example.com" });
    const token = await mock.controls.issueToken(user.id);
    await mock.tokens.verify(token);
    await mock.tokens.verify(token);
    await expect(mock.tokens.verify("not-a-token")).rejects.toMatchObject({ code: "token_invalid" });

    const [failed, ...verifications] = exporter.getFinishedSpans();
    expect(failed?.attributes).toMatchObject({ "http.response.status_code": 404, "error.type": "404", "authmux.retries": 0 });
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(verifications.map((s) => [s.name, s.attributes["authmux.cache_hit"], s.attributes["authmux.outcome"], s.status.code])).toEqual([
      ["authmux tokens.verify", false, "ok", SpanStatusCode.UNSET],
      ["authmux tokens.verify", true, "ok", SpanStatusCode.UNSET],
      ["authmux tokens.verify", false, "token_invalid", SpanStatusCode.ERROR],
    ]);
    for (const span of verifications) expect(span.attributes["authmux.provider"]).toBe("mock");
  });

  it("with no SDK registered the spans are the API's no-ops and the call works the same", async () => {
    exporter.reset();
    const auth = acme.create({ apiKey: API_KEY, fetch: scriptedFetch([200]).fetch, hooks: openTelemetryHooks() });
    expect((await auth.users.get("user_1"))?.id).toBe("user_1");
    expect(trace.getTracer("x").startSpan("probe").isRecording()).toBe(false);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
