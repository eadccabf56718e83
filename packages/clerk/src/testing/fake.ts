import { type FetchLike, hexEncode, type JsonObject, signStandardWebhook } from "@authmux/core";
import { type ConformanceControls, createFakeKit, type FakeCall, type FakeHandler, type FakeKit, type FakeKitControls, type FakeProblem, fakeSigningKeys, mintFakeJwt, type TokenKind, type VendorFake, withDefaults } from "@authmux/core/testing";
import { decodeJwt } from "jose";
import { http, type RequestHandler } from "msw";

/** Options of {@link createClerkFake}. */
export interface ClerkFakeOptions {
  secretKey?: string;
  /** The Frontend API host tokens are issued by (and the publishable key encodes). */
  frontendApi?: string;
  /** The Backend API root the fake answers at. */
  baseUrl?: string;
  webhookSecret?: string;
  apiVersion?: string;
  /** Session lifetime; default 7 days. */
  sessionTtlSec?: number;
  /** Epoch ms; `controls.setClock` overrides it. */
  clock?: () => number;
}

/** The conformance controls the suite may find missing on other fakes; Clerk's has them all. */
type ClerkHas = "signWebhook" | "peekSession" | "redeemLoginLink";
/** The controls of the fake: the conformance contract plus Clerk specifics. */
export interface ClerkFakeControls extends Omit<ConformanceControls, ClerkHas>, Required<Pick<ConformanceControls, ClerkHas>>, FakeKitControls {
  seedUser(input: Parameters<ConformanceControls["seedUser"]>[0] & { privateMetadata?: JsonObject }): Promise<{ id: string }>;
  /** A session JWT for a new active session (`expired` = an expired JWT; `foreign` = signed by another key). */
  issueToken(userId: string, options?: { kind?: TokenKind; claims?: Record<string, unknown>; header?: Record<string, unknown> }): Promise<string>;
  /** The instance's JWT public key (PEM), for the adapter's networkless `jwtKey`. */
  jwtKey(): Promise<string>;
  reset(): void;
}

/** The fake's settings, defaults filled in, with the publishable key and issuer they give. */
export type ClerkFakeSettings = Required<Omit<ClerkFakeOptions, "clock">> & { publishableKey: string; issuer: string };
/** What the Clerk adapter needs to talk to the fake. */
export type ClerkFakeAdapterOptions = Pick<ClerkFakeSettings, "secretKey" | "publishableKey" | "webhookSecret" | "apiVersion" | "baseUrl"> & { fetch: FetchLike; clock: () => number };

export interface ClerkFake extends VendorFake<ClerkFakeControls, ClerkFakeAdapterOptions, ClerkFakeSettings> {
  /** msw handlers for `setupServer(...fake.handlers)`. */
  readonly handlers: RequestHandler[];
}

type Kind = "email_address" | "phone_number";
/** An email address or phone number; the Backend API creates them verified by the admin. */
type Identifier = { id: string; value: string; created_at: number };
interface FakeUser {
  id: string;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  /** The first of each kind is the primary one. */
  identifiers: Record<Kind, Identifier[]>;
  public_metadata: JsonObject;
  private_metadata: JsonObject;
  passwordHash: string | null;
  banned: boolean;
  locked: boolean;
  created_at: number;
  updated_at: number;
}
/** What `POST /users` (and `seedUser`) make a user from. */
type NewUser = { email_address: string[]; phone_number?: string[] | undefined; password?: string | undefined } & {
  [K in "first_name" | "last_name" | "username" | "public_metadata" | "private_metadata"]?: FakeUser[K] | undefined;
};
interface FakeSession { id: string; user_id: string; client_id: string; status: string; created_at: number; updated_at: number; last_active_at: number; expire_at: number }
/** A sign-in token minted, by its ticket: the Frontend API accepts it once, before it expires. */
interface FakeTicket { userId: string; expiresAt: number; used: boolean }
/** A route's answer on the record its path names. */
type Answer<T> = (found: T, call: FakeCall<unknown>) => Response | Promise<Response>;

