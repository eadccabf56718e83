import { type FetchLike, type JsonObject, signStandardWebhook } from "@authmux/core";
import { type ConformanceControls, createFakeKit, type FakeCall, type FakeHandler, type FakeKit, type FakeKitControls, type FakeParams, type FakeRoute, fakeSigningKeys, mintFakeJwt, type TokenKind, type VendorFake, withDefaults } from "@authmux/core/testing";
import { decodeJwt } from "jose";
import { http, type RequestHandler } from "msw";
import { DOCUMENTED_OPERATIONS } from "./documented.js";
import { type ClerkHasher, digestHasFormat, isEmulatedHasher, isClerkHasher, type StoredPassword, storePlaintext, verifyStored } from "./hashers.js";
import { identifierJson, sessionAnswerJson, ticketJson, userJson } from "./json.js";
import { deepMerge, type FakeSession, type FakeTicket, type FakeUser, holds, type Identifier, isJsonObject, type Kind, matchesUserQuery, orderUsers } from "./model.js";
import {
  ARRAY_FILTERS, CREATE_SESSION, CREATE_USER, METADATA_BODY, MIN_PASSWORD, ORGANIZATION_LIST, REPLACE_EMAIL, REPLACE_PHONE, SESSION_LIST, SESSION_TOKEN, SIGN_IN_TOKEN, TAKEN, UPDATE_USER, USER_FILTERS, USER_LIST, VERIFY_PASSWORD,
} from "./parameters.js";
import { BAD_BODY, clerkError, invalid, notEmulated, notFound, paramError } from "./params.js";

/** Options of {@link createClerkFake}. */
export interface ClerkFakeOptions {
  /** The secret key the fake expects (`sk_test_…`); default a fixed test key. */
  secretKey?: string;
  /** The Frontend API host tokens are issued by (and the publishable key encodes). */
  frontendApi?: string;
  /** The Backend API root the fake answers at. */
  baseUrl?: string;
  /** The Svix secret (`whsec_…`) webhooks are signed with. */
  webhookSecret?: string;
  /** The `Clerk-API-Version` the fake requires. */
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
  seedUser(input: Parameters<ConformanceControls["seedUser"]>[0] & { privateMetadata?: JsonObject; username?: string; externalId?: string }): Promise<{
    /** The new user's id. */
    id: string;
  }>;
  /** A session JWT for a new active session (`expired` = an expired JWT; `foreign` = signed by another key). */
  issueToken(userId: string, options?: { kind?: TokenKind; claims?: Record<string, unknown>; header?: Record<string, unknown> }): Promise<string>;
  /** The instance's JWT public key (PEM), for the adapter's networkless `jwtKey`. */
  jwtKey(): Promise<string>;
  /** The user as Clerk's Backend API shows it (`GET /users/{id}`), or null. */
  peekClerkUser(userId: string): JsonObject | null;
  /** The password the fake keeps for a user (its hasher and digest), or null. */
  peekPassword(userId: string): StoredPassword | null;
  /** The fake's whole state, JSON-serialisable (password digests included: they are the fake's own). */
  snapshot(): JsonObject;
  /** Replaces the fake's state with one `snapshot` gave. */
  restore(state: JsonObject): void;
  /** Forgets every user, session and sign-in token, and the kit's requests, faults, latency and clock. */
  reset(): void;
}

/** The fake's settings, defaults filled in, with the publishable key and issuer they give. */
export type ClerkFakeSettings = Required<Omit<ClerkFakeOptions, "clock">> & {
  /** The publishable key that encodes `frontendApi`. */
  publishableKey: string;
  /** The issuer of the fake's session tokens. */
  issuer: string;
};
/** What the Clerk adapter needs to talk to the fake. */
export type ClerkFakeAdapterOptions = Pick<ClerkFakeSettings, "secretKey" | "publishableKey" | "webhookSecret" | "apiVersion" | "baseUrl"> & {
  /** The fake's `fetch`. */
  fetch: FetchLike;
  /** The fake's clock. */
  clock: () => number;
};

