import { type JsonObject, signHmacHex, type WebhookEventType } from "@authmux/core";
import type { ConformanceControls, Fault } from "@authmux/core/conformance";
import { createFakeKit, fetchFromHandlers, type RecordedRequest, type TokenKind, withDefaults } from "@authmux/core/testing";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { getResponse, http, HttpResponse, type RequestHandler } from "msw";
import { type FakeQuotaDefinition, FakeState, type FakeUser, wireUserOf } from "./state.js";

/** Options of {@link createKobbleFake}. */
export interface KobbleFakeOptions {
  /** The admin SDK secret the fake accepts in `Kobble-Sdk-Secret`. */
  secret?: string;
  /** The API origin the handlers answer at; default Kobble's own, so `msw`'s server intercepts the real adapter. */
  baseUrl?: string;
  projectId?: string;
  /** The OAuth application id tokens are issued to (their `aud`). */
  applicationId?: string;
  /** The hex webhook secret deliveries are signed with. */
  webhookSecret?: string;
  /** Quotas of the product every user gets; default `requests` (1000) and `exports` (10). */
  quotas?: readonly FakeQuotaDefinition[];
  /** Lifetime of minted login links (Kobble decides it; the reference leaves it open). Default 900 s. */
  loginLinkTtlSec?: number;
  /** Where login links point. */
  portalUrl?: string;
  /** Epoch ms; `controls.setClock` overrides it. */
  clock?: () => number;
}

/** The controls of the fake: the conformance contract plus Kobble specifics. */
export interface KobbleFakeControls extends ConformanceControls {
  seedUser(input: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; isVerified?: boolean }): Promise<{ id: string }>;
  seedPermissions(userId: string, permissions: readonly string[]): Promise<void>;
  /** A Kobble access token (default) or ID token for the user. */
  issueToken(userId: string, options?: { kind?: TokenKind; tokenType?: "access" | "id"; audience?: string }): Promise<string>;
  signWebhook(event: { type: WebhookEventType | "subscription.created" | "ping"; userId: string; foreign?: boolean }): Promise<{ body: string; headers: Record<string, string> }>;
  /** Delays every answer by `ms` (0 to stop). */
  setLatency(ms: number): void;
  reset(): void;
}

export interface KobbleFake {
  /** msw handlers for `setupServer(...fake.handlers)`. */
  readonly handlers: RequestHandler[];
  /** A `fetch` answering from the handlers, for the adapter's `fetch` option (no global interception). */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly controls: KobbleFakeControls;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The clock the fake runs on; give it to the adapter as `clock`. */
  readonly clock: () => number;
  readonly options: Required<Omit<KobbleFakeOptions, "clock">>;
}

const DEFAULTS = {
  secret: "kobble_sdk_secret_for_tests",
  baseUrl: "https://sdk.kobble.io",
  projectId: "cproject000000000000000001",
  applicationId: "capplication00000000000001",
  webhookSecret: "6b6f62626c652d776562686f6f6b2d7365637265742d666f722d7465737473",
  quotas: [
    { name: "requests", limit: 1000 },
    { name: "exports", limit: 10 },
  ],
  loginLinkTtlSec: 900,
  portalUrl: "https://portal.kobble.test",
} satisfies Required<Omit<KobbleFakeOptions, "clock">>;

const KID = "kobble-key-1";

// NestJS-shaped answers, as Kobble's API gives them (vendors/kobble.md §2).
const nest = (status: number, message: string | string[], error: string) => HttpResponse.json({ statusCode: status, message, error }, { status });
const badRequest = (message: string | string[]) => nest(400, message, "Bad Request");
const notFound = (message: string) => nest(404, message, "Not Found");

/**
 * A stateful, strict fake of Kobble's admin API as msw handlers: it checks `Kobble-Sdk-Secret`, paths,
 * methods, query parameters and JSON bodies the way Kobble does, answers with Kobble's JSON and status
 * codes (201 for writes), serves a JWKS and mints ES256 tokens with its own key, signs webhooks with the
 * hex-decoded secret, and injects faults.
 *
 * @example
 * const fake = createKobbleFake();
 * const auth = kobble({ secret: fake.options.secret, fetch: fake.fetch, clock: fake.clock, projectId: fake.options.projectId });
 */
