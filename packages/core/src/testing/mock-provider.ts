import { assembleProvider } from "../capabilities/assemble.js";
import { CAPABILITIES, type Capability } from "../capabilities/names.js";
import type { Provider } from "../capabilities/provider.js";
import { AuthmuxError } from "../errors/authmux-error.js";
import { quotasFromStore } from "../quotas/capability.js";
import { memoryQuotaStore } from "../quotas/memory-store.js";
import type { QuotaLimit } from "../quotas/store.js";
import type { CreateUserInput, JsonObject, Page, User, WebhookEventType } from "../types/neutral.js";
import { checkCreateUserInput, checkUserPatch, mergeMetadata, optionalText, optionsObject, requireEmail, requireId, requireJsonObject, requireListOptions, requirePhone, requireSecretString } from "../validation/input.js";
import { parseWebhookJson, type RawBody } from "../webhooks/raw-body.js";
import { signStandardWebhook, verifyStandardWebhook } from "../webhooks/standard-webhooks.js";
import { lazyKeys } from "./mock-keys.js";
import { isWebCryptoHash } from "../passwords/web-crypto.js";
import { cannotVerify, importHashWasm, verifyPasswordHash } from "./password-verify.js";
import { parsePasswordHash, type PasswordHash, requirePasswordHash } from "../passwords/hash.js";
import type { PasswordImportSupport } from "../types/neutral.js";
import { hashPassword, type MockSessionRecord, MockState, type MockUserRecord, toSession, toUser } from "./mock-state.js";
import { signMockToken, type TokenKind, toVerifiedToken } from "./mock-tokens.js";
import { createJwtVerifier, type JwtVerifier } from "../jwt/verifier.js";
import type { ProviderHooks } from "../observability/hooks.js";
import type { ConformanceControls } from "../conformance/harness.js";
import { decodeJwt } from "jose";
import * as z from "zod/mini";

/** Options of {@link createMockProvider}. */
export interface MockProviderOptions<C extends Capability = Capability> {
  /** The capabilities to declare; all of them by default. Leave some out to test an app against a smaller vendor. */
  capabilities?: readonly C[] | undefined;
  /** Epoch milliseconds; defaults to `Date.now`. `controls.setClock` overrides it. */
  clock?: (() => number) | undefined;
  /** Issuer of the mock's tokens. */
  issuer?: string | undefined;
  /** Audience of the mock's tokens. */
  audience?: string | undefined;
  /** Quotas every user has; default `{ requests: { limit: 1000 } }`. */
  quotas?: Readonly<Record<string, QuotaLimit>> | undefined;
  /** Where login links point. */
  loginUrl?: string | undefined;
  /** Standard Webhooks secret (`whsec_…`) the mock signs its webhooks with. */
  webhookSecret?: string | undefined;
  /** Lifetime of issued tokens; default 3600 s. */
  tokenTtlSec?: number | undefined;
  /** Lifetime of sessions; default 7 days. */
  sessionTtlSec?: number | undefined;
  /** Seconds of clock skew tolerated when verifying; default 5. */
  clockToleranceSec?: number | undefined;
  /** Observability hooks: the mock makes no vendor calls, so only `onVerify` is called. */
  hooks?: ProviderHooks | undefined;
}

/** A webhook event to sign, as a test states it. */
export interface MockWebhookInput {
  /** The event type: a neutral one, or any other name (it verifies as `unknown`). */
  type: WebhookEventType | (string & {});
  /** The user the event is about; the mock's copy of the user rides along when it holds one. */
  userId?: string;
  /** The session the event is about. */
  sessionId?: string;
  /** The delivery's id; default a fresh one. */
  id?: string;
  /** Sign with a secret the mock does not trust. */
  foreign?: boolean;
  /** This exact body, signed, instead of the one the mock builds for the event. */
  body?: string;
}