/** A strict, stateful fake of Clerk's Backend API: what {@link createClerkFake} returns. */
export type ClerkFake = VendorFake<ClerkFakeControls, ClerkFakeAdapterOptions, ClerkFakeSettings, RequestHandler>;

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
const SNAPSHOT_VERSION = 1;
const taken = (param: keyof typeof TAKEN) => clerkError(422, "form_identifier_exists", TAKEN[param], TAKEN[param], { param_name: param });

/** A route on the record the path names (`:userId`, `:sessionId`) or else the body's `user_id`, or Clerk's 404. */
function on<T>(store: Map<string, T>, what: string, answer: Answer<T>): FakeHandler<unknown> {
  return (call) => {
    const key = call.params.userId ?? call.params.sessionId ?? call.body.user_id;
    const found = typeof key === "string" ? store.get(key) : undefined;
    return found ? answer(found, call) : notFound(what);
  };
}

// Clerk checks a route's parameters (a GET's query, else the JSON body) before anything else: the kit does it.
const query = (params: FakeParams, handle: FakeHandler<unknown>): FakeRoute<unknown> => ({ query: params, handle });
const body = (params: FakeParams, required: readonly string[], handle: FakeHandler<unknown>): FakeRoute<unknown> => ({ body: params, required, handle });

/** `YYYY-MM-DDTHH:MM:SSZ` → epoch ms; null stays null. */
const epochMs = (value: unknown): number | null => (typeof value === "string" ? Date.parse(value) : null);