const DEFAULTS = {
  secretKey: "sk_test_authmuxFakeSecretKey0123456789",
  frontendApi: "happy-cat-12.clerk.accounts.dev",
  baseUrl: "https://api.clerk.com/v1",
  webhookSecret: "whsec_Y2xlcmstZmFrZS13ZWJob29rLXNlY3JldA==",
  apiVersion: "2026-05-12",
  sessionTtlSec: 7 * 24 * 3600,
} satisfies Required<Omit<ClerkFakeOptions, "clock">>;
const KID = "ins_2hKp0AbCdEfGhIjKlMnOpQrStUv";
const SESSION_CATEGORY = "cl_B7d4PD111AAA";
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const TAKEN: Record<Kind, string> = { email_address: "That email address is taken. Please try another.", phone_number: "That phone number is taken." };
// The User fields the fake does not model, as Clerk gives them to a user made through the Backend API.
const USER_DEFAULTS = {
  image_url: "https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9",
  has_image: false,
  primary_web3_wallet_id: null,
  external_id: null,
  unsafe_metadata: {},
  two_factor_enabled: false, totp_enabled: false, backup_code_enabled: false, mfa_enabled_at: null, mfa_disabled_at: null,
  web3_wallets: [], passkeys: [], external_accounts: [], saml_accounts: [], enterprise_accounts: [],
  last_sign_in_at: null, last_active_at: null, legal_accepted_at: null, lockout_expires_in_seconds: null, verification_attempts_remaining: 100,
  delete_self_enabled: true, create_organization_enabled: true,
};

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const sha256 = async (text: string) => hexEncode(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
const clerkError = (status: number, code: string, message: string, longMessage = message, meta?: JsonObject) =>
  Response.json({ errors: [{ message, long_message: longMessage, code, ...(meta ? { meta } : {}) }], meta: {}, clerk_trace_id: `trace_${crypto.randomUUID().slice(0, 8)}` }, { status });
const notFound = (what: string) => clerkError(404, "resource_not_found", "not found", `${what} not found`);
/** What Clerk says of a request body it cannot read, by the rule it breaks. */
const BAD_BODY: Record<NonNullable<FakeProblem["reason"]>, string> = {
  media_type: "The request body must be JSON.",
  invalid_json: "The request body is not valid JSON.",
  not_object: "The request body must be a JSON object.",
  missing: "The request body is missing.",
};
const taken = (kind: Kind) => clerkError(422, "form_identifier_exists", TAKEN[kind], TAKEN[kind], { param_name: kind });

/** A parameter Clerk takes on a route: its test, and what Clerk says when a value fails it. */
type Param = readonly [valid: (value: unknown) => boolean, must: string];
const TEXT: Param = [(v) => typeof v === "string", "must be a string"];
const NAME: Param = [(v) => v === null || typeof v === "string", "must be a string or null"];
const FLAG: Param = [(v) => typeof v === "boolean", "must be a boolean"];
const METADATA: Param = [isObject, "must be an object"];
const one = (shape: RegExp, what: string): Param => [(v) => typeof v === "string" && shape.test(v), `must be ${what}`];
const listOf = (shape: RegExp, what: string): Param => [(v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" && shape.test(x)), `must be a list of ${what}`];
// Query values are strings.
const count = (min: number, max?: number): Param => [(v) => /^\d+$/.test(String(v)) && Number(v) >= min && Number(v) <= (max ?? Infinity), max ? `must be between ${min} and ${max}` : `must be ${min} or more`];
const PAGE = { limit: count(1, 500), offset: count(0) };
const USER_FILTERS = { email_address: TEXT, username: TEXT, query: TEXT };
const NAMES = { first_name: NAME, last_name: NAME, username: NAME };
const METADATA_BODY = { public_metadata: METADATA, private_metadata: METADATA };
const SIGN_IN_TOKEN = { user_id: TEXT, expires_in_seconds: [(v: unknown) => Number.isInteger(v) && Number(v) >= 1, "must be a positive integer"] as Param };
const CREATE_USER = { ...NAMES, ...METADATA_BODY, email_address: listOf(EMAIL, "valid email addresses"), phone_number: listOf(E164, "E.164 numbers"), password: TEXT, skip_password_requirement: FLAG };

/**
 * A route whose parameters (the JSON body; a GET's query) are checked first, with Clerk's 422s: one required
 * and missing, one Clerk does not take there, or a value of the wrong form. The fake takes only what it
 * implements, so nothing sent is silently ignored.
 */
function checked(params: Readonly<Record<string, Param>>, required: readonly string[], handle: FakeHandler<unknown>): FakeHandler<unknown> {
  return (call) => {
    const given: [string, unknown][] = call.request.method === "GET" ? [] : Object.entries(call.body);
    if (call.request.method === "GET") call.query.forEach((value, key) => given.push([key, value]));
    const missing = required.find((key) => !given.some(([name]) => name === key));
    if (missing) return clerkError(422, "form_param_missing", "is missing", `${missing} is required`, { param_name: missing });
    for (const [key, value] of given) {
      const param = params[key];
      if (!param) return clerkError(422, "form_param_unknown", "is unknown", `${key} is not a valid parameter for this request.`, { param_name: key });
      if (!param[0](value)) return clerkError(422, "form_param_format_invalid", "is invalid", `${key} ${param[1]}`, { param_name: key });
    }
    return handle(call);
  };
}

/** A route on the record the path names (`:userId`, `:sessionId`) or else the body's `user_id`, or Clerk's 404. */
function on<T>(store: Map<string, T>, what: string, answer: Answer<T>): FakeHandler<unknown> {
  return (call) => {
    const key = call.params.userId ?? call.params.sessionId ?? call.body.user_id;
    const found = typeof key === "string" ? store.get(key) : undefined;
    return found ? answer(found, call) : notFound(what);
  };
}

/**
 * A stateful, strict fake of Clerk's Backend API (2026-05-12): Bearer secret key and `Clerk-API-Version` on
 * every call, snake_case JSON, epoch-ms timestamps, Clerk's error bodies, an authenticated `/v1/jwks`, RS256
 * session JWTs, sign-in tokens it remembers, Svix-signed webhooks, and faults and latency (core's fake kit).
 *
 * @example
 * const fake = createClerkFake();
 * const auth = clerk(fake.adapterOptions);
 */
export function createClerkFake(input: ClerkFakeOptions = {}): ClerkFake {
  const base = withDefaults(DEFAULTS, input);
  const options: ClerkFakeSettings = { ...base, publishableKey: `pk_test_${btoa(`${base.frontendApi}$`).replace(/=+$/, "")}`, issuer: `https://${base.frontendApi}` };
  const users = new Map<string, FakeUser>();
  const sessions = new Map<string, FakeSession>();
  const tickets = new Map<string, FakeTicket>();
  const ticketPage = `${options.issuer}/v1/tickets/accept`;
  let counter = 0;
  const signingKeys = () => fakeSigningKeys("RS256", KID);
  const clock = (): number => kit.clock();
  // Clerk ids: a prefix and 27 base62-ish characters; deterministic here.
  const id = (prefix: string) => `${prefix}_2fake${(++counter).toString(36).padStart(22, "0")}`;
  const identifier = (value: string): Identifier => ({ id: id("idn"), value, created_at: clock() });
  const norm = (kind: Kind, value: string) => (kind === "email_address" ? value.toLowerCase() : value);
  const holderOf = (kind: Kind, value: string) => [...users.values()].find((u) => u.identifiers[kind].some((i) => norm(kind, i.value) === norm(kind, value)));
  const onUser = (params: Readonly<Record<string, Param>>, required: readonly string[], answer: Answer<FakeUser>) => checked(params, required, on(users, "User", answer));
  const userAnswer = (user: FakeUser) => Response.json(userJson(user));

  const kit: FakeKit = createFakeKit({
    vendor: "Clerk",
    baseUrl: options.baseUrl,
    clock: input.clock,
    authorize(request) {
      const [key, version] = [request.headers.get("authorization"), request.headers.get("clerk-api-version")];
      const wrongKey = "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.";
      if (key !== `Bearer ${options.secretKey}`) return clerkError(401, "authentication_invalid", "Unauthorized request", wrongKey);
      const wrongVersion = `This fake serves Clerk-API-Version ${options.apiVersion} and must be told so on every request`;
      return version === options.apiVersion || clerkError(400, "request_header_invalid", "invalid Clerk-API-Version", wrongVersion);
    },
    error({ kind, status, reason, method, path }) {
      if (kind === "rate_limited") return clerkError(429, "too_many_requests", "Too Many Requests", "Too many requests, retry later");
      if (kind === "unavailable") return clerkError(status, "internal_clerk_error", "Oops, an unexpected error occurred", "There was an internal error on our servers.");
      if (kind === "auth_failed") return clerkError(401, "authentication_invalid", "Unauthorized request", "The provided Clerk Secret Key is invalid.");
      if (kind === "not_found") return clerkError(404, "resource_not_found", "not found", `${method} ${path} does not exist`);
      return clerkError(status, "request_body_invalid", "invalid body", BAD_BODY[reason ?? "invalid_json"]);
    },
    routes: {
      "GET /jwks": async () => Response.json({ keys: [(await signingKeys()).jwk] }),
      "GET /users/count": checked(USER_FILTERS, [], ({ query }) => Response.json({ object: "total_count", total_count: filterUsers(query).length })),
      "GET /users": checked({ ...USER_FILTERS, ...PAGE, order_by: one(/^[+-]?created_at$/, "created_at (the fake orders by nothing else)") }, [], ({ query }) => {
        const direction = (query.get("order_by") ?? "-created_at").startsWith("-") ? -1 : 1;
        const list = filterUsers(query).sort((a, b) => (a.created_at - b.created_at || (a.id < b.id ? -1 : 1)) * direction);
        return Response.json(page(list, query).map(userJson));
      }),
      "POST /users": checked(CREATE_USER, ["email_address"], async ({ body }) => {
        const noPassword = "Passwords are required for this instance; send password or skip_password_requirement";
        if (body.password === undefined && body.skip_password_requirement !== true) return clerkError(422, "form_password_missing", "is missing", noPassword);
        const given = body as NewUser;
        const clash = (["email_address", "phone_number"] as const).find((kind) => given[kind]?.some((value) => holderOf(kind, value)));
        return clash ? taken(clash) : userAnswer(await newUser(given));
      }),
      "GET /users/:userId": onUser({}, [], userAnswer),
      // 2026-05-12: metadata goes through /users/{id}/metadata, not here (form_param_unknown).
      "PATCH /users/:userId": onUser({ ...NAMES, password: TEXT }, [], async (user, { body }) => {
        for (const key of ["first_name", "last_name", "username"] as const) if (key in body) user[key] = (body[key] as string | null) || null;
        if (typeof body.password === "string") user.passwordHash = await sha256(body.password);
        return userAnswer(touch(user));
      }),
      "DELETE /users/:userId": onUser({}, [], (user) => {
        users.delete(user.id);
        endSessions(user.id, "removed");
        return Response.json({ object: "user", id: user.id, deleted: true });
      }),
      "PATCH /users/:userId/metadata": onUser(METADATA_BODY, [], (user, { body }) => writeMetadata(user, body, deepMerge)),
      "PUT /users/:userId/metadata": onUser(METADATA_BODY, [], (user, { body }) => writeMetadata(user, body, (_, given) => structuredClone(given))),
      "PUT /users/:userId/email_address": onUser({ email_address: one(EMAIL, "a valid email address") }, ["email_address"], (user, { body }) => replacePrimary(user, "email_address", body)),
      "PUT /users/:userId/phone_number": onUser({ phone_number: one(E164, "an E.164 number") }, ["phone_number"], (user, { body }) => replacePrimary(user, "phone_number", body)),
      "POST /users/:userId/verify_password": onUser({ password: TEXT }, ["password"], async (user, { body }) => {
        if (user.passwordHash === null) return clerkError(400, "password_not_set", "no password", "The user does not have a password set.");
        if (user.passwordHash !== (await sha256(body.password as string))) return clerkError(422, "incorrect_password", "Password is incorrect.", "Password is incorrect. Try again, or use another method.");
        return Response.json({ verified: true });
      }),
      "POST /users/:userId/ban": onUser({}, [], (user) => setFlag(user, "banned", true)),
      "POST /users/:userId/unban": onUser({}, [], (user) => setFlag(user, "banned", false)),
      "POST /users/:userId/lock": onUser({}, [], (user) => setFlag(user, "locked", true)),
      "POST /users/:userId/unlock": onUser({}, [], (user) => setFlag(user, "locked", false)),
      "GET /sessions": checked({ user_id: TEXT, client_id: TEXT, paginated: one(/^(true|false)$/, "true or false"), ...PAGE }, [], ({ query }) => {
        const [userId, clientId] = [query.get("user_id"), query.get("client_id")];
        if (!userId && !clientId) return clerkError(422, "form_param_missing", "is missing", "Either user_id or client_id is required.", { param_name: "user_id" });
        const all = [...sessions.values()].filter((s) => (!userId || s.user_id === userId) && (!clientId || s.client_id === clientId));
        const data = page(all, query).map(sessionJson);
        return Response.json(query.get("paginated") === "true" ? { data, total_count: all.length } : data);
      }),
      "GET /sessions/:sessionId": on(sessions, "Session", (s) => Response.json(sessionJson(s))),
      "POST /sessions/:sessionId/revoke": on(sessions, "Session", (s) => {
        if (s.status === "active") s.status = "revoked";
        s.updated_at = clock();
        return Response.json(sessionJson(s));
      }),
      "POST /sign_in_tokens": checked(SIGN_IN_TOKEN, ["user_id"], on(users, "User", async ({ id: userId }, { body }) => {
        const [now, sit, seconds] = [clock(), id("sit"), Number(body.expires_in_seconds ?? 2592000)];
        // The ticket is a JWT signed by the instance; the fake remembers it for the Frontend API to accept.
        const token = await mintFakeJwt({ keys: await signingKeys(), alg: "RS256", iat: Math.floor(now / 1000), ttlSec: seconds, issuer: options.issuer, subject: userId, claims: { sit } });
        tickets.set(token, { userId, expiresAt: now + seconds * 1000, used: false });
        return Response.json({ object: "sign_in_token", id: sit, status: "pending", user_id: userId, token, url: `${ticketPage}?ticket=${token}`, created_at: now, updated_at: now });
      })),
      "GET /email_addresses/:identifierId": ({ params }) => identifierAnswer("email_address", params.identifierId),
      "GET /phone_numbers/:identifierId": ({ params }) => identifierAnswer("phone_number", params.identifierId),
      // The fake holds no organizations.
      "GET /organizations": checked({ ...PAGE, query: TEXT }, [], () => Response.json({ data: [], total_count: 0 })),
    },
  });

  const identifierJson = (kind: Kind, i: Identifier) => ({
    id: i.id, object: kind, [kind]: i.value, reserved: false, linked_to: [], created_at: i.created_at, updated_at: i.created_at,
    verification: { object: "verification_admin", status: "verified", strategy: "admin", attempts: null, expire_at: null },
    ...(kind === "phone_number" ? { reserved_for_second_factor: false, default_second_factor: false, backup_codes: null } : { matches_sso_connection: false }),
  });
  const userJson = (u: FakeUser) => ({
    ...USER_DEFAULTS,
    id: u.id, object: "user", username: u.username, first_name: u.first_name, last_name: u.last_name, password_enabled: u.passwordHash !== null,
    primary_email_address_id: u.identifiers.email_address[0]?.id ?? null, primary_phone_number_id: u.identifiers.phone_number[0]?.id ?? null,
    email_addresses: u.identifiers.email_address.map((e) => identifierJson("email_address", e)),
    phone_numbers: u.identifiers.phone_number.map((p) => identifierJson("phone_number", p)),
    public_metadata: structuredClone(u.public_metadata), private_metadata: structuredClone(u.private_metadata),
    banned: u.banned, locked: u.locked, created_at: u.created_at, updated_at: u.updated_at,
  });
  const statusOf = (s: FakeSession): string => (s.status === "active" && s.expire_at <= clock() ? "expired" : s.status);
  const sessionJson = (s: FakeSession) => ({ object: "session", ...s, status: statusOf(s), actor: null, tasks: null, last_active_organization_id: null, latest_activity: null, abandon_at: s.expire_at + 30 * 86400_000 });
  const page = <T,>(all: T[], query: URLSearchParams) => {
    const offset = Number(query.get("offset") ?? 0);
    return all.slice(offset, offset + Number(query.get("limit") ?? 10));
  };

  async function newUser(given: NewUser): Promise<FakeUser> {
    const identifiers = { email_address: given.email_address.map(identifier), phone_number: (given.phone_number ?? []).map(identifier) };
    const names = { first_name: given.first_name ?? null, last_name: given.last_name ?? null, username: given.username ?? null };
    const metadata = { public_metadata: structuredClone(given.public_metadata ?? {}), private_metadata: structuredClone(given.private_metadata ?? {}) };
    const passwordHash = given.password === undefined ? null : await sha256(given.password);
    const user: FakeUser = { id: id("user"), ...names, ...metadata, identifiers, passwordHash, banned: false, locked: false, created_at: clock(), updated_at: clock() };
    users.set(user.id, user);
    return user;
  }

  function newSession(userId: string, startedAt = clock()): FakeSession {
    const s: FakeSession = { id: id("sess"), user_id: userId, client_id: id("client"), status: "active", created_at: startedAt, updated_at: startedAt, last_active_at: startedAt, expire_at: startedAt + options.sessionTtlSec * 1000 };
    sessions.set(s.id, s);
    return s;
  }

  function touch(user: FakeUser): FakeUser {
    user.updated_at = clock();
    return user;
  }

  /** Ban, unban, lock, unlock; a ban revokes every session of the user. */
  function setFlag(user: FakeUser, flag: "banned" | "locked", value: boolean): Response {
    user[flag] = value;
    if (flag === "banned" && value) endSessions(user.id, "revoked");
    return userAnswer(touch(user));
  }

  function endSessions(userId: string, status: "removed" | "revoked"): void {
    for (const s of sessions.values()) if (s.user_id === userId && s.status === "active") s.status = status;
  }

  function writeMetadata(user: FakeUser, body: Record<string, unknown>, write: (current: JsonObject, given: JsonObject) => JsonObject): Response {
    for (const key of ["public_metadata", "private_metadata"] as const) {
      const given = body[key];
      if (isObject(given)) user[key] = write(user[key], given);
    }
    return userAnswer(touch(user));
  }

  /** Clerk's replace-primary endpoints: the new identifier, verified by the admin, replaces the user's of that kind. */
  function replacePrimary(user: FakeUser, kind: Kind, body: Record<string, unknown>): Response {
    const value = body[kind] as string;
    const holder = holderOf(kind, value);
    if (holder && holder !== user) return taken(kind);
    const created = identifier(value);
    user.identifiers[kind] = [created];
    touch(user);
    return Response.json(identifierJson(kind, created));
  }

  function identifierAnswer(kind: Kind, identifierId: string | undefined): Response {
    const found = [...users.values()].flatMap((u) => u.identifiers[kind]).find((i) => i.id === identifierId);
    return found ? Response.json(identifierJson(kind, found)) : notFound(kind === "email_address" ? "Email address" : "Phone number");
  }

  function filterUsers(query: URLSearchParams): FakeUser[] {
    const emails = query.getAll("email_address").map((e) => e.toLowerCase());
    const usernames = query.getAll("username");
    const q = query.get("query")?.toLowerCase();
    const words = (u: FakeUser) => [u.id, u.first_name, u.last_name, u.username, ...u.identifiers.email_address.concat(u.identifiers.phone_number).map((i) => i.value)];
    return [...users.values()].filter(
      (u) =>
        (emails.length === 0 || u.identifiers.email_address.some((e) => emails.includes(e.value.toLowerCase()))) &&
        (usernames.length === 0 || (u.username !== null && usernames.includes(u.username))) &&
        (!q || words(u).some((v) => v?.toLowerCase().includes(q))),
    );
  }

  const controls: ClerkFakeControls = {
    ...kit.controls,
    async seedUser(seed) {
      const [first_name, ...rest] = (seed.name ?? "").trim().split(/\s+/).filter(Boolean);
      const names = { first_name: first_name ?? null, last_name: rest.join(" ") || null };
      const phone_number = seed.phone ? [seed.phone] : [];
      const user = await newUser({ ...names, email_address: [seed.email], phone_number, public_metadata: seed.metadata, private_metadata: seed.privateMetadata, password: seed.password });
      return { id: user.id };
    },
    async issueToken(userId, o = {}) {
      // Clerk's session JWTs live 60 s and are valid from 10 s before their iat. An expired one is simply old
      // (mintFakeJwt dates it its lifetime and an hour back): its session, started then, is still active.
      const now = Math.floor(clock() / 1000);
      const issued = o.kind === "expired" ? now - 60 - 3600 : now;
      const claims = { azp: "http://localhost:3000", fva: [0, -1], sid: newSession(userId, issued * 1000).id, sts: "active", v: 2, nbf: issued - 10, ...o.claims };
      const header = { cat: SESSION_CATEGORY, ...o.header };
      return mintFakeJwt({ keys: await signingKeys(), alg: "RS256", kind: o.kind, iat: now, ttlSec: 60, issuer: options.issuer, subject: userId, claims, header });
    },
    async signWebhook(event) {
      const user = users.get(event.userId);
      let data: Record<string, unknown>;
      if (event.type === "user.deleted") data = { object: "user", id: event.userId, deleted: true };
      else if (event.type.startsWith("user.")) data = user ? userJson(user) : { object: "user", id: event.userId };
      else if (event.type.startsWith("session.")) {
        const session = [...sessions.values()].find((s) => s.user_id === event.userId) ?? newSession(event.userId);
        if (event.type === "session.ended") session.status = "ended";
        data = { ...sessionJson(session), user: user ? userJson(user) : null };
      } else throw new Error(`this fake signs user.* and session.* events, not ${event.type}`);
      const now = clock();
      const body = JSON.stringify({ object: "event", type: event.type, instance_id: KID, timestamp: now, event_attributes: { http_request: { client_ip: "203.0.113.7", user_agent: "Mozilla/5.0" } }, data });
      const secret = event.foreign ? "whsec_b3RoZXItY2xlcmstaW5zdGFuY2Utc2VjcmV0" : options.webhookSecret;
      // Svix sends the Standard Webhooks headers as svix-id, svix-timestamp and svix-signature.
      const svix = await signStandardWebhook(body, { secret, id: id("msg"), timestamp: new Date(now), headerPrefix: "svix" });
      return { body, headers: { "content-type": "application/json", ...svix } };
    },
    async peekUser(ref) {
      const user = typeof ref === "string" ? users.get(ref) : holderOf("email_address", ref.email);
      if (!user) return null;
      const name = [user.first_name, user.last_name].filter(Boolean).join(" ") || null;
      const [email, phone] = [user.identifiers.email_address[0]?.value ?? null, user.identifiers.phone_number[0]?.value ?? null];
      return { id: user.id, email, name, phone, metadata: structuredClone(user.public_metadata) };
    },
    async peekSession(token) {
      const { sid } = decodeJwt(token);
      const session = typeof sid === "string" ? sessions.get(sid) : undefined;
      return session ? { userId: session.user_id, active: statusOf(session) === "active" } : null;
    },
    async redeemLoginLink(url) {
      // The Frontend API's ticket page, opened as a browser would: one sign-in per ticket, before it expires.
      const link = new URL(url);
      const ticket = `${link.origin}${link.pathname}` === ticketPage ? tickets.get(link.searchParams.get("ticket") ?? "") : undefined;
      const refused = "Clerk signs nobody in with this link: not a ticket it minted, used already, or expired";
      if (!ticket || ticket.used || ticket.expiresAt <= clock() || !users.has(ticket.userId)) throw new Error(refused);
      ticket.used = true;
      return { userId: ticket.userId };
    },
    jwtKey: async () => (await signingKeys()).pem,
    reset() {
      for (const store of [users, sessions, tickets]) store.clear();
      kit.reset();
    },
  };

  const { secretKey, publishableKey, webhookSecret, apiVersion, baseUrl } = options;
  return kit.expose(http, { controls, options, adapterOptions: { secretKey, publishableKey, webhookSecret, apiVersion, baseUrl } });
}

/** Clerk's metadata PATCH: a deep merge where null deletes a key at any level. */
function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(current)) out[key] = deepMerge(current, value);
    else out[key] = structuredClone(value);
  }
  return out;
}