/** Test controls of the mock: what app tests and the conformance suite drive it with. */
export interface MockControls extends Required<ConformanceControls> {
  /** Creates a user straight in the mock's store (no capability needed). */
  seedUser(input: CreateUserInput & { emailVerified?: boolean; permissions?: string[] }): Promise<{
    /** The new user's id. */
    id: string;
  }>;
  /** Gives the user these permissions (replacing what they had). */
  seedPermissions(userId: string, permissions: readonly string[]): Promise<void>;
  /** A signed token for `userId` with a new active session (`valid`), or one that must fail. */
  issueToken(userId: string, options?: { kind?: TokenKind; expiresInSeconds?: number; claims?: Record<string, unknown> }): Promise<string>;
  /** A webhook delivery: the raw body and the headers the mock's `webhooks.verify` expects. */
  signWebhook(event: MockWebhookInput): Promise<{
    /** The raw body. */
    body: string;
    /** The Standard Webhooks headers. */
    headers: Record<string, string>;
  }>;
  /** The public key the mock signs with, as a JWKS. */
  jwks(): Promise<{
    /** The public keys (JWK). */
    keys: object[];
  }>;
  /** Forgets all users, sessions, quotas, faults and the clock override. */
  reset(): void;
}

/** Vendor-only operations of the mock. */
export interface MockVendor {
  /** Every session of every user, for assertions. */
  allSessions(): Promise<ReturnType<typeof toSession>[]>;
}

/** The mock provider type: the declared capabilities plus `controls`. */
export type MockProvider<C extends Capability = Capability> = Provider<"mock", C, MockVendor> & {
  /** The test controls. */
  readonly controls: MockControls;
};