/**
 * A stateful, strict fake of Clerk's Backend API (2026-05-12): Bearer secret key and `Clerk-API-Version` on
 * every call, snake_case JSON, epoch-ms timestamps, Clerk's error bodies, an authenticated `/v1/jwks`, RS256
 * session JWTs, sign-in tokens it remembers, password digests it verifies for real, Svix-signed webhooks, and
 * faults and latency (core's fake kit). Every parameter Clerk documents on a route it serves is applied or
 * answered 501 not emulated; every other documented operation is answered 501; unknown paths get Clerk's 404.
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
  const identifier = (value: string, status?: unknown): Identifier => ({ id: id("idn"), value, reserved: status === "reserved", created_at: clock() });
  const holderOf = (kind: Kind, value: string) => [...users.values()].find((u) => holds(u, kind, value));
  const holderBy = (key: "username" | "external_id", value: unknown) => (typeof value === "string" && value !== "" ? [...users.values()].find((u) => u[key] === value) : undefined);
  const onUser = (params: FakeParams, required: readonly string[], answer: Answer<FakeUser>) => body(params, required, on(users, "User", answer));
  const userAnswer = (user: FakeUser) => Response.json(userJson(user));
  const ended = (s: FakeSession) => s.status !== "active" || s.expire_at <= clock();

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
    // Every other operation Clerk documents: 501 after the secret key check, as Clerk checks it first.
    notEmulated: DOCUMENTED_OPERATIONS,
    error(problem) {
      const { kind, status, reason, method, path, operation } = problem;
      if (kind === "bad_param" || (kind === "not_emulated" && problem.param)) return paramError(problem);
      if (kind === "not_emulated") return notEmulated(operation ?? `${method} ${path}`);
      if (kind === "rate_limited") return clerkError(429, "too_many_requests", "Too Many Requests", "Too many requests, retry later");
      if (kind === "unavailable") return clerkError(status, "internal_clerk_error", "Oops, an unexpected error occurred", "There was an internal error on our servers.");
      if (kind === "auth_failed") return clerkError(401, "authentication_invalid", "Unauthorized request", "The provided Clerk Secret Key is invalid.");
      if (kind === "not_found") return clerkError(404, "resource_not_found", "not found", `${method} ${path} does not exist`);
      return clerkError(status, "request_body_invalid", "invalid body", BAD_BODY[reason ?? "invalid_json"]);
    },
    routes: {
      "GET /jwks": query({}, async () => Response.json({ keys: [(await signingKeys()).jwk] })),
      "GET /users/count": query(USER_FILTERS, ({ query }) => listProblem(query) ?? Response.json({ object: "total_count", total_count: findUsers(query).length })),
      "GET /users": query(USER_LIST, ({ query }) => listProblem(query) ?? listUsers(query)),
      "POST /users": body(CREATE_USER, [], async ({ body }) => createProblem(body) ?? userAnswer(await newUser(body))),
      "GET /users/:userId": query({}, on(users, "User", userAnswer)),
      // 2026-05-12: metadata goes through /users/{id}/metadata, not here (form_param_unknown).
      "PATCH /users/:userId": onUser(UPDATE_USER, [], async (user, { body }) => updateProblem(user, body) ?? userAnswer(await updateUser(user, body))),
      "DELETE /users/:userId": onUser({}, [], (user) => {
        users.delete(user.id);
        endSessions(user.id, "removed");
        return Response.json({ object: "user", id: user.id, deleted: true, ...(user.external_id ? { external_id: user.external_id } : {}) });
      }),
      "PATCH /users/:userId/metadata": onUser(METADATA_BODY, [], (user, { body }) => writeMetadata(user, body, deepMerge)),
      "PUT /users/:userId/metadata": onUser(METADATA_BODY, [], (user, { body }) => writeMetadata(user, body, (_, given) => structuredClone(given))),
      "PUT /users/:userId/email_address": onUser(REPLACE_EMAIL, ["email_address"], (user, { body }) => replacePrimary(user, "email_address", body)),
      "PUT /users/:userId/phone_number": onUser(REPLACE_PHONE, ["phone_number"], (user, { body }) => replacePrimary(user, "phone_number", body)),
      "POST /users/:userId/verify_password": onUser(VERIFY_PASSWORD, ["password"], async (user, { body }) => {
        if (user.password === null) return clerkError(400, "password_not_set", "no password", "The user does not have a password set.");
        if (!isEmulatedHasher(user.password.hasher)) return notEmulated(`verifying ${user.password.hasher} digests`, "password_hasher");
        if (!(await verifyStored(user.password, body.password as string))) return clerkError(422, "incorrect_password", "Password is incorrect.", "Password is incorrect. Try again, or use another method.");
        return Response.json({ verified: true });
      }),
      "POST /users/:userId/ban": onUser({}, [], (user) => setFlag(user, "banned", true)),
      "POST /users/:userId/unban": onUser({}, [], (user) => setFlag(user, "banned", false)),
      "POST /users/:userId/lock": onUser({}, [], (user) => setFlag(user, "locked", true)),
      "POST /users/:userId/unlock": onUser({}, [], (user) => setFlag(user, "locked", false)),
      "GET /sessions": query(SESSION_LIST, ({ query }) => {
        const [userId, clientId, status] = [query.get("user_id"), query.get("client_id"), query.get("status")];
        if (!userId && !clientId) return clerkError(422, "form_param_missing", "is missing", "Either user_id or client_id is required.", { param_name: "user_id" });
        const all = [...sessions.values()]
          .filter((s) => (!userId || s.user_id === userId) && (!clientId || s.client_id === clientId) && (!status || statusOf(s) === status))
          // Newest first.
          .sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1));
        const data = page(all, query).map(sessionJson);
        return Response.json(query.get("paginated") === "true" ? { data, total_count: all.length } : data);
      }),
      // Testing instances only, as on Clerk's development instances.
      "POST /sessions": body(CREATE_SESSION, ["user_id"], on(users, "User", (user) => Response.json(sessionJson(newSession(user.id))))),
      "POST /sessions/:sessionId/tokens": body(SESSION_TOKEN, [], on(sessions, "Session", async (session, { body }) => {
        // Clerk documents 404 as this route's only refusal: an ended session has no token to give.
        if (statusOf(session) !== "active") return notFound("Active session");
        const ttlSec = typeof body.expires_in_seconds === "number" ? body.expires_in_seconds : undefined;
        return Response.json({ object: "token", jwt: await sessionToken(session, { ...(ttlSec ? { ttlSec } : {}) }) });
      })),
      "GET /sessions/:sessionId": query({}, on(sessions, "Session", (s) => Response.json(sessionJson(s)))),
      "POST /sessions/:sessionId/revoke": body({}, [], on(sessions, "Session", (s) => {
        if (s.status === "active") s.status = "revoked";
        s.updated_at = clock();
        return Response.json(sessionJson(s));
      })),
      "POST /sign_in_tokens": body(SIGN_IN_TOKEN, ["user_id"], on(users, "User", async ({ id: userId }, { body }) => {
        const [now, sit, seconds] = [clock(), id("sit"), Number(body.expires_in_seconds ?? 2592000)];
        // The ticket is a JWT signed by the instance; the fake remembers it for the Frontend API to accept.
        const token = await mintFakeJwt({ keys: await signingKeys(), alg: "RS256", iat: Math.floor(now / 1000), ttlSec: seconds, issuer: options.issuer, subject: userId, claims: { sit } });
        const ticket: FakeTicket = { id: sit, userId, expiresAt: now + seconds * 1000, status: "pending", created_at: now, updated_at: now };
        tickets.set(token, ticket);
        return Response.json({ ...ticketJson(ticket), token, url: `${ticketPage}?ticket=${token}` });
      })),
      "POST /sign_in_tokens/:signInTokenId/revoke": body({}, [], ({ params }) => {
        const ticket = [...tickets.values()].find((t) => t.id === params.signInTokenId);
        if (!ticket) return notFound("Sign in token");
        if (ticket.status !== "pending") return clerkError(400, "sign_in_token_cannot_be_revoked", "cannot be revoked", "Only pending sign in tokens can be revoked.");
        Object.assign(ticket, { status: "revoked", updated_at: clock() });
        return Response.json(ticketJson(ticket));
      }),
      "GET /email_addresses/:identifierId": query({}, ({ params }) => identifierAnswer("email_address", params.identifierId)),
      "GET /phone_numbers/:identifierId": query({}, ({ params }) => identifierAnswer("phone_number", params.identifierId)),
      // The fake holds no organizations: every filter finds none.
      "GET /organizations": query(ORGANIZATION_LIST, () => Response.json({ data: [], total_count: 0 })),
    },
  });

  const statusOf = (s: FakeSession): string => (s.status === "active" && s.expire_at <= clock() ? "expired" : s.status);
  const sessionJson = (s: FakeSession) => sessionAnswerJson(s, statusOf(s));
  const page = <T,>(all: T[], query: URLSearchParams) => {
    const offset = Number(query.get("offset") ?? 0);
    return all.slice(offset, offset + Number(query.get("limit") ?? 10));
  };
  const findUsers = (query: URLSearchParams) => [...users.values()].filter((u) => matchesUserQuery(u, query));

  /** The list filters' own rules: at most 100 values a list, `provider` only with `provider_user_id`, a cursor only over created_at. */
  function listProblem(query: URLSearchParams): Response | undefined {
    const long = ARRAY_FILTERS.find((key) => query.getAll(key).length > 100);
    if (long) return invalid(long, "accepts at most 100 values");
    if (query.has("provider") !== query.has("provider_user_id")) return invalid(query.has("provider") ? "provider_user_id" : "provider", "is required with provider and provider_user_id used together");
    const orderBy = query.get("order_by") ?? "-created_at";
    if (query.has("starting_after") && !/^[+ -]?created_at$/.test(orderBy)) return invalid("starting_after", "needs ordering by created_at");
    if (query.has("starting_after") && Number(query.get("offset") ?? 0) !== 0) return invalid("starting_after", "cannot be combined with a non-zero offset");
    return undefined;
  }

  function listUsers(query: URLSearchParams): Response {
    const list = orderUsers(findUsers(query), query.get("order_by") ?? "-created_at");
    const after = query.get("starting_after");
    if (after === null) return Response.json(page(list, query).map(userJson));
    const at = list.findIndex((u) => u.id === after);
    if (at < 0) return invalid("starting_after", "must be the id of a user in the list");
    return Response.json(list.slice(at + 1, at + 1 + Number(query.get("limit") ?? 10)).map(userJson));
  }

  /** The password fields' rules, on create and update: a digest with its hasher, in its format, or a long enough password. */
  function passwordProblem(body: Record<string, unknown>): Response | undefined {
    const [digest, hasher] = [body.password_digest, body.password_hasher];
    if ((digest == null) !== (hasher == null)) return clerkError(422, "form_param_missing", "is missing", "password_digest and password_hasher go together", { param_name: digest == null ? "password_digest" : "password_hasher" });
    if (digest != null && body.password != null) return invalid("password", "cannot be given with password_digest");
    if (isClerkHasher(hasher) && typeof digest === "string") {
      if (!isEmulatedHasher(hasher)) return notEmulated(`the password_hasher ${hasher}`, "password_hasher");
      // Clerk checks the digest's form on import (the digest itself is never quoted back).
      if (!digestHasFormat(hasher, digest)) return invalid("password_digest", `is not a valid ${hasher} digest`);
    }
    if (typeof body.password === "string" && body.password.length < MIN_PASSWORD && body.skip_password_checks !== true) {
      return clerkError(422, "form_password_length_too_short", "is too short", `Passwords must be ${MIN_PASSWORD} characters or more.`, { param_name: "password" });
    }
    return undefined;
  }

  /** Unique values another user holds: username and external_id. */
  function uniqueProblem(body: Record<string, unknown>, self?: FakeUser): Response | undefined {
    for (const key of ["username", "external_id"] as const) {
      const holder = holderBy(key, body[key]);
      if (holder && holder !== self) return taken(key);
    }
    return undefined;
  }

  function createProblem(body: Record<string, unknown>): Response | undefined {
    const emails = (body.email_address ?? []) as string[];
    if (emails.length === 0 && body.skip_user_requirement !== true) return clerkError(422, "form_param_missing", "is missing", "email_address is required", { param_name: "email_address" });
    for (const kind of ["email_address", "phone_number"] as const) {
      const statuses = body[`${kind}_identification_status`] as string[] | undefined;
      if (statuses?.length && statuses.length !== ((body[kind] ?? []) as string[]).length) return invalid(`${kind}_identification_status`, `must have one item per ${kind}`);
      if (((body[kind] ?? []) as string[]).some((value) => holderOf(kind, value))) return taken(kind);
    }
    const noPassword = "Passwords are required for this instance; send password, password_digest or skip_password_requirement";
    if (body.password == null && body.password_digest == null && body.skip_password_requirement !== true) return clerkError(422, "form_password_missing", "is missing", noPassword);
    return passwordProblem(body) ?? uniqueProblem(body);
  }

  function updateProblem(user: FakeUser, body: Record<string, unknown>): Response | undefined {
    for (const [key, kind] of [["primary_email_address_id", "email_address"], ["primary_phone_number_id", "phone_number"]] as const) {
      if (body[key] !== undefined && !user.identifiers[kind].some((i) => i.id === body[key])) return invalid(key, `must be the id of one of the user's ${kind}s`);
    }
    return passwordProblem(body) ?? uniqueProblem(body, user);
  }

  /** The password a create or update sets, if any. */
  async function passwordOf(body: Record<string, unknown>): Promise<StoredPassword | undefined> {
    if (typeof body.password_digest === "string") return { hasher: body.password_hasher as ClerkHasher, digest: body.password_digest };
    if (typeof body.password === "string") return storePlaintext(body.password);
    return undefined;
  }

  /** The settings create and update share, as given (null or "" clears a name). */
  function applySettings(user: FakeUser, body: Record<string, unknown>): void {
    for (const key of ["external_id", "first_name", "last_name", "locale", "username"] as const) if (key in body) user[key] = (body[key] as string | null) || null;
    for (const key of ["delete_self_enabled", "create_organization_enabled", "bypass_client_trust"] as const) if (typeof body[key] === "boolean") user[key] = body[key];
    if ("create_organizations_limit" in body) user.create_organizations_limit = body.create_organizations_limit as number | null;
    if ("legal_accepted_at" in body) user.legal_accepted_at = epochMs(body.legal_accepted_at);
    if (typeof body.created_at === "string") user.created_at = Date.parse(body.created_at);
  }

  async function newUser(body: Record<string, unknown>): Promise<FakeUser> {
    const made = (kind: Kind) => ((body[kind] ?? []) as string[]).map((value, i) => identifier(value, (body[`${kind}_identification_status`] as unknown[] | undefined)?.[i]));
    const metadata = (key: "public_metadata" | "private_metadata" | "unsafe_metadata") => structuredClone((body[key] ?? {}) as JsonObject);
    const password = (await passwordOf(body)) ?? null;
    const now = clock();
    const user: FakeUser = {
      id: id("user"), external_id: null, first_name: null, last_name: null, username: null, locale: null,
      identifiers: { email_address: made("email_address"), phone_number: made("phone_number") },
      public_metadata: metadata("public_metadata"), private_metadata: metadata("private_metadata"), unsafe_metadata: metadata("unsafe_metadata"),
      password, password_last_updated_at: password ? now : null,
      banned: body.banned === true, locked: body.locked === true, delete_self_enabled: true, create_organization_enabled: true, create_organizations_limit: null,
      bypass_client_trust: false, legal_accepted_at: null, last_sign_in_at: null, last_active_at: null, created_at: now, updated_at: now,
    };
    applySettings(user, body);
    users.set(user.id, user);
    return user;
  }

  async function updateUser(user: FakeUser, body: Record<string, unknown>): Promise<FakeUser> {
    applySettings(user, body);
    for (const [key, kind] of [["primary_email_address_id", "email_address"], ["primary_phone_number_id", "phone_number"]] as const) {
      const list = user.identifiers[kind];
      const at = list.findIndex((i) => i.id === body[key]);
      if (at > 0) list.unshift(...list.splice(at, 1));
    }
    const password = await passwordOf(body);
    if (password) {
      Object.assign(user, { password, password_last_updated_at: clock() });
      // From the backend there is no current session: "other sessions" are all of them.
      if (body.sign_out_of_other_sessions === true) endSessions(user.id, "revoked");
    }
    return touch(user);
  }

  function newSession(userId: string, startedAt = clock()): FakeSession {
    const s: FakeSession = { id: id("sess"), user_id: userId, client_id: id("client"), status: "active", created_at: startedAt, updated_at: startedAt, last_active_at: startedAt, expire_at: startedAt + options.sessionTtlSec * 1000 };
    sessions.set(s.id, s);
    // A session starts with a sign-in.
    const user = users.get(userId);
    if (user) Object.assign(user, { last_sign_in_at: startedAt, last_active_at: startedAt });
    return s;
  }

  /** A session JWT as Clerk mints it (v2 claims, the session category header), 60 s unless told otherwise. */
  async function sessionToken(session: FakeSession, o: { kind?: TokenKind; claims?: Record<string, unknown>; header?: Record<string, unknown>; ttlSec?: number } = {}): Promise<string> {
    const now = Math.floor(clock() / 1000);
    const claims = { fva: [0, -1], sid: session.id, sts: "active", v: 2, nbf: now - 10, ...o.claims };
    const header = { cat: SESSION_CATEGORY, ...o.header };
    return mintFakeJwt({ keys: await signingKeys(), alg: "RS256", kind: o.kind, iat: now, ttlSec: o.ttlSec ?? 60, issuer: options.issuer, subject: session.user_id, claims, header });
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
    for (const s of sessions.values()) if (s.user_id === userId && !ended(s)) Object.assign(s, { status, updated_at: clock() });
  }

  function writeMetadata(user: FakeUser, body: Record<string, unknown>, write: (current: JsonObject, given: JsonObject) => JsonObject): Response {
    for (const key of ["public_metadata", "private_metadata", "unsafe_metadata"] as const) {
      const given = body[key];
      if (isJsonObject(given)) user[key] = write(user[key], given);
    }
    return userAnswer(touch(user));
  }

  /** Clerk's replace-primary endpoints: the new identifier, verified by the admin (or reserved), replaces the user's of that kind. */
  function replacePrimary(user: FakeUser, kind: Kind, body: Record<string, unknown>): Response {
    const value = body[kind] as string;
    const holder = holderOf(kind, value);
    if (holder && holder !== user) return taken(kind);
    const created = identifier(value, body.identification_status);
    user.identifiers[kind] = [created];
    touch(user);
    return Response.json(identifierJson(kind, created));
  }

  function identifierAnswer(kind: Kind, identifierId: string | undefined): Response {
    const found = [...users.values()].flatMap((u) => u.identifiers[kind]).find((i) => i.id === identifierId);
    return found ? Response.json(identifierJson(kind, found)) : notFound(kind === "email_address" ? "Email address" : "Phone number");
  }

  const controls: ClerkFakeControls = {
    ...kit.controls,
    async seedUser(seed) {
      const [first_name, ...rest] = (seed.name ?? "").trim().split(/\s+/).filter(Boolean);
      const body = {
        first_name: first_name ?? null, last_name: rest.join(" ") || null, username: seed.username ?? null, external_id: seed.externalId ?? null,
        email_address: [seed.email], phone_number: seed.phone ? [seed.phone] : [], public_metadata: seed.metadata, private_metadata: seed.privateMetadata, password: seed.password,
      };
      return { id: (await newUser(body)).id };
    },
    async issueToken(userId, o = {}) {
      // Clerk's session JWTs live 60 s and are valid from 10 s before their iat. An expired one is simply old
      // (mintFakeJwt dates it its lifetime and an hour back): its session, started then, is still active.
      const now = Math.floor(clock() / 1000);
      const issued = o.kind === "expired" ? now - 60 - 3600 : now;
      return sessionToken(newSession(userId, issued * 1000), { ...o, claims: { azp: "http://localhost:3000", nbf: issued - 10, ...o.claims } });
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
      const body = event.body ?? JSON.stringify({ object: "event", type: event.type, instance_id: KID, timestamp: now, event_attributes: { http_request: { client_ip: "203.0.113.7", user_agent: "Mozilla/5.0" } }, data });
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
    peekClerkUser(userId) {
      const user = users.get(userId);
      return user ? (structuredClone(userJson(user)) as JsonObject) : null;
    },
    peekPassword(userId) {
      const password = users.get(userId)?.password;
      return password ? { ...password } : null;
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
      const refused = "Clerk signs nobody in with this link: not a ticket it minted, used already, revoked, or expired";
      if (!ticket || ticket.status !== "pending" || ticket.expiresAt <= clock() || !users.has(ticket.userId)) throw new Error(refused);
      Object.assign(ticket, { status: "accepted", updated_at: clock() });
      newSession(ticket.userId);
      return { userId: ticket.userId };
    },
    jwtKey: async () => (await signingKeys()).pem,
    snapshot() {
      const state = { version: SNAPSHOT_VERSION, counter, users: [...users.values()], sessions: [...sessions.values()], tickets: [...tickets].map(([token, ticket]) => ({ token, ...ticket })) };
      return structuredClone(state) as unknown as JsonObject;
    },
    restore(state) {
      if (state.version !== SNAPSHOT_VERSION || !Array.isArray(state.users) || !Array.isArray(state.sessions) || !Array.isArray(state.tickets) || typeof state.counter !== "number") {
        throw new TypeError(`not a Clerk fake snapshot (version ${SNAPSHOT_VERSION})`);
      }
      const copy = structuredClone(state) as unknown as { counter: number; users: FakeUser[]; sessions: FakeSession[]; tickets: (FakeTicket & { token: string })[] };
      for (const store of [users, sessions, tickets]) store.clear();
      for (const user of copy.users) users.set(user.id, user);
      for (const session of copy.sessions) sessions.set(session.id, session);
      for (const { token, ...ticket } of copy.tickets) tickets.set(token, ticket);
      counter = copy.counter;
    },
    reset() {
      for (const store of [users, sessions, tickets]) store.clear();
      kit.reset();
    },
  };

  const { secretKey, publishableKey, webhookSecret, apiVersion, baseUrl } = options;
  return kit.expose(http, { controls, options, adapterOptions: { secretKey, publishableKey, webhookSecret, apiVersion, baseUrl } });
}
