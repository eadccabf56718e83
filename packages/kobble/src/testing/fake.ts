import { type FetchLike, type JsonObject, signHmacHex, type WebhookEventType } from "@authmux/core";
import { type ConformanceControls, createFakeKit, type FakeKit, type FakeKitControls, fakeSigningKeys, mintFakeJwt, type TokenKind, type VendorFake, withDefaults } from "@authmux/core/testing";
import { http, type RequestHandler } from "msw";
import { type FakeQuotaDefinition, FakeState, type FakeUser, wireUserOf } from "./state.js";

/** Options of {@link createKobbleFake}. */
export interface KobbleFakeOptions {
  /** The admin SDK secret the fake accepts in `Kobble-Sdk-Secret`. */
  secret?: string;
  /** The API origin the handlers answer at; default Kobble's own, so `msw`'s server intercepts the real adapter. */
  baseUrl?: string;
  /** The Kobble project id the fake answers for. */
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

/** The conformance controls other fakes may lack; Kobble's has these (it has no sessions to peek at). */
type KobbleHas = "seedPermissions" | "signWebhook" | "redeemLoginLink" | "peekQuota";
/** The controls of the fake: the conformance contract plus Kobble specifics. */
export interface KobbleFakeControls extends Omit<ConformanceControls, KobbleHas>, Required<Pick<ConformanceControls, KobbleHas>>, FakeKitControls {
  seedUser(input: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; isVerified?: boolean }): Promise<{
    /** The new user's id. */
    id: string;
  }>;
  /** A Kobble access token (default) or ID token for the user. */
  issueToken(userId: string, options?: { kind?: TokenKind; tokenType?: "access" | "id"; audience?: string; header?: Record<string, unknown> }): Promise<string>;
  signWebhook(event: { type: WebhookEventType | "subscription.created" | "ping"; userId: string; foreign?: boolean; body?: string }): Promise<{
    /** The raw body. */
    body: string;
    /** The signature headers. */
    headers: Record<string, string>;
  }>;
  /** Kobble's one verification flag (`isVerified`) of a user, from the fake's state; null for an unknown user. */
  peekVerified(userId: string): Promise<boolean | null>;
  /** The whole state (users, quotas, permissions, login links) as JSON, for {@link KobbleFakeControls.restore}. */
  snapshot(): JsonObject;
  /** Replaces the state with a {@link KobbleFakeControls.snapshot}. */
  restore(state: JsonObject): void;
  /** Forgets every user, quota, permission and login link, and the kit's requests, faults, latency and clock. */
  reset(): void;
}

/** What the Kobble adapter needs to talk to the fake. */
export type KobbleFakeAdapterOptions = Pick<KobbleFakeSettings, "secret" | "projectId" | "applicationId" | "webhookSecret" | "baseUrl"> & {
  /** The fake's `fetch`. */
  fetch: FetchLike;
  /** The fake's clock. */
  clock: () => number;
};

/** The fake's settings, defaults filled in. */
export type KobbleFakeSettings = Required<Omit<KobbleFakeOptions, "clock">>;

/** A strict, stateful fake of Kobble's API: what {@link createKobbleFake} returns. */
export type KobbleFake = VendorFake<KobbleFakeControls, KobbleFakeAdapterOptions, KobbleFakeSettings, RequestHandler>;

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
const E164 = /^\+[1-9]\d{7,14}$/;