export function createKobbleFake(input: KobbleFakeOptions = {}): KobbleFake {
  const options = withDefaults(DEFAULTS, input) as KobbleFake["options"];
  const origin = new URL(options.baseUrl).origin;
  const kit = createFakeKit({ clock: input.clock });
  const { clock, requests } = kit;
  let state = new FakeState();
  let latencyMs = 0;
  let keys: Promise<{ privateKey: CryptoKey; foreignKey: CryptoKey; jwk: JWK }> | undefined;
  const signingKeys = () =>
    (keys ??= (async () => {
      const own = await generateKeyPair("ES256", { extractable: true });
      const foreign = await generateKeyPair("ES256");
      return { privateKey: own.privateKey, foreignKey: foreign.privateKey, jwk: { ...(await exportJWK(own.publicKey)), kid: KID, alg: "ES256", use: "sig" } };
    })());

  function newUser(fields: { email: string | null; name: string | null; phoneNumber: string | null; metadata: JsonObject; isVerified: boolean }): FakeUser {
    const user: FakeUser = {
      id: state.nextId(),
      ...fields,
      createdAt: new Date(clock()).toISOString(),
      permissions: [],
      quotas: new Map(options.quotas.map((q) => [q.name, { usage: 0, limit: q.limit }])),
    };
    state.users.set(user.id, user);
    return user;
  }

  function quotaWire(user: FakeUser) {
    const now = new Date(clock());
    const expiresAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
    return [...user.quotas].map(([name, q]) => ({
      name,
      usage: q.usage,
      limit: q.limit,
      remaining: q.limit === null ? null : Math.max(0, q.limit - q.usage),
      expiresAt,
    }));
  }

  type Ctx = { request: Request; url: URL; body: Record<string, unknown> };
  type Resolver = (ctx: Ctx) => Response | Promise<Response>;

  /** Wraps a route: records the request, injects faults and latency, checks the secret and the body. */
  const route = (method: "GET" | "POST", path: string, resolver: Resolver, opts: { public?: boolean } = {}) =>
    (method === "GET" ? http.get : http.post)(`${origin}${path}`, async ({ request }) => {
      const url = new URL(request.url);
      const text = method === "POST" ? await request.text() : "";
      kit.record(request, text);
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      const fault = kit.takeFault();
      if (fault) return faultResponse(fault);
      if (!opts.public && request.headers.get("kobble-sdk-secret") !== options.secret) return nest(401, "Unauthorized", "Unauthorized");
      let body: Record<string, unknown> = {};
      if (method === "POST") {
        if (!(request.headers.get("content-type") ?? "").includes("application/json")) return badRequest("Content-Type must be application/json");
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          return badRequest("Unexpected token in JSON body");
        }
        if (typeof body !== "object" || body === null || Array.isArray(body)) return badRequest("The body must be a JSON object");
      }
      return resolver({ request, url, body });
    });

  /** An injected fault as Kobble would answer it. */
  function faultResponse(fault: Fault): Response {
    switch (fault.kind) {
      case "rate_limited":
        return HttpResponse.json({ statusCode: 429, message: "ThrottlerException: Too Many Requests" }, { status: 429, headers: { "retry-after": String(fault.retryAfterSec) } });
      case "unavailable":
        return HttpResponse.json({ statusCode: fault.status ?? 503, message: "Service Unavailable" }, { status: fault.status ?? 503 });
      case "auth_failed":
        return nest(401, "Unauthorized", "Unauthorized");
      case "malformed_body":
        return new HttpResponse("<html><body>502 Bad Gateway</body></html>", { status: 200, headers: { "content-type": "text/html" } });
    }
  }

  const userFrom = (id: unknown) => (typeof id === "string" ? state.users.get(id) : undefined);
  const flag = (url: URL, name: string): boolean | "bad" => {
    const v = url.searchParams.get(name);
    return v === null || v === "false" ? false : v === "true" ? true : "bad";
  };
  const E164 = /^\+[1-9]\d{7,14}$/;
  const isPlainObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

  const handlers: RequestHandler[] = [
    route("GET", "/auth/whoami", () => HttpResponse.json({ projectId: options.projectId, projectSlug: "authmux-fake", userId: "cdashboarduser00000000001" })),
    route("GET", "/ping", () => HttpResponse.json({ ok: true })),
    route("GET", "/discovery/p/:projectId/apps/keys", async ({ url }) => {
      if (!url.pathname.includes(`/p/${options.projectId}/`)) return notFound("Project not found");
      return HttpResponse.json({ keys: [(await signingKeys()).jwk] });
    }, { public: true }),

    route("GET", "/users/findById", ({ url }) => {
      const include = flag(url, "includeMetadata");
      const userId = url.searchParams.get("userId");
      if (!userId || include === "bad") return badRequest([...(userId ? [] : ["userId must be a string"]), ...(include === "bad" ? ["includeMetadata must be a boolean value"] : [])]);
      const user = state.users.get(userId);
      return user ? HttpResponse.json(wireUserOf(user, include)) : notFound("User not found");
    }),
    route("GET", "/users/findByEmail", ({ url }) => {
      const include = flag(url, "includeMetadata");
      const email = url.searchParams.get("email");
      if (!email || include === "bad") return badRequest(["email must be an email"]);
      const user = state.byEmail(email);
      return user ? HttpResponse.json(wireUserOf(user, include)) : notFound("User not found");
    }),
    route("GET", "/users/findByPhoneNumber", ({ url }) => {
      const include = flag(url, "includeMetadata");
      const phone = url.searchParams.get("phoneNumber") ?? "";
      if (!E164.test(phone) || include === "bad") return badRequest(["phoneNumber must be a valid phone number"]);
      const user = state.byPhone(phone);
      return user ? HttpResponse.json(wireUserOf(user, include)) : notFound("User not found");
    }),
    route("GET", "/users/list", ({ url }) => {
      const include = flag(url, "includeMetadata");
      const page = Number(url.searchParams.get("page") ?? "1");
      const asked = Number(url.searchParams.get("limit") ?? "50");
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(asked) || asked < 1 || include === "bad") {
        return badRequest(["page must be a positive integer", "limit must be a positive integer"]);
      }
      const limit = Math.min(asked, 100); // Kobble serves at most 100 a page
      const all = [...state.users.values()];
      const data = all.slice((page - 1) * limit, page * limit).map((u) => wireUserOf(u, include));
      return HttpResponse.json({ total: all.length, count: data.length, page, hasNext: page * limit < all.length, data });
    }),
    route("POST", "/users/create", ({ body }) => {
      const { email, name, phoneNumber, metadata } = body;
      const problems: string[] = [];
      if (email !== undefined && (typeof email !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) problems.push("email must be an email");
      if (phoneNumber !== undefined && (typeof phoneNumber !== "string" || !E164.test(phoneNumber))) problems.push("phoneNumber must be a valid phone number");
      if (email === undefined && phoneNumber === undefined) problems.push("email or phoneNumber must be provided");
      if (name !== undefined && typeof name !== "string") problems.push("name must be a string");
      if (metadata !== undefined && !isPlainObject(metadata)) problems.push("metadata must be an object");
      if (problems.length) return badRequest(problems);
      if ((typeof email === "string" && state.byEmail(email)) || (typeof phoneNumber === "string" && state.byPhone(phoneNumber))) {
        return nest(409, "A user with this email or phone number already exists", "Conflict");
      }
      const user = newUser({
        email: (email as string | undefined) ?? null,
        name: (name as string | undefined) ?? null,
        phoneNumber: (phoneNumber as string | undefined) ?? null,
        metadata: (metadata as JsonObject | undefined) ?? {},
        isVerified: email !== undefined && body.markEmailAsVerified !== false,
      });
      return HttpResponse.json(wireUserOf(user, true), { status: 201 });
    }),
    route("POST", "/users/updateMetadata", ({ body }) => {
      if (typeof body.userId !== "string" || !isPlainObject(body.metadata)) return badRequest(["userId must be a string", "metadata must be an object"]);
      const user = userFrom(body.userId);
      if (!user) return notFound("User not found");
      user.metadata = structuredClone(body.metadata);
      return HttpResponse.json({ metadata: user.metadata }, { status: 201 });
    }),
    route("POST", "/users/patchMetadata", ({ body }) => {
      if (typeof body.userId !== "string" || !isPlainObject(body.metadata)) return badRequest(["userId must be a string", "metadata must be an object"]);
      const user = userFrom(body.userId);
      if (!user) return notFound("User not found");
      // Shallow merge; Kobble keeps null as a value (vendors/kobble.md §3.3).
      user.metadata = { ...user.metadata, ...structuredClone(body.metadata) };
      return HttpResponse.json({ metadata: user.metadata }, { status: 201 });
    }),
    route("POST", "/users/findByMetadata", ({ body }) => {
      const { metadata } = body;
      const page = body.page ?? 1;
      const asked = body.limit ?? 50;
      if (!isPlainObject(metadata) || Object.values(metadata).some((v) => typeof v !== "string") || !Number.isInteger(page) || !Number.isInteger(asked)) {
        return badRequest(["metadata must be an object of strings"]);
      }
      const limit = Math.min(asked as number, 100);
      const all = [...state.users.values()].filter((u) => Object.entries(metadata).every(([k, v]) => u.metadata[k] === v));
      const data = all.slice(((page as number) - 1) * limit, (page as number) * limit).map((u) => wireUserOf(u, true));
      return HttpResponse.json({ total: all.length, count: data.length, page, hasNext: (page as number) * limit < all.length, data });
    }),
    route("POST", "/users/mintLoginLink", ({ body }) => {
      if (typeof body.userId !== "string") return badRequest(["userId must be a string"]);
      const user = userFrom(body.userId);
      if (!user) return notFound("User not found");
      const token = crypto.randomUUID().replace(/-/g, "");
      const expiresAt = new Date(Math.floor(clock() / 1000) * 1000 + options.loginLinkTtlSec * 1000).toISOString();
      return HttpResponse.json({ url: `${options.portalUrl}/auth/magic-link?token=${token}`, expiresAt }, { status: 201 });
    }),
    route("GET", "/users/listActiveProducts", ({ url }) => {
      const user = userFrom(url.searchParams.get("userId"));
      if (!user) return notFound("User not found");
      return HttpResponse.json({ products: [{ id: "cproductfree0000000000001", name: "Free" }] });
    }),
    route("GET", "/users/listQuotas", ({ url }) => {
      const user = userFrom(url.searchParams.get("userId"));
      return user ? HttpResponse.json({ quotas: quotaWire(user) }) : notFound("User not found");
    }),
    route("GET", "/users/listPermissions", ({ url }) => {
      const user = userFrom(url.searchParams.get("userId"));
      return user ? HttpResponse.json({ permissions: user.permissions.map((name, i) => ({ id: `cperm${String(i).padStart(20, "0")}`, name })) }) : notFound("User not found");
    }),
    route("POST", "/quotas/incrementUsage", ({ body }) => {
      const { userId, quotaName, incrementBy } = body;
      if (typeof userId !== "string" || typeof quotaName !== "string" || !Number.isInteger(incrementBy)) {
        return badRequest(["userId must be a string", "quotaName must be a string", "incrementBy must be an integer number"]);
      }
      const user = userFrom(userId);
      const quota = user?.quotas.get(quotaName);
      if (!user) return notFound("User not found");
      if (!quota) return notFound("Quota not found");
      quota.usage = Math.max(0, quota.usage + (incrementBy as number));
      return HttpResponse.json({ success: true }, { status: 201 });
    }),
    route("POST", "/quotas/setUsage", ({ body }) => {
      const { userId, quotaName, usage } = body;
      if (typeof userId !== "string" || typeof quotaName !== "string" || !Number.isInteger(usage) || (usage as number) < 0) {
        return badRequest(["userId must be a string", "quotaName must be a string", "usage must not be less than 0"]);
      }
      const user = userFrom(userId);
      const quota = user?.quotas.get(quotaName);
      if (!user) return notFound("User not found");
      if (!quota) return notFound("Quota not found");
      quota.usage = usage as number;
      return HttpResponse.json({ success: true }, { status: 201 });
    }),
    // NestJS answers every other path, and known paths with another method, with a 404.
    http.all(`${origin}/*`, ({ request }) => {
      kit.record(request, "");
      return notFound(`Cannot ${request.method} ${new URL(request.url).pathname}`);
    }),
  ];

  const controls: KobbleFakeControls = {
    async seedUser(seed) {
      const user = newUser({
        email: seed.email,
        name: seed.name ?? null,
        phoneNumber: seed.phone ?? null,
        metadata: structuredClone(seed.metadata ?? {}),
        isVerified: seed.isVerified ?? true,
      });
      return { id: user.id };
    },
    async seedPermissions(userId, permissions) {
      const user = state.users.get(userId);
      if (!user) throw new Error(`the fake has no user ${userId}`);
      user.permissions = [...permissions];
    },
    async issueToken(userId, opts = {}) {
      const k = await signingKeys();
      const kind = opts.kind ?? "valid";
      const now = Math.floor(clock() / 1000);
      let iat = now;
      let exp = now + 3600;
      if (kind === "expired") {
        iat = now - 7200;
        exp = now - 3600;
      }
      const user = state.users.get(userId);
      const claims: Record<string, unknown> =
        opts.tokenType === "id"
          ? {
              id: userId,
              email: user?.email ?? null,
              name: user?.name ?? null,
              picture_url: null,
              is_verified: user?.isVerified ?? false,
              stripe_id: null,
              created_at: user?.createdAt ?? new Date(clock()).toISOString(),
              updated_at: user?.createdAt ?? new Date(clock()).toISOString(),
            }
          : { project_id: options.projectId };
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: KID, typ: "JWT" })
        .setIssuer("https://kobble.io")
        .setAudience(opts.audience ?? options.applicationId)
        .setSubject(userId)
        .setIssuedAt(iat)
        .setExpirationTime(exp);
      if (kind === "not_yet_valid") jwt.setNotBefore(now + 3600);
      // A foreign token names the real kid but is signed by a key Kobble never published.
      return jwt.sign(kind === "foreign" ? k.foreignKey : k.privateKey);
    },
    async signWebhook(event) {
      const user = state.users.get(event.userId);
      let body: string;
      switch (event.type) {
        case "user.created":
          body = JSON.stringify({ type: "user.created", data: { id: event.userId, email: user?.email ?? null, name: user?.name ?? null, createdAt: user?.createdAt ?? new Date(clock()).toISOString(), isVerified: user?.isVerified ?? false } });
          break;
        case "quota.updated": {
          const [name, quota] = [...(user?.quotas ?? new Map([["requests", { usage: 0, limit: 1000 }]]))][0] ?? ["requests", { usage: 0, limit: 1000 }];
          body = JSON.stringify({ type: "quota.reached", data: { quotaId: "cquota00000000000000000001", quotaName: name, usage: quota.limit ?? quota.usage, limit: quota.limit, userId: event.userId } });
          break;
        }
        case "subscription.created":
          body = JSON.stringify({ type: "subscription.created", data: { userId: event.userId, email: user?.email ?? null, status: "active", projectId: options.projectId } });
          break;
        case "ping":
          body = JSON.stringify({ type: "ping", data: { webhookId: "cwebhook00000000000000001" } });
          break;
        default:
          throw new Error(`Kobble sends no ${event.type} webhook (it has user.created, quota.reached, subscription.*, ping)`);
      }
      const secret = event.foreign ? "00112233445566778899aabbccddeeff" : options.webhookSecret;
      return { body, headers: { "content-type": "application/json", "kobble-signature": await signHmacHex(body, secret, "hex"), "kobble-signature-algorithm": "sha256", "user-agent": "Kobble Webhooks/1.0" } };
    },
    setClock: kit.setClock,
    failNext: kit.failNext,
    requestCount: kit.requestCount,
    setLatency(ms) {
      latencyMs = ms;
    },
    reset() {
      state = new FakeState();
      latencyMs = 0;
      kit.reset();
    },
  };

  return { handlers, fetch: fetchFromHandlers(getResponse, handlers, "Kobble"), controls, requests, clock, options };
}
