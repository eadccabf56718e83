import { hexEncode, type JsonObject, signStandardWebhook, type WebhookEventType } from "@authmux/core";
import type { ConformanceControls, Fault } from "@authmux/core/conformance";
import { createFakeKit, fetchFromHandlers, type RecordedRequest, type TokenKind, withDefaults } from "@authmux/core/testing";
import { exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from "jose";
import { getResponse, http, HttpResponse, type RequestHandler } from "msw";
import { type FakeSession, FakeState, type FakeUser, wireSessionOf, wireUserOf } from "./state.js";

/** Options of {@link createStytchFake}. */
export interface StytchFakeOptions {
  projectId?: string;
  secret?: string;
  /** The API root the handlers answer at; default Stytch's test environment. */
  baseUrl?: string;
  /** The Svix secret webhooks are signed with. */
  webhookSecret?: string;
  /** Epoch ms; `controls.setClock` overrides it. */
  clock?: () => number;
}

export interface StytchFakeControls extends ConformanceControls {
  seedUser(input: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; password?: string }): Promise<{ id: string }>;
  /** A session JWT for a new session of the user (`expired` = an expired JWT of an ended session). */
  issueToken(userId: string, options?: { kind?: TokenKind; claims?: Record<string, unknown> }): Promise<string>;
  /** A new session's opaque token. */
  issueSessionToken(userId: string): Promise<string>;
  signWebhook(event: { type: WebhookEventType; userId: string; foreign?: boolean }): Promise<{ body: string; headers: Record<string, string> }>;
  reset(): void;
}

export interface StytchFake {
  readonly handlers: RequestHandler[];
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly controls: StytchFakeControls;
  readonly requests: RecordedRequest[];
  readonly clock: () => number;
  readonly options: Required<Omit<StytchFakeOptions, "clock">>;
}

const DEFAULTS = {
  projectId: "project-test-11111111-2222-4333-8444-555555555555",
  secret: "secret-test-abcdefghijklmnopqrstuvwxyz0123456789ABCD=",
  baseUrl: "https://test.stytch.com",
  webhookSecret: "whsec_c3R5dGNoLWZha2Utd2ViaG9vay1zZWNyZXQ=",
} satisfies Required<Omit<StytchFakeOptions, "clock">>;

const SESSION_CLAIM = "https://stytch.com/session";
const KID = "jwk-test-00000000-0000-4000-8000-00000000abcd";

// RSA key generation is slow; every fake in a process signs with the same pair, made on first use.
let keys: Promise<{ privateKey: CryptoKey; publicKey: CryptoKey; foreignKey: CryptoKey; jwk: JWK }> | undefined;
const signingKeys = () =>
  (keys ??= (async () => {
    const own = await generateKeyPair("RS256", { extractable: true });
    const foreign = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(own.publicKey)), kid: KID, alg: "RS256", use: "sig", key_ops: ["verify"] };
    return { privateKey: own.privateKey, publicKey: own.publicKey, foreignKey: foreign.privateKey, jwk };
  })());
const JWT_TTL_SEC = 300;

/**
 * A stateful, strict fake of Stytch's consumer API as msw handlers: Basic auth with project id and
 * secret, Stytch's paths and methods, JSON bodies checked for the fields Stytch requires, every answer
 * with `request_id` and `status_code`, errors with `error_type`, an RS256 JWKS and session JWTs shaped
 * like Stytch's, Svix-signed webhooks, and fault injection.
 */
