import { hexEncode, type JsonObject, signStandardWebhook, type WebhookEventType } from "@authmux/core";
import type { ConformanceControls, Fault } from "@authmux/core/conformance";
import { createFakeKit, fetchFromHandlers, type RecordedRequest, type TokenKind, withDefaults } from "@authmux/core/testing";
import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from "jose";
import { getResponse, http, HttpResponse, type RequestHandler } from "msw";

/** Options of {@link createClerkFake}. */
export interface ClerkFakeOptions {
  secretKey?: string;
  /** The Frontend API host tokens are issued by (and the publishable key encodes). */
  frontendApi?: string;
  /** The Backend API root the handlers answer at. */
  baseUrl?: string;
  webhookSecret?: string;
  apiVersion?: string;
  /** Session lifetime; default 7 days. */
  sessionTtlSec?: number;
  clock?: () => number;
}

export interface ClerkFakeControls extends ConformanceControls {
  seedUser(input: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; password?: string; privateMetadata?: JsonObject }): Promise<{ id: string }>;
  /** A session JWT for a new active session (`expired` = an expired JWT; `foreign` = signed by another key). */
  issueToken(userId: string, options?: { kind?: TokenKind; claims?: Record<string, unknown>; header?: Record<string, unknown> }): Promise<string>;
  signWebhook(event: { type: WebhookEventType; userId: string; foreign?: boolean }): Promise<{ body: string; headers: Record<string, string> }>;
  /** The instance's JWT public key (PEM), for the adapter's networkless `jwtKey`. */
  jwtKey(): Promise<string>;
  reset(): void;
}

export interface ClerkFake {
  readonly handlers: RequestHandler[];
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly controls: ClerkFakeControls;
  readonly requests: RecordedRequest[];
  readonly clock: () => number;
  /** Everything the adapter needs, publishable key included. */
  readonly options: Required<Omit<ClerkFakeOptions, "clock">> & { publishableKey: string; issuer: string };
}

type Identifier = { id: string; value: string; verified: boolean; created_at: number };
interface FakeUser {
  id: string;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  emails: Identifier[];
  phones: Identifier[];
  primary_email_address_id: string | null;
  primary_phone_number_id: string | null;
  public_metadata: JsonObject;
  private_metadata: JsonObject;
  passwordHash: string | null;
  banned: boolean;
  locked: boolean;
  created_at: number;
  updated_at: number;
}
interface FakeSession { id: string; user_id: string; client_id: string; status: string; created_at: number; updated_at: number; last_active_at: number; expire_at: number }

const DEFAULTS = {
  secretKey: "sk_test_authmuxFakeSecretKey0123456789",
  frontendApi: "happy-cat-12.clerk.accounts.dev",
  baseUrl: "https://api.clerk.com/v1",
  webhookSecret: "whsec_Y2xlcmstZmFrZS13ZWJob29rLXNlY3JldA==",
  apiVersion: "2026-05-12",
  sessionTtlSec: 7 * 24 * 3600,
};
const KID = "ins_2hKp0AbCdEfGhIjKlMnOpQrStUv";
const SESSION_CATEGORY = "cl_B7d4PD111AAA";

// RSA key generation is slow: every fake in a process shares one pair, made on first use.
let keys: Promise<{ privateKey: CryptoKey; publicKey: CryptoKey; foreignKey: CryptoKey; jwk: JWK; pem: string }> | undefined;
const signingKeys = () =>
  (keys ??= (async () => {
    const own = await generateKeyPair("RS256", { extractable: true });
    const foreign = await generateKeyPair("RS256");
    return { privateKey: own.privateKey, publicKey: own.publicKey, foreignKey: foreign.privateKey, jwk: { ...(await exportJWK(own.publicKey)), kid: KID, alg: "RS256", use: "sig" }, pem: await exportSPKI(own.publicKey) };
  })());