const DEFAULT_WEBHOOK_SECRET = "whsec_bW9jay1hdXRobXV4LXdlYmhvb2stc2VjcmV0";
// What the mock's own deliveries hold (signWebhook): checked before they become neutral events.
const text = z.string().check(z.minLength(1));
const epochMs = z.number().check(z.refine((ms) => !Number.isNaN(new Date(ms).getTime()), "a time a Date can hold"));
const wireUserRecord = z.looseObject({
  id: text,
  email: z.string(),
  emailVerified: z.boolean(),
  phone: z.nullable(z.string()),
  phoneVerified: z.boolean(),
  name: z.nullable(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: epochMs,
  updatedAt: z.nullable(epochMs),
});
const wireSessionRecord = z.looseObject({
  id: text,
  userId: text,
  status: z.enum(["active", "revoked", "expired", "ended"]),
  createdAt: epochMs,
  expiresAt: epochMs,
  lastActiveAt: epochMs,
});
const wireDelivery = z.looseObject({ type: z.string(), data: z.optional(z.looseObject({ user: z.optional(z.unknown()), session: z.optional(z.unknown()), user_id: z.optional(z.unknown()) })) });

const NEUTRAL_EVENT_TYPES = new Set(["user.created", "user.updated", "user.deleted", "session.created", "session.ended", "quota.updated"]);

/**
 * An in-memory provider with every capability, for app tests: deterministic ids (`user_000001`), real ES256
 * tokens its own `tokens.verify` checks, Standard Webhooks signatures, a settable clock and fault injection.
 *
 * @example
 * const auth = createMockProvider();
 * const user = await auth.users.create({ email: "ada@example.com" });
 * const token = await auth.controls.issueToken(user.id);
 * expect((await auth.tokens.verify(token)).userId).toBe(user.id);
 */
export function createMockProvider<const C extends Capability = Capability>(options: MockProviderOptions<C> = {}): MockProvider<C> {
  const name = "mock" as const;
  const issuer = options.issuer ?? "https://mock.authmux.dev";
  const audience = options.audience ?? "authmux-mock";
  const tokenTtl = options.tokenTtlSec ?? 3600;
  const sessionTtl = options.sessionTtlSec ?? 7 * 24 * 3600;
  const tolerance = options.clockToleranceSec ?? 5;
  const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const loginUrl = options.loginUrl ?? "https://mock.authmux.dev/login";
  const quotaLimits = options.quotas ?? { requests: { limit: 1000 } };
  const keys = lazyKeys("mock-key-1");

  let frozenAt: number | undefined;
  const now = () => frozenAt ?? (options.clock ?? Date.now)();
  let state = new MockState(name);
  let quotaStore = memoryQuotaStore({ limits: quotaLimits, clock: now });

  const userOr404 = (id: string): MockUserRecord => {
    const user = state.users.get(id);
    if (!user) throw new AuthmuxError("not_found", `no user with id ${id}`, { provider: name, status: 404, cause: { error: "user_not_found" } });
    return user;
  };
  const view = (u: MockUserRecord) => toUser(u, name);

  async function insertUser(input: CreateUserInput & { emailVerified?: boolean; permissions?: string[] }, viaApi: boolean): Promise<MockUserRecord> {
    const email = requireEmail(input?.email);
    const phone = input.phone == null ? null : requirePhone(input.phone);
    const fullName = optionalText(input.name, "name") ?? null;
    const metadata = input.metadata === undefined ? {} : requireJsonObject(input.metadata);
    const password = input.password === undefined ? undefined : requireSecretString(input.password, "password", 256);
    if (viaApi) state.hit();
    if (state.findByEmail(email)) throw new AuthmuxError("conflict", "a user with this email already exists", { provider: name, status: 409, cause: { error: "duplicate_email" } });
    const record: MockUserRecord = {
      id: state.nextId("user"),
      email,
      emailVerified: input.emailVerified ?? false,
      phone,
      phoneVerified: false,
      name: fullName,
      metadata: structuredClone(metadata),
      permissions: [...(input.permissions ?? [])],
      passwordHash: password === undefined ? null : await hashPassword(password),
      createdAt: now(),
      updatedAt: null,
    };
    state.users.set(record.id, record);
    return record;
  }

  function newSession(userId: string): MockSessionRecord {
    const t = now();
    const session: MockSessionRecord = { id: state.nextId("session"), userId, status: "active", createdAt: t, expiresAt: t + sessionTtl * 1000, lastActiveAt: t };
    state.sessions.set(session.id, session);
    return session;
  }

  async function sign(subject: string, sessionId: string | null, kind: TokenKind, ttl: number, claims?: Record<string, unknown>) {
    return signMockToken(await keys(), issuer, audience, { subject, sessionId, now: now(), expiresInSeconds: ttl, kind, ...(claims ? { claims } : {}) });
  }

  // The mock verifies through the same engine as every adapter, so app tests exercise real verification.
  let verifier: Promise<JwtVerifier> | undefined;
  const verify = async (token: string) => {
    verifier ??= keys().then((k) =>
      createJwtVerifier({ keys: k.publicKey, issuer, audience, algorithms: ["ES256"], typ: "JWT", requiredClaims: ["sub"], clockToleranceSec: tolerance, clock: now, provider: name, hooks: options.hooks }),
    );
    const { claims } = await (await verifier).verify(token);
    return toVerifiedToken(claims, name);
  };

  const users = {
    async get(id: string) {
      requireId(id, "user id");
      state.hit();
      const u = state.users.get(id);
      return u ? view(u) : null;
    },
    async getByEmail(email: string) {
      const e = requireEmail(email);
      state.hit();
      const u = state.findByEmail(e);
      return u ? view(u) : null;
    },
    async list(opts?: { limit?: number; cursor?: string | null }): Promise<Page<User>> {
      const { limit, cursor } = requireListOptions(opts, 100);
      const after = cursor === null ? null : decodeCursor(cursor);
      state.hit();
      // Ids are zero-padded counters, so string order is creation order and survives deletions.
      const all = [...state.users.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).filter((u) => after === null || u.id > after);
      const items = all.slice(0, limit);
      const last = items[items.length - 1];
      return { items: items.map(view), nextCursor: all.length > limit && last ? encodeCursor(last.id) : null };
    },
    async create(input: CreateUserInput) {
      // Only the neutral fields through the API: seedUser's emailVerified and permissions are refused here.
      checkCreateUserInput(input);
      return view(await insertUser(input, true));
    },
    async update(id: string, patch: { email?: string; name?: string | null; phone?: string | null }) {
      requireId(id, "user id");
      const { email, phone, name: newName } = checkUserPatch(patch);
      state.hit();
      const user = userOr404(id);
      if (email !== undefined) {
        const other = state.findByEmail(email);
        if (other && other.id !== id) throw new AuthmuxError("conflict", "a user with this email already exists", { provider: name, status: 409, cause: { error: "duplicate_email" } });
        if (email.toLowerCase() !== user.email.toLowerCase()) user.emailVerified = false;
        user.email = email;
      }
      if (newName !== undefined) user.name = newName;
      if (phone !== undefined) {
        user.phone = phone;
        user.phoneVerified = false;
      }
      user.updatedAt = now();
      return view(user);
    },
    async delete(id: string) {
      requireId(id, "user id");
      state.hit();
      userOr404(id);
      state.users.delete(id);
      for (const s of state.sessions.values()) if (s.userId === id && s.status === "active") s.status = "revoked";
    },
    async replaceMetadata(id: string, data: JsonObject) {
      requireId(id, "user id");
      const next = requireJsonObject(data);
      state.hit();
      const user = userOr404(id);
      user.metadata = structuredClone(next);
      user.updatedAt = now();
      return view(user);
    },
    async patchMetadata(id: string, partial: JsonObject) {
      requireId(id, "user id");
      const patch = requireJsonObject(partial);
      state.hit();
      const user = userOr404(id);
      user.metadata = structuredClone(mergeMetadata(user.metadata, patch));
      user.updatedAt = now();
      return view(user);
    },
  };

  async function authenticate(token: string) {
    const verified = await verify(token);
    state.hit();
    const session = verified.sessionId ? state.sessions.get(verified.sessionId) : undefined;
    const user = state.users.get(verified.userId);
    const current = session && toSession(session, name, now());
    if (!session || !user || !current || current.status !== "active" || session.userId !== user.id) {
      throw new AuthmuxError("session_invalid", `session is ${current?.status ?? "unknown"} at the provider`, { provider: name, status: 404 });
    }
    session.lastActiveAt = now();
    return { session: toSession(session, name, now()), user: view(user) };
  }

  const implementation = {
    users,
    tokens: {
      verify,
      async issue(subject: string, given?: { expiresInSeconds?: number; claims?: Record<string, unknown>; sessionId?: string }) {
        requireId(subject, "subject");
        const opts = optionsObject(given, "tokens.issue options");
        const ttl = opts.expiresInSeconds ?? tokenTtl;
        if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl > 30 * 24 * 3600) {
          throw new AuthmuxError("invalid_input", "expiresInSeconds must be a whole number from 1 to 2592000");
        }
        if (opts.claims !== undefined) requireJsonObject(opts.claims, "claims");
        state.hit();
        const sessionId = opts.sessionId ?? (state.users.has(subject) ? newSession(subject).id : null);
        return sign(subject, sessionId, "valid", ttl, opts.claims);
      },
    },
    sessions: {
      authenticate,
      async list(userId: string) {
        requireId(userId, "user id");
        state.hit();
        return [...state.sessions.values()].filter((s) => s.userId === userId).map((s) => toSession(s, name, now()));
      },
      async revoke(sessionId: string) {
        requireId(sessionId, "session id");
        state.hit();
        const session = state.sessions.get(sessionId);
        if (!session) throw new AuthmuxError("not_found", "no session with this id", { provider: name, status: 404, cause: { error: "session_not_found" } });
        if (session.status === "active") session.status = "revoked";
      },
    },
    quotas: (() => {
      // The quota member runs through the fault/request counter like every other vendor call.
      const member = quotasFromStore({
        list: async (u) => (state.hit(), quotaStore.list(u)),
        get: async (u, n) => (state.hit(), quotaStore.get(u, n)),
        add: async (u, n, d) => (state.hit(), userOr404(u), quotaStore.add(u, n, d)),
        consume: async (u, n, amount) => (state.hit(), userOr404(u), quotaStore.consume(u, n, amount)),
        set: async (u, n, v) => (state.hit(), userOr404(u), quotaStore.set(u, n, v)),
      });
      return member;
    })(),
    permissions: {
      async list(userId: string) {
        requireId(userId, "user id");
        state.hit();
        return [...userOr404(userId).permissions].sort();
      },
      async has(userId: string, permission: string | readonly string[]) {
        requireId(userId, "user id");
        const wanted = typeof permission === "string" ? [permission] : Array.isArray(permission) ? [...permission] : [];
        if (wanted.length === 0 || wanted.some((p) => typeof p !== "string" || p.length === 0)) {
          throw new AuthmuxError("invalid_input", "permissions.has needs one or more non-empty permission names");
        }
        state.hit();
        const held = new Set(userOr404(userId).permissions);
        return wanted.every((p) => held.has(p));
      },
    },
    loginLinks: {
      async create(userId: string, given?: { expiresInSeconds?: number; redirectUrl?: string }) {
        requireId(userId, "user id");
        const opts = optionsObject(given, "loginLinks.create options");
        const ttl = opts.expiresInSeconds ?? 600;
        if (!Number.isSafeInteger(ttl) || ttl < 60 || ttl > 7 * 24 * 3600) {
          throw new AuthmuxError("invalid_input", "expiresInSeconds must be a whole number from 60 to 604800");
        }
        if (opts.redirectUrl !== undefined && !isHttpUrl(opts.redirectUrl)) throw new AuthmuxError("invalid_input", "redirectUrl must be an http(s) URL");
        state.hit();
        userOr404(userId);
        const url = new URL(loginUrl);
        const token = await sign(userId, null, "valid", ttl, { purpose: "login_link", jti: state.nextId("link") });
        state.loginLinks.set(token, { userId, expiresAt: now() + ttl * 1000, used: false });
        url.searchParams.set("token", token);
        if (opts.redirectUrl) url.searchParams.set("redirect_url", opts.redirectUrl);
        return { url: url.toString(), expiresAt: new Date(Math.floor(now() / 1000) * 1000 + ttl * 1000) };
      },
    },
    passwords: {
      async authenticate(credentials: { email?: string; login?: string; password: string }) {
        if (typeof credentials !== "object" || credentials === null) throw new AuthmuxError("invalid_input", "passwords.authenticate needs { email, password }");
        const email = requireEmail(credentials.email ?? credentials.login, credentials.email !== undefined ? "email" : "login");
        const password = requireSecretString(credentials.password, "password", 256);
        state.hit();
        const user = state.findByEmail(email);
        const matches = user?.passwordHash ? await verifyPasswordHash(parsePasswordHash(user.passwordHash), password) : false;
        // One answer for unknown user and wrong password: no account enumeration.
        if (!user || matches !== true) {
          throw new AuthmuxError("invalid_credentials", "email or password is wrong", { provider: name, status: 401 });
        }
        const session = newSession(user.id);
        return { user: view(user), session: toSession(session, name, now()), sessionToken: await sign(user.id, session.id, "valid", tokenTtl) };
      },
      // Every algorithm a PasswordHash carries: PBKDF2 and SHA with Web Crypto, the others with hash-wasm where the
      // runtime lets it compile WebAssembly.
      canImport(hash: PasswordHash): PasswordImportSupport {
        const reason = cannotVerify(requirePasswordHash(hash));
        return reason === undefined ? { ok: true } : { ok: false, reason };
      },
      async importHash(userId: string, given: PasswordHash | string) {
        requireId(userId, "user id");
        const hash = requirePasswordHash(given);
        const reason = cannotVerify(hash);
        if (reason !== undefined) throw new AuthmuxError("invalid_input", reason);
        // Refused now, not at the first sign-in, when the library that checks it is not installed.
        if (!isWebCryptoHash(hash)) await importHashWasm();
        state.hit();
        const user = userOr404(userId);
        user.passwordHash = hash.encoded;
        user.updatedAt = now();
      },
      async set(userId: string, password: string) {
        requireId(userId, "user id");
        const hash = await hashPassword(requireSecretString(password, "password", 256));
        state.hit();
        const user = userOr404(userId);
        user.passwordHash = hash;
        user.updatedAt = now();
      },
    },
    webhooks: {
      async verify(rawBody: RawBody, headers: Headers | Record<string, string | string[] | undefined>, given?: { now?: Date }) {
        const opts = optionsObject(given, "webhooks.verify options");
        const delivery = await verifyStandardWebhook(rawBody, headers, { secret: webhookSecret, now: opts.now ?? new Date(now()), provider: name });
        const payload = z.safeParse(wireDelivery, parseWebhookJson(delivery.body, name));
        if (!payload.success) throw new AuthmuxError("webhook_invalid", "webhook body is not a delivery of the mock (an object with type and data)", { provider: name });
        const vendorType = payload.data.type;
        const sent: { user?: unknown; session?: unknown; user_id?: unknown } = payload.data.data ?? {};
        const type = (NEUTRAL_EVENT_TYPES.has(vendorType) ? vendorType : "unknown") as WebhookEventType;
        const data: { user?: User; userId?: string; session?: ReturnType<typeof toSession> } = {};
        // A user or session of another shape than the mock's own records is not mapped half-way: `raw` keeps it.
        const rawUser = z.safeParse(wireUserRecord, sent.user);
        if (rawUser.success) data.user = view({ ...rawUser.data, passwordHash: null } as MockUserRecord);
        const rawSession = z.safeParse(wireSessionRecord, sent.session);
        if (rawSession.success) data.session = toSession(rawSession.data, name, now());
        const userId = sent.user_id ?? data.user?.id ?? data.session?.userId;
        if (typeof userId === "string" && userId !== "") data.userId = userId;
        return { id: delivery.id, type, vendorType, occurredAt: delivery.timestamp, data, provider: name, raw: payload };
      },
    },
  };

  const capabilities = (options.capabilities ?? CAPABILITIES) as readonly C[];
  const vendor: MockVendor = { allSessions: async () => [...state.sessions.values()].map((s) => toSession(s, name, now())) };
  const provider = assembleProvider({ name, capabilities, vendor, implementation });

  const controls: MockControls = {
    async seedUser(input) {
      return { id: (await insertUser(input, false)).id };
    },
    async seedPermissions(userId, permissions) {
      userOr404(userId).permissions = [...permissions];
    },
    async issueToken(userId, opts = {}) {
      const kind = opts.kind ?? "valid";
      const sessionId = state.users.has(userId) ? newSession(userId).id : null;
      return sign(userId, sessionId, kind, opts.expiresInSeconds ?? tokenTtl, opts.claims);
    },
    async signWebhook(event) {
      const id = event.id ?? state.nextId("event");
      const data: Record<string, unknown> = {};
      const user = event.userId ? state.users.get(event.userId) : undefined;
      if (user) {
        const { passwordHash: _secret, ...wire } = user;
        data.user = wire;
      }
      if (event.userId) data.user_id = event.userId;
      const session = event.sessionId ? state.sessions.get(event.sessionId) : undefined;
      if (session) data.session = { ...session };
      const timestamp = new Date(now());
      const body = event.body ?? JSON.stringify({ type: event.type, timestamp: timestamp.toISOString(), data });
      const secret = event.foreign ? "whsec_Zm9yZWlnbi1zZWNyZXQtbm90LXRydXN0ZWQ=" : webhookSecret;
      return { body, headers: await signStandardWebhook(body, { secret, id, timestamp }) };
    },
    setClock(ms) {
      if (!Number.isFinite(ms)) throw new AuthmuxError("invalid_input", "setClock needs epoch milliseconds");
      frozenAt = ms;
    },
    failNext(fault, times = 1) {
      state.failNext(fault, times);
    },
    requestCount: () => state.requests,
    async peekUser(ref) {
      const user = typeof ref === "string" ? state.users.get(ref) : state.findByEmail(ref.email);
      return user ? { id: user.id, email: user.email, name: user.name, phone: user.phone, metadata: structuredClone(user.metadata) } : null;
    },
    async peekSession(token) {
      const sid = decodeJwt(token).sid;
      const session = typeof sid === "string" ? state.sessions.get(sid) : undefined;
      return session ? { userId: session.userId, active: toSession(session, name, now()).status === "active" } : null;
    },
    async redeemLoginLink(url) {
      // What the mock's login page would do with the link: one sign-in per link, before it expires.
      const link = state.loginLinks.get(new URL(url).searchParams.get("token") ?? "");
      if (!link || link.used || link.expiresAt <= now()) throw new Error("the mock signs nobody in with this link: unknown, used or expired");
      link.used = true;
      return { userId: link.userId };
    },
    async peekQuota(userId, quotaName) {
      const quota = await quotaStore.get(userId, quotaName);
      return quota ? { used: quota.used } : null;
    },
    async jwks() {
      return { keys: [(await keys()).publicJwk] };
    },
    reset() {
      state = new MockState(name);
      quotaStore = memoryQuotaStore({ limits: quotaLimits, clock: now });
      frozenAt = undefined;
    },
  };

  return Object.freeze({ ...provider, controls }) as MockProvider<C>;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function encodeCursor(id: string): string {
  return btoa(JSON.stringify({ after: id })).replace(/=+$/, "");
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(atob(cursor)) as { after?: unknown };
    if (typeof parsed.after === "string") return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw new AuthmuxError("invalid_input", "cursor is not one this provider handed out");
}