export function createStytchFake(input: StytchFakeOptions = {}): StytchFake {
  const options = withDefaults(DEFAULTS, input) as StytchFake["options"];
  const origin = new URL(options.baseUrl).origin;
  const expectedAuth = `Basic ${btoa(`${options.projectId}:${options.secret}`)}`;
  const kit = createFakeKit({ clock: input.clock });
  const { clock, requests } = kit;
  let state = new FakeState();
  let requestSeq = 0;
  const requestId = () => `request-id-test-00000000-0000-4000-8000-${(++requestSeq).toString(16).padStart(12, "0")}`;
  const ok = (body: Record<string, unknown>) => HttpResponse.json({ request_id: requestId(), status_code: 200, ...body });
  const error = (status: number, type: string, message: string) =>
    HttpResponse.json({ status_code: status, request_id: requestId(), error_type: type, error_message: message, error_url: `https://stytch.com/docs/api/errors/${status}` }, { status });
  const badRequest = (message: string) => error(400, "bad_request", message);
  const userNotFound = () => error(404, "user_not_found", "User could not be found.");
  const sessionNotFound = () => error(404, "session_not_found", "Session could not be found.");
  const sha256 = async (text: string) => hexEncode(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
  const opaque = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(33)))).replace(/\+/g, "-").replace(/\//g, "_");
  const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
  const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const E164 = /^\+[1-9]\d{7,14}$/;

  function newUser(fields: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; password?: string | null }, hash: string | null): FakeUser {
    const words = (fields.name ?? "").trim().split(/\s+/).filter(Boolean);
    const user: FakeUser = {
      user_id: state.id("user"),
      status: "active",
      created_at: new Date(clock()).toISOString(),
      name: { first_name: words[0] ?? "", middle_name: "", last_name: words.slice(1).join(" ") },
      emails: [{ email_id: state.id("email"), email: fields.email, verified: hash !== null }],
      phone_numbers: fields.phone ? [{ phone_id: state.id("phone-number"), phone_number: fields.phone, verified: false }] : [],
      trusted_metadata: structuredClone(fields.metadata ?? {}),
      untrusted_metadata: {},
      external_id: null,
      passwordHash: hash,
      passwordId: hash ? state.id("password") : null,
    };
    state.users.set(user.user_id, user);
    return user;
  }

  function newSession(userId: string, minutes = 60, startedAt = clock()): FakeSession {
    const session: FakeSession = {
      session_id: state.id("session"),
      user_id: userId,
      session_token: opaque(),
      started_at: startedAt,
      last_accessed_at: startedAt,
      expires_at: startedAt + minutes * 60_000,
      revoked: false,
    };
    state.sessions.set(session.session_id, session);
    return session;
  }

  async function jwtFor(session: FakeSession, opts: { kind?: TokenKind; claims?: Record<string, unknown>; iat?: number } = {}): Promise<string> {
    const k = await signingKeys();
    const iat = opts.iat ?? Math.floor(clock() / 1000);
    const jwt = new SignJWT({
      ...opts.claims,
      [SESSION_CLAIM]: {
        id: session.session_id,
        started_at: new Date(session.started_at).toISOString(),
        last_accessed_at: new Date(session.last_accessed_at).toISOString(),
        expires_at: new Date(session.expires_at).toISOString(),
        attributes: { user_agent: "", ip_address: "" },
        authentication_factors: [],
        roles: ["stytch_user"],
      },
    })
      .setProtectedHeader({ alg: "RS256", kid: KID, typ: "JWT" })
      .setAudience([options.projectId])
      .setIssuer(`stytch.com/${options.projectId}`)
      .setSubject(session.user_id)
      .setIssuedAt(iat)
      .setNotBefore(opts.kind === "not_yet_valid" ? iat + 3600 : iat)
      .setExpirationTime(iat + JWT_TTL_SEC);
    return jwt.sign(opts.kind === "foreign" ? k.foreignKey : k.privateKey);
  }

  /** The live session behind a session token or JWT, or undefined. Expired JWTs of live sessions still count, as at Stytch. */
  async function liveSession(body: Record<string, unknown>): Promise<FakeSession | undefined> {
    let session: FakeSession | undefined;
    if (typeof body.session_token === "string") {
      for (const s of state.sessions.values()) if (s.session_token === body.session_token) session = s;
    } else if (typeof body.session_jwt === "string") {
      try {
        const { payload } = await jwtVerify(body.session_jwt, (await signingKeys()).publicKey, { currentDate: new Date(0), clockTolerance: Number.MAX_SAFE_INTEGER });
        const id = (payload[SESSION_CLAIM] as { id?: string } | undefined)?.id;
        session = id ? state.sessions.get(id) : undefined;
      } catch {
        session = undefined;
      }
    }
    if (!session || session.revoked || session.expires_at <= clock() || !state.users.has(session.user_id)) return undefined;
    return session;
  }

  type Ctx = { url: URL; body: Record<string, unknown>; params: Record<string, string> };
  type Resolver = (ctx: Ctx) => Response | Promise<Response>;
  const methods = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete } as const;

  const route = (method: keyof typeof methods, path: string, resolver: Resolver, opts: { public?: boolean } = {}) =>
    methods[method](`${origin}${path}`, async ({ request, params }) => {
      const url = new URL(request.url);
      const text = method === "GET" ? "" : await request.text();
      kit.record(request, text);
      const fault = kit.takeFault();
      if (fault) return faultResponse(fault);
      if (!opts.public && request.headers.get("authorization") !== expectedAuth) return error(401, "unauthorized_credentials", "Unauthorized credentials.");
      let body: Record<string, unknown> = {};
      if (method !== "GET" && text !== "") {
        if (!(request.headers.get("content-type") ?? "").includes("application/json")) return badRequest("Request body must be JSON.");
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          return badRequest("Request body is not valid JSON.");
        }
        if (!isObject(body)) return badRequest("Request body must be a JSON object.");
      }
      return resolver({ url, body, params: params as Record<string, string> });
    });

  /** An injected fault as Stytch would answer it. */
  function faultResponse(fault: Fault): Response {
    switch (fault.kind) {
      case "rate_limited": {
        const res = error(429, "too_many_requests", "Too many requests have been made.");
        res.headers.set("retry-after", String(fault.retryAfterSec));
        return res;
      }
      case "unavailable":
        return error(fault.status ?? 503, "internal_server_error", "Oops, something seems to have gone wrong.");
      case "auth_failed":
        return error(401, "unauthorized_credentials", "Unauthorized credentials.");
      case "malformed_body":
        return new HttpResponse("<html><body>upstream connect error</body></html>", { status: 200, headers: { "content-type": "text/html" } });
    }
  }

  function checkMetadata(value: unknown): string | undefined {
    if (!isObject(value)) return "trusted_metadata must be an object.";
    if (Object.keys(value).length > 20 || new TextEncoder().encode(JSON.stringify(value)).length > 4096) return "trusted_metadata exceeds 20 keys or 4KB.";
    return undefined;
  }

  const handlers: RequestHandler[] = [
    route("GET", "/v1/sessions/jwks/:projectId", async ({ params }) =>
      params.projectId === options.projectId ? ok({ keys: [(await signingKeys()).jwk] }) : error(404, "project_not_found", "Project could not be found."),
    { public: true }),

    route("POST", "/v1/users", ({ body }) => {
      if (typeof body.email !== "string" && typeof body.phone_number !== "string") return error(400, "bad_request", "email or phone_number is required.");
      if (body.email !== undefined && (typeof body.email !== "string" || !EMAIL.test(body.email))) return error(400, "invalid_email", "Email format is invalid.");
      if (body.phone_number !== undefined && (typeof body.phone_number !== "string" || !E164.test(body.phone_number))) return error(400, "invalid_phone_number", "Phone number format is invalid.");
      if (body.trusted_metadata !== undefined) {
        const bad = checkMetadata(body.trusted_metadata);
        if (bad) return badRequest(bad);
      }
      if (typeof body.email === "string" && state.byEmail(body.email)) return error(400, "duplicate_email", "A user with this email already exists for this project.");
      if (typeof body.phone_number === "string" && state.byPhone(body.phone_number)) return error(400, "duplicate_phone_number", "A user with this phone number already exists for this project.");
      const name = isObject(body.name) ? [body.name.first_name, body.name.middle_name, body.name.last_name].filter((p) => typeof p === "string" && p).join(" ") : null;
      const user = newUser({ email: body.email as string, name, phone: (body.phone_number as string | undefined) ?? null, metadata: (body.trusted_metadata as JsonObject | undefined) ?? {} }, null);
      const wire = wireUserOf(user);
      return ok({ user_id: user.user_id, email_id: user.emails[0]?.email_id ?? "", phone_id: user.phone_numbers[0]?.phone_id ?? "", status: "active", user: wire });
    }),
    route("GET", "/v1/users/:userId", ({ params }) => {
      const user = state.user(params.userId ?? "");
      return user ? ok(wireUserOf(user)) : userNotFound();
    }),
    route("PUT", "/v1/users/:userId", ({ params, body }) => {
      const user = state.user(params.userId ?? "");
      if (!user) return userNotFound();
      const allowed = new Set(["name", "attributes", "trusted_metadata", "untrusted_metadata", "external_id", "roles"]);
      const unknown = Object.keys(body).find((k) => !allowed.has(k));
      if (unknown) return badRequest(`Unknown field ${unknown}.`);
      if (body.trusted_metadata !== undefined) {
        if (!isObject(body.trusted_metadata)) return badRequest("trusted_metadata must be an object.");
        // Stytch: shallow merge at the top level; null deletes the key.
        const merged: JsonObject = { ...user.trusted_metadata };
        for (const [k, v] of Object.entries(body.trusted_metadata)) {
          if (v === null) delete merged[k];
          else merged[k] = structuredClone(v);
        }
        const bad = checkMetadata(merged);
        if (bad) return badRequest(bad);
        user.trusted_metadata = merged;
      }
      if (isObject(body.name)) {
        const n = body.name as Record<string, unknown>;
        user.name = { first_name: String(n.first_name ?? ""), middle_name: String(n.middle_name ?? ""), last_name: String(n.last_name ?? "") };
      }
      return ok({ user_id: user.user_id, emails: user.emails, phone_numbers: user.phone_numbers, crypto_wallets: [], user: wireUserOf(user) });
    }),
    route("PUT", "/v1/users/:userId/exchange_primary_factor", ({ params, body }) => {
      const user = state.user(params.userId ?? "");
      if (!user) return userNotFound();
      if (user.emails.length + user.phone_numbers.length !== 1) return badRequest("User must have exactly one primary factor to exchange.");
      if (typeof body.email_address === "string") {
        if (!EMAIL.test(body.email_address)) return error(400, "invalid_email", "Email format is invalid.");
        const other = state.byEmail(body.email_address);
        if (other && other !== user) return error(400, "duplicate_email", "A user with this email already exists for this project.");
        user.emails = [{ email_id: state.id("email"), email: body.email_address, verified: false }];
        user.phone_numbers = [];
      } else if (typeof body.phone_number === "string") {
        if (!E164.test(body.phone_number)) return error(400, "invalid_phone_number", "Phone number format is invalid.");
        user.phone_numbers = [{ phone_id: state.id("phone-number"), phone_number: body.phone_number, verified: false }];
        user.emails = [];
      } else return badRequest("email_address or phone_number is required.");
      return ok({ user_id: user.user_id, user: wireUserOf(user) });
    }),
    route("DELETE", "/v1/users/:userId", ({ params }) => {
      const user = state.user(params.userId ?? "");
      if (!user) return userNotFound();
      state.users.delete(user.user_id);
      for (const s of state.sessions.values()) if (s.user_id === user.user_id) s.revoked = true;
      return ok({ user_id: user.user_id });
    }),
    route("POST", "/v1/users/search", ({ body }) => {
      const limit = body.limit ?? 100;
      if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > 1000) return error(400, "invalid_limit", "limit must be between 1 and 1000.");
      let all = [...state.users.values()];
      if (body.query !== undefined) {
        const q = body.query as { operator?: unknown; operands?: unknown };
        if (!isObject(q) || (q.operator !== "AND" && q.operator !== "OR") || !Array.isArray(q.operands)) return error(400, "invalid_query", "query must have an operator and operands.");
        for (const operand of q.operands as { filter_name?: unknown; filter_value?: unknown }[]) {
          if (operand.filter_name === "email_address" && Array.isArray(operand.filter_value)) {
            const wanted = (operand.filter_value as string[]).map((e) => e.toLowerCase());
            all = all.filter((u) => u.emails.some((e) => wanted.includes(e.email.toLowerCase())));
          } else if (operand.filter_name === "user_id" && Array.isArray(operand.filter_value)) {
            all = all.filter((u) => (operand.filter_value as string[]).includes(u.user_id));
          } else return error(400, "invalid_query", `Unsupported filter ${String(operand.filter_name)}.`);
        }
      }
      let start = 0;
      if (body.cursor !== undefined) {
        const decoded = typeof body.cursor === "string" ? Number(atob(body.cursor).replace("offset:", "")) : Number.NaN;
        if (!Number.isInteger(decoded) || decoded < 0) return error(400, "invalid_cursor", "Cursor is invalid.");
        start = decoded;
      }
      const page = all.slice(start, start + (limit as number));
      const next = start + page.length < all.length ? btoa(`offset:${start + page.length}`) : null;
      return ok({ results: page.map(wireUserOf), results_metadata: { total: all.length, next_cursor: next } });
    }),

    route("POST", "/v1/passwords", async ({ body }) => {
      if (typeof body.email !== "string" || !EMAIL.test(body.email) || typeof body.password !== "string") return badRequest("email and password are required.");
      if (state.byEmail(body.email)) return error(400, "duplicate_email", "A user with this email already exists for this project.");
      if (body.password.length < 8) return error(400, "weak_password", "Password does not meet the strength requirements.");
      const name = isObject(body.name) ? [body.name.first_name, body.name.last_name].filter((p) => typeof p === "string" && p).join(" ") : null;
      const user = newUser({ email: body.email, name, metadata: (body.trusted_metadata as JsonObject | undefined) ?? {} }, await sha256(body.password));
      return ok({ user_id: user.user_id, email_id: user.emails[0]?.email_id, session_token: "", session_jwt: "", session: null, user: wireUserOf(user) });
    }),
    route("POST", "/v1/passwords/authenticate", async ({ body }) => {
      if (typeof body.email !== "string" || typeof body.password !== "string") return badRequest("email and password are required.");
      const user = state.byEmail(body.email);
      if (!user) return error(404, "email_not_found", "Email could not be found.");
      if (user.passwordHash === null || user.passwordHash !== (await sha256(body.password))) return error(401, "unauthorized_credentials", "Unauthorized credentials.");
      const minutes = typeof body.session_duration_minutes === "number" ? body.session_duration_minutes : 0;
      if (!minutes) return ok({ user_id: user.user_id, session_token: "", session_jwt: "", session: null, user: wireUserOf(user) });
      const session = newSession(user.user_id, minutes);
      return ok({ user_id: user.user_id, session_token: session.session_token, session_jwt: await jwtFor(session), session: wireSessionOf(session), user: wireUserOf(user) });
    }),
    route("POST", "/v1/passwords/strength_check", ({ body }) => {
      if (typeof body.password !== "string") return badRequest("password is required.");
      const score = Math.min(4, Math.floor(body.password.length / 4));
      return ok({ valid_password: score >= 3, score, breached_password: false, strength_policy: "zxcvbn", breach_detection_on_create: true, feedback: { warning: "", suggestions: [] } });
    }),

    route("POST", "/v1/sessions/authenticate", async ({ body }) => {
      const hasToken = body.session_token !== undefined;
      const hasJwt = body.session_jwt !== undefined;
      if (hasToken && hasJwt) return error(400, "too_many_session_arguments", "Only one of session_token or session_jwt may be passed.");
      if (!hasToken && !hasJwt) return badRequest("session_token or session_jwt is required.");
      const session = await liveSession(body);
      if (!session) return sessionNotFound();
      session.last_accessed_at = clock();
      const user = state.users.get(session.user_id) as FakeUser;
      return ok({ session: wireSessionOf(session), session_token: session.session_token, session_jwt: await jwtFor(session), user: wireUserOf(user) });
    }),
    route("GET", "/v1/sessions", ({ url }) => {
      const userId = url.searchParams.get("user_id");
      if (!userId) return badRequest("user_id is required.");
      const user = state.user(userId);
      if (!user) return userNotFound();
      const now = clock();
      return ok({ sessions: [...state.sessions.values()].filter((s) => s.user_id === user.user_id && !s.revoked && s.expires_at > now).map(wireSessionOf) });
    }),
    route("POST", "/v1/sessions/revoke", async ({ body }) => {
      const given = ["session_id", "session_token", "session_jwt"].filter((k) => body[k] !== undefined);
      if (given.length !== 1) return error(400, "too_many_session_arguments", "Pass exactly one of session_id, session_token or session_jwt.");
      const session = typeof body.session_id === "string" ? state.sessions.get(body.session_id) : await liveSession(body);
      if (!session || session.revoked) return sessionNotFound();
      session.revoked = true;
      return ok({});
    }),

    route("POST", "/v1/magic_links", ({ body }) => {
      if (typeof body.user_id !== "string") return badRequest("user_id is required.");
      const minutes = body.expiration_minutes ?? 60;
      if (!Number.isInteger(minutes) || (minutes as number) < 5 || (minutes as number) > 10080) return error(400, "invalid_expiration", "expiration_minutes must be between 5 and 10080.");
      const user = state.user(body.user_id);
      if (!user) return userNotFound();
      const token = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
      state.magicLinks.set(token, { user_id: user.user_id, expires_at: clock() + (minutes as number) * 60_000, used: false });
      return ok({ user_id: user.user_id, token });
    }),
    route("POST", "/v1/magic_links/authenticate", async ({ body }) => {
      if (typeof body.token !== "string") return badRequest("token is required.");
      const link = state.magicLinks.get(body.token);
      if (!link) return error(404, "magic_link_not_found", "Magic link could not be found.");
      if (link.used || link.expires_at <= clock()) return error(401, "unable_to_auth_magic_link", "Magic link could not be authenticated.");
      link.used = true;
      const user = state.users.get(link.user_id) as FakeUser;
      const minutes = typeof body.session_duration_minutes === "number" ? body.session_duration_minutes : 0;
      const session = minutes ? newSession(user.user_id, minutes) : undefined;
      return ok({ user_id: user.user_id, method_id: state.id("embedded"), session_token: session?.session_token ?? "", session_jwt: session ? await jwtFor(session) : "", session: session ? wireSessionOf(session) : null, user: wireUserOf(user), reset_sessions: false });
    }),
    // Stytch answers every other route with a 404 (assumed shape: its usual error body).
    http.all(`${origin}/*`, ({ request }) => {
      const url = new URL(request.url);
      kit.record(request, "");
      return error(404, "not_found", `Route ${request.method} ${url.pathname} does not exist.`);
    }),
  ];

  const controls: StytchFakeControls = {
    async seedUser(seed) {
      const user = newUser({ email: seed.email, name: seed.name ?? null, phone: seed.phone ?? null, metadata: seed.metadata ?? {} }, seed.password ? await sha256(seed.password) : null);
      return { id: user.user_id };
    },
    async issueToken(userId, opts = {}) {
      const kind = opts.kind ?? "valid";
      if (kind === "expired") {
        // An expired JWT of a session that has ended too: Stytch refuses it locally and remotely.
        const started = clock() - 3 * 3600_000;
        const session = newSession(userId, 60, started);
        return jwtFor(session, { iat: Math.floor(started / 1000), ...(opts.claims ? { claims: opts.claims } : {}) });
      }
      return jwtFor(newSession(userId), { kind, ...(opts.claims ? { claims: opts.claims } : {}) });
    },
    async issueSessionToken(userId) {
      return newSession(userId).session_token;
    },
    async signWebhook(event) {
      const action = { "user.created": "CREATE", "user.updated": "UPDATE", "user.deleted": "DELETE" }[event.type as string];
      if (!action) throw new Error(`Stytch sends no ${event.type} webhook for consumer projects (user create/update/delete only)`);
      const user = state.users.get(event.userId);
      const envelope: Record<string, unknown> = {
        project_id: options.projectId,
        event_id: state.id("webhook-event"),
        action,
        object_type: "user",
        source: "DIRECT",
        id: event.userId,
        timestamp: new Date(clock()).toISOString(),
        vertical: "CONSUMER",
      };
      if (user && action !== "DELETE") envelope.user = wireUserOf(user);
      const body = JSON.stringify(envelope);
      const secret = event.foreign ? "whsec_Zm9yZWlnbi1zdmL4LXNlY3JldC1ub3QtdHJ1c3RlZA==" : options.webhookSecret;
      const signed = await signStandardWebhook(body, { secret, id: `msg_${(envelope.event_id as string).slice(-12)}`, timestamp: new Date(clock()) });
      return { body, headers: { "content-type": "application/json", "svix-id": signed["webhook-id"] as string, "svix-timestamp": signed["webhook-timestamp"] as string, "svix-signature": signed["webhook-signature"] as string } };
    },
    setClock: kit.setClock,
    failNext: kit.failNext,
    requestCount: kit.requestCount,
    reset() {
      state = new FakeState();
      kit.reset();
    },
  };

  return { handlers, fetch: fetchFromHandlers(getResponse, handlers, "Stytch"), controls, requests, clock, options };
}