/**
 * A stateful, strict fake of Clerk's Backend API (2026-05-12) as msw handlers: Bearer secret key and
 * `Clerk-API-Version` on every call, snake_case JSON, epoch-ms timestamps, Clerk's error bodies, an
 * authenticated `/v1/jwks`, RS256 session JWTs, sign-in tokens, Svix-signed webhooks and fault injection.
 */
export function createClerkFake(input: ClerkFakeOptions = {}): ClerkFake {
  const base = withDefaults(DEFAULTS, input) as Required<Omit<ClerkFakeOptions, "clock">>;
  const options = { ...base, publishableKey: `pk_test_${btoa(`${base.frontendApi}$`).replace(/=+$/, "")}`, issuer: `https://${base.frontendApi}` };
  const root = options.baseUrl.replace(/\/+$/, "");
  const kit = createFakeKit({ clock: input.clock });
  const { clock, requests } = kit;
  let users = new Map<string, FakeUser>();
  let sessions = new Map<string, FakeSession>();
  let counter = 0;

  // Clerk ids: a prefix and 27 base62-ish characters; deterministic here.
  const id = (prefix: string) => `${prefix}_2fake${(++counter).toString(36).padStart(22, "0")}`;
  const sha256 = async (t: string) => hexEncode(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(t))));
  const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
  const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const E164 = /^\+[1-9]\d{7,14}$/;

  const clerkError = (status: number, code: string, message: string, longMessage = message, meta?: JsonObject) =>
    HttpResponse.json({ errors: [{ message, long_message: longMessage, code, ...(meta ? { meta } : {}) }], meta: {}, clerk_trace_id: `trace_${counter.toString(16).padStart(16, "0")}` }, { status });
  const notFound = (what: string) => clerkError(404, "resource_not_found", "not found", `${what} not found`);
  const invalid = (param: string, message: string) => clerkError(422, "form_param_format_invalid", "is invalid", message, { param_name: param });

  const identifierJson = (kind: "email_address" | "phone_number", i: Identifier) => ({
    id: i.id,
    object: kind,
    [kind]: i.value,
    reserved: false,
    verification: i.verified ? { object: "verification_admin", status: "verified", strategy: "admin", attempts: null, expire_at: null } : { object: "verification_otp", status: "unverified", strategy: kind === "email_address" ? "email_code" : "phone_code", attempts: 0, expire_at: null },
    linked_to: [],
    ...(kind === "phone_number" ? { reserved_for_second_factor: false, default_second_factor: false, backup_codes: null } : { matches_sso_connection: false }),
    created_at: i.created_at,
    updated_at: i.created_at,
  });
  const userJson = (u: FakeUser) => ({
    id: u.id,
    object: "user",
    username: u.username,
    first_name: u.first_name,
    last_name: u.last_name,
    image_url: "https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9",
    has_image: false,
    primary_email_address_id: u.primary_email_address_id,
    primary_phone_number_id: u.primary_phone_number_id,
    primary_web3_wallet_id: null,
    password_enabled: u.passwordHash !== null,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    email_addresses: u.emails.map((e) => identifierJson("email_address", e)),
    phone_numbers: u.phones.map((p) => identifierJson("phone_number", p)),
    web3_wallets: [],
    passkeys: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    public_metadata: structuredClone(u.public_metadata),
    private_metadata: structuredClone(u.private_metadata),
    unsafe_metadata: {},
    external_id: null,
    last_sign_in_at: null,
    banned: u.banned,
    locked: u.locked,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    created_at: u.created_at,
    updated_at: u.updated_at,
    delete_self_enabled: true,
    create_organization_enabled: true,
    last_active_at: null,
    legal_accepted_at: null,
  });
  const sessionJson = (s: FakeSession) => {
    const status = s.status === "active" && s.expire_at <= clock() ? "expired" : s.status;
    return { object: "session", id: s.id, user_id: s.user_id, client_id: s.client_id, actor: null, status, last_active_organization_id: null, last_active_at: s.last_active_at, latest_activity: null, expire_at: s.expire_at, abandon_at: s.expire_at + 30 * 86400_000, updated_at: s.updated_at, created_at: s.created_at, tasks: null };
  };

  const byEmail = (email: string) => [...users.values()].find((u) => u.emails.some((e) => e.value.toLowerCase() === email.toLowerCase()));
  const byPhone = (phone: string) => [...users.values()].find((u) => u.phones.some((p) => p.value === phone));

  function newUser(fields: { email: string; first_name: string | null; last_name: string | null; phone: string | null; public_metadata: JsonObject; private_metadata: JsonObject; passwordHash: string | null }): FakeUser {
    const now = clock();
    const email: Identifier = { id: id("idn"), value: fields.email, verified: true, created_at: now };
    const phone: Identifier | null = fields.phone ? { id: id("idn"), value: fields.phone, verified: true, created_at: now } : null;
    const user: FakeUser = {
      id: id("user"),
      first_name: fields.first_name,
      last_name: fields.last_name,
      username: null,
      emails: [email],
      phones: phone ? [phone] : [],
      primary_email_address_id: email.id,
      primary_phone_number_id: phone?.id ?? null,
      public_metadata: structuredClone(fields.public_metadata),
      private_metadata: structuredClone(fields.private_metadata),
      passwordHash: fields.passwordHash,
      banned: false,
      locked: false,
      created_at: now,
      updated_at: now,
    };
    users.set(user.id, user);
    return user;
  }

  function newSession(userId: string, startedAt = clock()): FakeSession {
    const s: FakeSession = { id: id("sess"), user_id: userId, client_id: id("client"), status: "active", created_at: startedAt, updated_at: startedAt, last_active_at: startedAt, expire_at: startedAt + options.sessionTtlSec * 1000 };
    sessions.set(s.id, s);
    return s;
  }

  async function jwtFor(session: FakeSession, o: { kind?: TokenKind; claims?: Record<string, unknown>; header?: Record<string, unknown>; iat?: number } = {}) {
    const k = await signingKeys();
    const iat = o.iat ?? Math.floor(clock() / 1000);
    return new SignJWT({ azp: "http://localhost:3000", fva: [0, -1], sid: session.id, sts: "active", v: 2, ...o.claims })
      .setProtectedHeader({ alg: "RS256", kid: KID, typ: "JWT", cat: SESSION_CATEGORY, ...o.header })
      .setIssuer(options.issuer)
      .setSubject(session.user_id)
      .setIssuedAt(iat)
      .setNotBefore(o.kind === "not_yet_valid" ? iat + 3600 : iat - 10)
      .setExpirationTime(iat + 60)
      .sign(o.kind === "foreign" ? k.foreignKey : k.privateKey);
  }

  type Ctx = { url: URL; body: Record<string, unknown>; params: Record<string, string> };
  const methods = { GET: http.get, POST: http.post, PATCH: http.patch, PUT: http.put, DELETE: http.delete } as const;
  const route = (method: keyof typeof methods, path: string, resolver: (ctx: Ctx) => Response | Promise<Response>) =>
    methods[method](`${root}${path}`, async ({ request, params }) => {
      const url = new URL(request.url);
      const text = method === "GET" || method === "DELETE" ? "" : await request.text();
      kit.record(request, text);
      const fault = kit.takeFault();
      if (fault) return faultResponse(fault);
      if (request.headers.get("authorization") !== `Bearer ${options.secretKey}`) {
        return clerkError(401, "authentication_invalid", "Unauthorized request", "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.");
      }
      if (request.headers.get("clerk-api-version") !== options.apiVersion) {
        return clerkError(400, "request_header_invalid", "invalid Clerk-API-Version", `This fake serves Clerk-API-Version ${options.apiVersion} and must be told so on every request`);
      }
      let body: Record<string, unknown> = {};
      if (text !== "") {
        if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) return clerkError(400, "request_body_invalid", "invalid body", "The request body must be JSON.");
        try {
          body = JSON.parse(text);
        } catch {
          return clerkError(400, "request_body_invalid", "invalid body", "The request body is not valid JSON.");
        }
        if (!isObject(body)) return clerkError(400, "request_body_invalid", "invalid body", "The request body must be a JSON object.");
      }
      return resolver({ url, body, params: params as Record<string, string> });
    });

  /** An injected fault as Clerk would answer it. */
  function faultResponse(fault: Fault): Response {
    switch (fault.kind) {
      case "rate_limited": {
        const res = clerkError(429, "too_many_requests", "Too Many Requests", "Too many requests, retry later");
        res.headers.set("retry-after", String(fault.retryAfterSec));
        return res;
      }
      case "unavailable":
        return clerkError(fault.status ?? 503, "internal_clerk_error", "Oops, an unexpected error occurred", "There was an internal error on our servers.");
      case "auth_failed":
        return clerkError(401, "authentication_invalid", "Unauthorized request", "The provided Clerk Secret Key is invalid.");
      case "malformed_body":
        return new HttpResponse("<html><body>502 Bad Gateway</body></html>", { status: 200, headers: { "content-type": "text/html" } });
    }
  }

  const userOr404 = (userId: string | undefined) => (userId ? users.get(userId) : undefined);
  const intParam = (url: URL, name: string, min: number, max: number, fallback: number) => {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    return Number.isInteger(n) && n >= min && n <= max ? n : Number.NaN;
  };
  const setMetadata = (u: FakeUser, body: Record<string, unknown>, merge: boolean) => {
    for (const key of ["public_metadata", "private_metadata"] as const) {
      const value = body[key];
      if (value === undefined) continue;
      if (!merge) u[key] = structuredClone(value as JsonObject);
      else u[key] = deepMerge(u[key], value as JsonObject);
    }
    u.updated_at = clock();
  };

  const handlers: RequestHandler[] = [
    route("GET", "/jwks", async () => HttpResponse.json({ keys: [(await signingKeys()).jwk] })),
    route("GET", "/users/count", ({ url }) => HttpResponse.json({ object: "total_count", total_count: filterUsers(url).length })),
    route("GET", "/users", ({ url }) => {
      const limit = intParam(url, "limit", 1, 500, 10);
      const offset = intParam(url, "offset", 0, Number.MAX_SAFE_INTEGER, 0);
      if (Number.isNaN(limit)) return invalid("limit", "limit must be between 1 and 500");
      if (Number.isNaN(offset)) return invalid("offset", "offset must be 0 or more");
      const order = url.searchParams.get("order_by") ?? "-created_at";
      if (!/^[+-]?created_at$/.test(order)) return invalid("order_by", "this fake orders by created_at only");
      const list = filterUsers(url).sort((a, b) => (a.created_at - b.created_at || (a.id < b.id ? -1 : 1)) * (order.startsWith("-") ? -1 : 1));
      return HttpResponse.json(list.slice(offset, offset + limit).map(userJson));
    }),
    route("POST", "/users", async ({ body }) => {
      const emails = body.email_address;
      if (!Array.isArray(emails) || emails.length === 0 || emails.some((e) => typeof e !== "string" || !EMAIL.test(e))) return invalid("email_address", "email_address must be a list of valid email addresses");
      const phones = body.phone_number;
      if (phones !== undefined && (!Array.isArray(phones) || phones.some((p) => typeof p !== "string" || !E164.test(p)))) return invalid("phone_number", "phone_number must be a list of E.164 numbers");
      if (body.password === undefined && body.skip_password_requirement !== true) return clerkError(422, "form_password_missing", "is missing", "Passwords are required for this instance; send password or skip_password_requirement");
      for (const key of ["public_metadata", "private_metadata"]) if (body[key] !== undefined && !isObject(body[key])) return invalid(key, `${key} must be an object`);
      const email = emails[0] as string;
      if (byEmail(email)) return clerkError(422, "form_identifier_exists", "That email address is taken. Please try another.", "That email address is taken. Please try another.", { param_name: "email_address" });
      if (Array.isArray(phones) && phones[0] && byPhone(phones[0] as string)) return clerkError(422, "form_identifier_exists", "That phone number is taken.", "That phone number is taken.", { param_name: "phone_number" });
      const user = newUser({
        email,
        first_name: typeof body.first_name === "string" ? body.first_name : null,
        last_name: typeof body.last_name === "string" ? body.last_name : null,
        phone: Array.isArray(phones) ? ((phones[0] as string | undefined) ?? null) : null,
        public_metadata: (body.public_metadata as JsonObject | undefined) ?? {},
        private_metadata: (body.private_metadata as JsonObject | undefined) ?? {},
        passwordHash: typeof body.password === "string" ? await sha256(body.password) : null,
      });
      return HttpResponse.json(userJson(user));
    }),
    route("GET", "/users/:userId", ({ params }) => {
      const user = userOr404(params.userId);
      return user ? HttpResponse.json(userJson(user)) : notFound("User");
    }),
    route("PATCH", "/users/:userId", ({ params, body }) => {
      const user = userOr404(params.userId);
      if (!user) return notFound("User");
      const allowed = new Set(["external_id", "first_name", "last_name", "locale", "username", "primary_email_address_id", "primary_phone_number_id", "password", "skip_password_checks", "sign_out_of_other_sessions", "delete_self_enabled", "create_organization_enabled"]);
      const unknown = Object.keys(body).find((k) => !allowed.has(k));
      // 2026-05-12: metadata goes through /users/{id}/metadata, not here.
      if (unknown) return clerkError(422, "form_param_unknown", "is unknown", `${unknown} is not a valid parameter for this request.`, { param_name: unknown });
      if ("first_name" in body) user.first_name = (body.first_name as string | null) ?? null;
      if ("last_name" in body) user.last_name = (body.last_name as string | null) ?? null;
      user.updated_at = clock();
      return HttpResponse.json(userJson(user));
    }),
    route("DELETE", "/users/:userId", ({ params }) => {
      const user = userOr404(params.userId);
      if (!user) return notFound("User");
      users.delete(user.id);
      for (const s of sessions.values()) if (s.user_id === user.id && s.status === "active") s.status = "removed";
      return HttpResponse.json({ object: "user", id: user.id, deleted: true });
    }),
    route("PATCH", "/users/:userId/metadata", ({ params, body }) => {
      const user = userOr404(params.userId);
      if (!user) return notFound("User");
      setMetadata(user, body, true);
      return HttpResponse.json(userJson(user));
    }),
    route("PUT", "/users/:userId/metadata", ({ params, body }) => {
      const user = userOr404(params.userId);
      if (!user) return notFound("User");
      setMetadata(user, body, false);
      return HttpResponse.json(userJson(user));
    }),
    route("PUT", "/users/:userId/email_address", ({ params, body }) => {
      const user = userOr404(params.userId);
      if (!user) return notFound("User");
      if (typeof body.email_address !== "string" || !EMAIL.test(body.email_address)) return invalid("email_address", "email_address must be a valid email address");
      const other = byEmail(body.email_address);
      if (other && other !== user) return clerkError(422, "form_identifier_exists", "That email address is taken. Please try another.", "That email address is taken. Please try another.", { param_name: "email_address" });
      const email: Identifier = { id: id("idn"), value: body.email_address, verified: true, created_at: clock() };
      user.emails = [email];
      user.primary_email_address_id = email.id;
      user.updated_at = clock();
      return HttpResponse.json(identifierJson("email_address", email));
    }),
    route("PUT", "/users/:userId/phone_number", ({ params, body }) => {
      const user = userOr404(params.userId);
      if (!user) return notFound("User");
      if (typeof body.phone_number !== "string" || !E164.test(body.phone_number)) return invalid("phone_number", "phone_number must be E.164");
      const phone: Identifier = { id: id("idn"), value: body.phone_number, verified: true, created_at: clock() };
      user.phones = [phone];
      user.primary_phone_number_id = phone.id;
      return HttpResponse.json(identifierJson("phone_number", phone));
    }),
    route("POST", "/users/:userId/verify_password", async ({ params, body }) => {
      const user = userOr404(params.userId);
      if (!user) return notFound("User");
      if (typeof body.password !== "string") return invalid("password", "password is required");
      if (user.passwordHash === null) return clerkError(400, "password_not_set", "no password", "The user does not have a password set.");
      if (user.passwordHash !== (await sha256(body.password))) return clerkError(422, "incorrect_password", "Password is incorrect.", "Password is incorrect. Try again, or use another method.");
      return HttpResponse.json({ verified: true });
    }),
    ...["ban", "unban", "lock", "unlock"].map((action) =>
      route("POST", `/users/:userId/${action}`, ({ params }) => {
        const user = userOr404(params.userId);
        if (!user) return notFound("User");
        if (action === "ban" || action === "unban") user.banned = action === "ban";
        else user.locked = action === "lock";
        if (action === "ban") for (const s of sessions.values()) if (s.user_id === user.id && s.status === "active") s.status = "revoked";
        return HttpResponse.json(userJson(user));
      }),
    ),
    route("GET", "/sessions", ({ url }) => {
      const userId = url.searchParams.get("user_id");
      const clientId = url.searchParams.get("client_id");
      if (!userId && !clientId) return clerkError(422, "form_param_missing", "is missing", "Either user_id or client_id is required.", { param_name: "user_id" });
      const limit = intParam(url, "limit", 1, 500, 10);
      if (Number.isNaN(limit)) return invalid("limit", "limit must be between 1 and 500");
      const list = [...sessions.values()].filter((s) => (!userId || s.user_id === userId) && (!clientId || s.client_id === clientId)).map(sessionJson).slice(0, limit);
      return url.searchParams.get("paginated") === "true" ? HttpResponse.json({ data: list, total_count: list.length }) : HttpResponse.json(list);
    }),
    route("GET", "/sessions/:sessionId", ({ params }) => {
      const s = params.sessionId ? sessions.get(params.sessionId) : undefined;
      return s ? HttpResponse.json(sessionJson(s)) : notFound("Session");
    }),
    route("POST", "/sessions/:sessionId/revoke", ({ params }) => {
      const s = params.sessionId ? sessions.get(params.sessionId) : undefined;
      if (!s) return notFound("Session");
      if (s.status === "active") s.status = "revoked";
      s.updated_at = clock();
      return HttpResponse.json(sessionJson(s));
    }),
    route("POST", "/sign_in_tokens", ({ body }) => {
      if (typeof body.user_id !== "string") return invalid("user_id", "user_id is required");
      const seconds = body.expires_in_seconds ?? 2592000;
      if (!Number.isInteger(seconds) || (seconds as number) < 1) return invalid("expires_in_seconds", "expires_in_seconds must be a positive integer");
      if (!users.has(body.user_id)) return notFound("User");
      const ticket = `eyJhbGciOiJSUzI1NiJ9.${btoa(JSON.stringify({ sub: body.user_id, exp: Math.floor(clock() / 1000) + (seconds as number) })).replace(/=+$/, "")}.ticket`;
      const now = clock();
      return HttpResponse.json({ object: "sign_in_token", id: id("sit"), status: "pending", user_id: body.user_id, token: ticket, url: `${options.issuer}/v1/tickets/accept?ticket=${ticket}`, created_at: now, updated_at: now });
    }),
    route("GET", "/organizations", () => HttpResponse.json({ data: [], total_count: 0 })),
    http.all(`${root}/*`, ({ request }) => {
      const url = new URL(request.url);
      kit.record(request, "");
      return clerkError(404, "resource_not_found", "not found", `${request.method} ${url.pathname} does not exist`);
    }),
  ];

  function filterUsers(url: URL): FakeUser[] {
    const emails = url.searchParams.getAll("email_address").map((e) => e.toLowerCase());
    const usernames = url.searchParams.getAll("username");
    const q = url.searchParams.get("query")?.toLowerCase();
    return [...users.values()].filter(
      (u) =>
        (emails.length === 0 || u.emails.some((e) => emails.includes(e.value.toLowerCase()))) &&
        (usernames.length === 0 || (u.username !== null && usernames.includes(u.username))) &&
        (!q || [u.id, u.first_name, u.last_name, ...u.emails.map((e) => e.value)].some((v) => v?.toLowerCase().includes(q))),
    );
  }

  const controls: ClerkFakeControls = {
    async seedUser(seed) {
      const words = (seed.name ?? "").trim().split(/\s+/).filter(Boolean);
      const user = newUser({
        email: seed.email,
        first_name: words[0] ?? null,
        last_name: words.length > 1 ? words.slice(1).join(" ") : null,
        phone: seed.phone ?? null,
        public_metadata: seed.metadata ?? {},
        private_metadata: seed.privateMetadata ?? {},
        passwordHash: seed.password ? await sha256(seed.password) : null,
      });
      return { id: user.id };
    },
    async issueToken(userId, o = {}) {
      if (o.kind === "expired") {
        // Clerk's session JWTs live 60 s: an expired one is simply old; its session may still be active.
        const started = clock() - 3600_000;
        return jwtFor(newSession(userId, started), { iat: Math.floor(started / 1000), ...(o.claims ? { claims: o.claims } : {}) });
      }
      return jwtFor(newSession(userId), { ...(o.kind ? { kind: o.kind } : {}), ...(o.claims ? { claims: o.claims } : {}), ...(o.header ? { header: o.header } : {}) });
    },
    async signWebhook(event) {
      const type = { "session.ended": "session.ended" }[event.type as string] ?? event.type;
      const user = users.get(event.userId);
      let data: Record<string, unknown>;
      if (type === "user.deleted") data = { object: "user", id: event.userId, deleted: true };
      else if (type.startsWith("user.")) data = user ? userJson(user) : { object: "user", id: event.userId };
      else if (type.startsWith("session.")) {
        const session = [...sessions.values()].find((s) => s.user_id === event.userId) ?? newSession(event.userId);
        if (type === "session.ended") session.status = "ended";
        data = { ...sessionJson(session), user: user ? userJson(user) : null };
      } else throw new Error(`this fake signs user.* and session.* events, not ${type}`);
      const now = clock();
      const body = JSON.stringify({ object: "event", type, instance_id: KID, timestamp: now, event_attributes: { http_request: { client_ip: "203.0.113.7", user_agent: "Mozilla/5.0" } }, data });
      const secret = event.foreign ? "whsec_b3RoZXItY2xlcmstaW5zdGFuY2Utc2VjcmV0" : options.webhookSecret;
      const signed = await signStandardWebhook(body, { secret, id: `msg_2fake${(++counter).toString(36).padStart(20, "0")}`, timestamp: new Date(now) });
      return { body, headers: { "content-type": "application/json", "svix-id": signed["webhook-id"] as string, "svix-timestamp": signed["webhook-timestamp"] as string, "svix-signature": signed["webhook-signature"] as string } };
    },
    async jwtKey() {
      return (await signingKeys()).pem;
    },
    setClock: kit.setClock,
    failNext: kit.failNext,
    requestCount: kit.requestCount,
    reset() {
      users = new Map();
      sessions = new Map();
      kit.reset();
    },
  };

  return { handlers, fetch: fetchFromHandlers(getResponse, handlers, "Clerk"), controls, requests, clock, options };
}

/** Clerk's metadata PATCH: a deep merge where null deletes a key at any level. */
function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (typeof value === "object" && !Array.isArray(value) && typeof out[key] === "object" && out[key] !== null && !Array.isArray(out[key])) {
      out[key] = deepMerge(out[key] as JsonObject, value);
    } else out[key] = structuredClone(value);
  }
  return out;
}