// NestJS-shaped answers, as Kobble's API gives them (vendors/kobble.md §2); throttling and outages carry no `error`.
const nest = (status: number, message: string | string[], error?: string) => Response.json({ statusCode: status, message, ...(error ? { error } : {}) }, { status });
const badRequest = (message: string | string[]) => nest(400, message, "Bad Request");
const notFound = (message: string) => nest(404, message, "Not Found");
const created = (body: unknown) => Response.json(body, { status: 201 });
/** What the fake answers for a documented endpoint or parameter it does not emulate, rather than ignore it. */
const notEmulated = (what: string) => nest(501, `${what} is not emulated by the authmux Kobble fake`, "Not Implemented");
const isPlainObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A stateful, strict fake of Kobble's admin API: it checks `Kobble-Sdk-Secret`, paths, methods, query
 * parameters and JSON bodies the way Kobble does, answers with Kobble's JSON and status codes (201 for
 * writes), serves a JWKS and mints ES256 tokens with its own key, signs webhooks with the hex-decoded
 * secret, and injects faults and latency (core's fake kit).
 *
 * @example
 * const fake = createKobbleFake();
 * const auth = kobble(fake.adapterOptions);
 */
export function createKobbleFake(input: KobbleFakeOptions = {}): KobbleFake {
  const options: KobbleFakeSettings = withDefaults(DEFAULTS, input);
  let state = new FakeState();
  const signingKeys = () => fakeSigningKeys("ES256", KID);

  const kit: FakeKit = createFakeKit({
    vendor: "Kobble",
    baseUrl: options.baseUrl,
    clock: input.clock,
    bodyRequired: ["POST"],
    authorize: (request, access) => access === "public" || request.headers.get("kobble-sdk-secret") === options.secret || nest(401, "Unauthorized", "Unauthorized"),
    // Documented (vendors/kobble.md §5, gateway token) but not emulated: the fake signs no gateway tokens.
    notEmulated: ["GET /gateway/getPublicKey"],
    error({ kind, status, message, method, path, operation }) {
      if (kind === "not_emulated") return notEmulated(operation!);
      if (kind === "rate_limited") return nest(429, "ThrottlerException: Too Many Requests");
      if (kind === "unavailable") return nest(status, "Service Unavailable");
      if (kind === "auth_failed") return nest(401, "Unauthorized", "Unauthorized");
      // NestJS answers unknown paths, and known paths with another method, with "Cannot METHOD /path".
      return kind === "not_found" ? notFound(`Cannot ${method} ${path}`) : badRequest(message);
    },
    routes: {
      "GET /auth/whoami": () => Response.json({ projectId: options.projectId, projectSlug: "authmux-fake", userId: "cdashboarduser00000000001" }),
      "GET /ping": () => Response.json({ ok: true }),
      "GET /discovery/p/:projectId/apps/keys": {
        access: "public",
        handle: async ({ params }) => (params.projectId === options.projectId ? Response.json({ keys: [(await signingKeys()).jwk] }) : notFound("Project not found")),
      },
      "GET /users/findById": ({ query }) => findOne(query, "userId", (v) => state.users.get(v), "userId must be a string"),
      "GET /users/findByEmail": ({ query }) => findOne(query, "email", (v) => state.byEmail(v), "email must be an email"),
      "GET /users/findByPhoneNumber": ({ query }) => findOne(query, "phoneNumber", (v) => state.byPhone(v), "phoneNumber must be a valid phone number", E164),
      "GET /users/list": ({ query }) => {
        const include = flag(query, "includeMetadata");
        const page = Number(query.get("page") ?? "1");
        const asked = Number(query.get("limit") ?? "50");
        if (!Number.isInteger(page) || page < 1 || !Number.isInteger(asked) || asked < 1 || include === "bad") {
          return badRequest(["page must be a positive integer", "limit must be a positive integer"]);
        }
        return Response.json(paged([...state.users.values()], page, Math.min(asked, 100), include));
      },
      "POST /users/create": ({ body }) => {
        const { email, name, phoneNumber, metadata } = body;
        const problems: string[] = [];
        if (email !== undefined && (typeof email !== "string" || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) problems.push("email must be an email");
        if (phoneNumber !== undefined && (typeof phoneNumber !== "string" || !E164.test(phoneNumber))) problems.push("phoneNumber must be a valid phone number");
        if (email === undefined && phoneNumber === undefined) problems.push("email or phoneNumber must be provided");
        if (name !== undefined && typeof name !== "string") problems.push("name must be a string");
        if (metadata !== undefined && !isPlainObject(metadata)) problems.push("metadata must be an object");
        for (const flagName of ["markEmailAsVerified", "markPhoneNumberAsVerified"]) {
          if (body[flagName] !== undefined && typeof body[flagName] !== "boolean") problems.push(`${flagName} must be a boolean value`);
        }
        if (problems.length) return badRequest(problems);
        if ((typeof email === "string" && state.byEmail(email)) || (typeof phoneNumber === "string" && state.byPhone(phoneNumber))) {
          return nest(409, "A user with this email or phone number already exists", "Conflict");
        }
        const user = newUser({
          email: (email as string | undefined) ?? null,
          name: (name as string | undefined) ?? null,
          phoneNumber: (phoneNumber as string | undefined) ?? null,
          metadata: (metadata as JsonObject | undefined) ?? {},
          // A given email counts as verified unless told otherwise; a phone number only when told so (vendors/kobble.md §3.3).
          isVerified: (email !== undefined && body.markEmailAsVerified !== false) || (phoneNumber !== undefined && body.markPhoneNumberAsVerified === true),
        });
        return created(wireUserOf(user, true));
      },
      "POST /users/updateMetadata": ({ body }) => writeMetadata(body, () => structuredClone(body.metadata as JsonObject)),
      // Shallow merge; Kobble keeps null as a value (vendors/kobble.md §3.3).
      "POST /users/patchMetadata": ({ body }) => writeMetadata(body, (user) => ({ ...user.metadata, ...structuredClone(body.metadata as JsonObject) })),
      "POST /users/findByMetadata": ({ body }) => {
        const { metadata } = body;
        const page = body.page ?? 1;
        const asked = body.limit ?? 50;
        if (!isPlainObject(metadata) || Object.values(metadata).some((v) => typeof v !== "string")) return badRequest(["metadata must be an object of strings"]);
        if (!Number.isInteger(page) || (page as number) < 1 || !Number.isInteger(asked) || (asked as number) < 1) return badRequest(["page must be a positive integer", "limit must be a positive integer"]);
        const all = [...state.users.values()].filter((u) => Object.entries(metadata).every(([k, v]) => u.metadata[k] === v));
        return Response.json(paged(all, page as number, Math.min(asked as number, 100), true));
      },
      "POST /users/mintLoginLink": ({ body }) => {
        if (typeof body.userId !== "string") return badRequest(["userId must be a string"]);
        if (!state.users.has(body.userId)) return notFound("User not found");
        const token = crypto.randomUUID().replace(/-/g, "");
        const expiresAt = Math.floor(kit.clock() / 1000) * 1000 + options.loginLinkTtlSec * 1000;
        state.loginLinks.set(token, { userId: body.userId, expiresAt, used: false });
        return created({ url: `${options.portalUrl}/auth/magic-link?token=${token}`, expiresAt: new Date(expiresAt).toISOString() });
      },
      "GET /users/listActiveProducts": ({ query }) => withUser(query, () => Response.json({ products: [{ id: "cproductfree0000000000001", name: "Free" }] })),
      "GET /users/listQuotas": ({ query }) => withUser(query, (user) => Response.json({ quotas: quotaWire(user) })),
      "GET /users/listPermissions": ({ query }) =>
        withUser(query, (user) => Response.json({ permissions: user.permissions.map((name, i) => ({ id: `cperm${String(i).padStart(20, "0")}`, name })) })),
      "POST /quotas/incrementUsage": ({ body }) =>
        Number.isInteger(body.incrementBy)
          ? writeQuota(body, (q) => Math.max(0, q.usage + (body.incrementBy as number)))
          : badRequest(["userId must be a string", "quotaName must be a string", "incrementBy must be an integer number"]),
      "POST /quotas/setUsage": ({ body }) =>
        Number.isInteger(body.usage) && (body.usage as number) >= 0
          ? writeQuota(body, () => body.usage as number)
          : badRequest(["userId must be a string", "quotaName must be a string", "usage must not be less than 0"]),
    },
  });

  function newUser(fields: Pick<FakeUser, "email" | "name" | "phoneNumber" | "metadata" | "isVerified">): FakeUser {
    const user: FakeUser = {
      id: state.nextId(),
      ...fields,
      createdAt: new Date(kit.clock()).toISOString(),
      permissions: [],
      quotas: new Map(options.quotas.map((q) => [q.name, { usage: 0, limit: q.limit }])),
    };
    state.users.set(user.id, user);
    return user;
  }

  function quotaWire(user: FakeUser) {
    const now = new Date(kit.clock());
    const expiresAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
    return [...user.quotas].map(([name, q]) => ({ name, usage: q.usage, limit: q.limit, remaining: q.limit === null ? null : Math.max(0, q.limit - q.usage), expiresAt }));
  }

  function flag(query: URLSearchParams, name: string): boolean | "bad" {
    const v = query.get(name);
    return v === null || v === "false" ? false : v === "true" ? true : "bad";
  }

  /** A lookup by one query parameter; class-validator lists every problem of the query. */
  function findOne(query: URLSearchParams, param: string, find: (value: string) => FakeUser | undefined, problem: string, shape = /./): Response {
    const include = flag(query, "includeMetadata");
    const value = query.get(param) ?? "";
    const problems = [...(shape.test(value) ? [] : [problem]), ...(include === "bad" ? ["includeMetadata must be a boolean value"] : [])];
    if (problems.length > 0 || include === "bad") return badRequest(problems);
    const user = find(value);
    return user ? Response.json(wireUserOf(user, include)) : notFound("User not found");
  }

  const paged = (all: FakeUser[], page: number, limit: number, include: boolean) => {
    const data = all.slice((page - 1) * limit, page * limit).map((u) => wireUserOf(u, include));
    return { total: all.length, count: data.length, page, hasNext: page * limit < all.length, data };
  };

  function withUser(query: URLSearchParams, answer: (user: FakeUser) => Response): Response {
    const user = state.users.get(query.get("userId") ?? "");
    return user ? answer(user) : notFound("User not found");
  }

  function writeMetadata(body: Record<string, unknown>, next: (user: FakeUser) => JsonObject): Response {
    if (typeof body.userId !== "string" || !isPlainObject(body.metadata)) return badRequest(["userId must be a string", "metadata must be an object"]);
    const user = state.users.get(body.userId);
    if (!user) return notFound("User not found");
    user.metadata = next(user);
    return created({ metadata: user.metadata });
  }

  function writeQuota(body: Record<string, unknown>, next: (quota: { usage: number; limit: number | null }) => number): Response {
    if (typeof body.userId !== "string" || typeof body.quotaName !== "string") return badRequest(["userId must be a string", "quotaName must be a string"]);
    const user = state.users.get(body.userId);
    const quota = user?.quotas.get(body.quotaName);
    if (!user) return notFound("User not found");
    if (!quota) return notFound("Quota not found");
    quota.usage = next(quota);
    return created({ success: true });
  }

  const controls: KobbleFakeControls = {
    ...kit.controls,
    async seedUser(seed) {
      const user = newUser({ email: seed.email, name: seed.name ?? null, phoneNumber: seed.phone ?? null, metadata: structuredClone(seed.metadata ?? {}), isVerified: seed.isVerified ?? true });
      return { id: user.id };
    },
    async seedPermissions(userId, permissions) {
      const user = state.users.get(userId);
      if (!user) throw new Error(`the fake has no user ${userId}`);
      user.permissions = [...permissions];
    },
    async issueToken(userId, opts = {}) {
      const user = state.users.get(userId);
      const at = user?.createdAt ?? new Date(kit.clock()).toISOString();
      const claims =
        opts.tokenType === "id"
          ? { id: userId, email: user?.email ?? null, name: user?.name ?? null, picture_url: null, is_verified: user?.isVerified ?? false, stripe_id: null, created_at: at, updated_at: at }
          : { project_id: options.projectId };
      // A foreign token names the real kid but is signed by a key Kobble never published.
      return mintFakeJwt({ keys: await signingKeys(), alg: "ES256", kind: opts.kind, iat: Math.floor(kit.clock() / 1000), ttlSec: 3600, issuer: "https://kobble.io", subject: userId, audience: opts.audience ?? options.applicationId, claims, header: opts.header });
    },
    async signWebhook(event) {
      const user = state.users.get(event.userId);
      const envelope = (type: string, data: Record<string, unknown>) => JSON.stringify({ type, data });
      let body: string;
      if (event.body !== undefined) body = event.body;
      else if (event.type === "user.created") {
        body = envelope("user.created", { id: event.userId, email: user?.email ?? null, name: user?.name ?? null, createdAt: user?.createdAt ?? new Date(kit.clock()).toISOString(), isVerified: user?.isVerified ?? false });
      } else if (event.type === "quota.updated") {
        const [name, quota] = [...(user?.quotas ?? [])][0] ?? ["requests", { usage: 0, limit: 1000 }];
        body = envelope("quota.reached", { quotaId: "cquota00000000000000000001", quotaName: name, usage: quota.limit ?? quota.usage, limit: quota.limit, userId: event.userId });
      } else if (event.type === "subscription.created") {
        body = envelope("subscription.created", { userId: event.userId, email: user?.email ?? null, status: "active", projectId: options.projectId });
      } else if (event.type === "ping") {
        body = envelope("ping", { webhookId: "cwebhook00000000000000001" });
      } else throw new Error(`Kobble sends no ${event.type} webhook (it has user.created, quota.reached, subscription.*, ping)`);
      const secret = event.foreign ? "00112233445566778899aabbccddeeff" : options.webhookSecret;
      return { body, headers: { "content-type": "application/json", "kobble-signature": await signHmacHex(body, secret, "hex"), "kobble-signature-algorithm": "sha256", "user-agent": "Kobble Webhooks/1.0" } };
    },
    async peekUser(ref) {
      const user = typeof ref === "string" ? state.users.get(ref) : state.byEmail(ref.email);
      return user ? { id: user.id, email: user.email, name: user.name, phone: user.phoneNumber, metadata: structuredClone(user.metadata) } : null;
    },
    async peekVerified(userId) {
      return state.users.get(userId)?.isVerified ?? null;
    },
    async redeemLoginLink(url) {
      // The portal's magic-link page: one sign-in per link, before it expires.
      const parsed = new URL(url);
      const link = `${parsed.origin}${parsed.pathname}` === `${options.portalUrl}/auth/magic-link` ? state.loginLinks.get(parsed.searchParams.get("token") ?? "") : undefined;
      if (!link || link.used || link.expiresAt <= kit.clock()) throw new Error("the Kobble portal signs nobody in with this link: unknown, used or expired");
      link.used = true;
      return { userId: link.userId };
    },
    async peekQuota(userId, name) {
      const quota = state.users.get(userId)?.quotas.get(name);
      return quota ? { used: quota.usage } : null;
    },
    snapshot: () => state.snapshot(),
    restore(snapshot) {
      state = FakeState.restore(snapshot);
    },
    reset() {
      state = new FakeState();
      kit.reset();
    },
  };

  const { secret, projectId, applicationId, webhookSecret, baseUrl } = options;
  return kit.expose(http, { controls, options, adapterOptions: { secret, projectId, applicationId, webhookSecret, baseUrl } });
}
