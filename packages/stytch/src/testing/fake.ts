import { base64Encode, encodeBase64Url, type FetchLike, type JsonObject, mergeMetadata, signStandardWebhook } from "@authmux/core";
import { type ConformanceControls, createFakeKit, type FakeHandler, type FakeKit, type FakeKitControls, type FakeProblem, type FakeRoute, fakeParams, fakeSigningKeys, mintFakeJwt, type TokenKind, type VendorFake, withDefaults } from "@authmux/core/testing";
import { jwtVerify } from "jose";
import { http, type RequestHandler } from "msw";
import { CONFIG_FIELDS, checkMigratedHash, plainHash, type StoredHash, verifyPassword } from "./hashes.js";
import { NOT_EMULATED, NOT_EMULATED_PREFIX } from "./not-emulated.js";
import { filterOf } from "./search.js";
import { type FakeAttributes, type FakeName, type FakeSession, FakeState, type FakeUser, wireSessionOf, wireUserOf } from "./state.js";

/** Options of {@link createStytchFake}. */
export interface StytchFakeOptions {
  /** The project id the fake answers for; default a `project-test-…` id. */
  projectId?: string;
  /** The project secret it expects; default a fixed test secret. */
  secret?: string;
  /** The API root the fake answers at; default Stytch's test environment. */
  baseUrl?: string;
  /** The Svix secret webhooks are signed with. */
  webhookSecret?: string;
  /** The app's page login links point to (the adapter's `loginRedirectUrl`). */
  loginRedirectUrl?: string;
  /** Epoch ms; `controls.setClock` overrides it. */
  clock?: () => number;
}

/** The conformance controls other fakes may lack; Stytch's has them all. */
type StytchHas = "signWebhook" | "peekSession" | "redeemLoginLink";
/** The controls of the Stytch fake: every conformance control, and Stytch's own state as Stytch would answer it. */
export interface StytchFakeControls extends Omit<ConformanceControls, StytchHas>, Required<Pick<ConformanceControls, StytchHas>>, FakeKitControls {
  /** A session JWT for a new session of the user (`expired` = an expired JWT of an ended session). */
  issueToken(userId: string, options?: { kind?: TokenKind; claims?: Record<string, unknown> }): Promise<string>;
  /** A new session's opaque token. */
  issueSessionToken(userId: string): Promise<string>;
  /** The user as Stytch would answer `GET /v1/users/{id}` (by id, external id or email); `null` when there is none. */
  peekWireUser(ref: string | { email: string }): Record<string, unknown> | null;
  /** The session (live or not) as Stytch lists it, with whether it is still active; `null` when there is none. */
  peekWireSession(sessionId: string): (ReturnType<typeof wireSessionOf> & {
    /** Whether the session is still active. */
    active: boolean;
  }) | null;
  /** The fake's whole state (users, password hashes, sessions, magic links, id counter) as JSON. */
  snapshot(): JsonObject;
  /** Replaces the fake's state with a {@link StytchFakeControls.snapshot}; the signing keys stay this process's own. */
  restore(state: JsonObject): void;
  /** Forgets every user, session and link, and the kit's requests, faults, latency and clock. */
  reset(): void;
}

/** The fake's settings, defaults filled in. */
export type StytchFakeSettings = Required<Omit<StytchFakeOptions, "clock">>;

/** What the Stytch adapter needs to talk to the fake: every setting, its `fetch` and its clock. */
export type StytchFakeAdapterOptions = StytchFakeSettings & {
  /** The fake's `fetch`. */
  fetch: FetchLike;
  /** The fake's clock. */
  clock: () => number;
};

/** A strict, stateful fake of Stytch's API: what {@link createStytchFake} returns. */
export type StytchFake = VendorFake<StytchFakeControls, StytchFakeAdapterOptions, StytchFakeSettings, RequestHandler>;

const DEFAULTS = {
  projectId: "project-test-11111111-2222-4333-8444-555555555555",
  secret: "secret-test-abcdefghijklmnopqrstuvwxyz0123456789ABCD=",
  baseUrl: "https://test.stytch.com",
  webhookSecret: "whsec_c3R5dGNoLWZha2Utd2ViaG9vay1zZWNyZXQ=",
  loginRedirectUrl: "https://app.example.com/authenticate",
} satisfies StytchFakeSettings;

const SESSION_CLAIM = "https://stytch.com/session";
const KID = "jwk-test-00000000-0000-4000-8000-00000000abcd";
const WEBHOOK_ACTIONS: Readonly<Record<string, string>> = { "user.created": "CREATE", "user.updated": "UPDATE", "user.deleted": "DELETE" };
/** Claims Stytch keeps for itself: `session_custom_claims` may not set them (it ignores them). */
const RESERVED_CLAIMS = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti", SESSION_CLAIM]);

/** A Stytch error: status, `error_type`, `error_message` (vendors/stytch.md §9). */
type StytchError = readonly [number, string, string];
const UNAUTHORIZED: StytchError = [401, "unauthorized_credentials", "Unauthorized credentials."];
const SESSION_NOT_FOUND: StytchError = [404, "session_not_found", "Session could not be found."];
const LINK_NOT_FOUND: StytchError = [404, "magic_link_not_found", "Magic link could not be found."];
const USER_NOT_FOUND: StytchError = [404, "user_not_found", "User could not be found."];

// How Stytch checks an email or phone number on create and exchange: its shape, then that no other user has it.
const FACTORS = {
  email: { shape: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, invalid: [400, "invalid_email", "Email format is invalid."], taken: [400, "duplicate_email", "A user with this email already exists for this project."] },
  phone: { shape: /^\+[1-9]\d{7,14}$/, invalid: [400, "invalid_phone_number", "Phone number format is invalid."], taken: [400, "duplicate_phone_number", "A user with this phone number already exists for this project."] },
} as const satisfies Record<string, { shape: RegExp; invalid: StytchError; taken: StytchError }>;

// Stytch's words for each body rule the kit finds broken (no route requires a body, so none for "missing").
const BODY_PROBLEMS: Partial<Record<NonNullable<FakeProblem["reason"]>, string>> = {
  media_type: "Request body must be JSON.",
  invalid_json: "Request body is not valid JSON.",
  not_object: "Request body must be a JSON object.",
};

/**
 * Each route's documented body fields (openapi.yml, the SDK's request types): those the fake applies, and those it
 * answers 501 for (fraud fingerprints, RBAC, attaching to an existing session, PKCE, IP/UA matching).
 */
type Fields = { applied: readonly string[]; notEmulated?: readonly string[] };
const SIGN_IN = { applied: ["session_duration_minutes", "session_custom_claims"], notEmulated: ["session_token", "session_jwt", "telemetry_id"] } as const;
const METADATA = ["trusted_metadata", "untrusted_metadata"];

/** A route whose body fields the kit checks against the documented ones first. */
const route = ({ applied, notEmulated = [] }: Fields, handle: FakeHandler<true>): FakeRoute<true> => ({ body: { ...fakeParams(applied), ...fakeParams(notEmulated, { emulated: false }) }, handle });

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" ? v : null);
const intIn = (v: unknown, min: number, max: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const nameOf = (n: unknown): FakeName => {
  const { first_name = "", middle_name = "", last_name = "" } = isObject(n) ? n : {};
  return { first_name: String(first_name), middle_name: String(middle_name), last_name: String(last_name) };
};
const attributesOf = (a: unknown): FakeAttributes => ({ ip_address: String((isObject(a) && a.ip_address) || ""), user_agent: String((isObject(a) && a.user_agent) || "") });
const signingKeys = () => fakeSigningKeys("RS256", KID);
const EXTERNAL_ID = /^[A-Za-z0-9._\-|]{1,128}$/;

/**
 * A stateful, strict fake of Stytch's consumer API: Basic auth with project id and secret, Stytch's paths
 * and methods, JSON bodies checked field by field (a documented field it does not emulate answers 501, an
 * undocumented one 400), every answer with `request_id` and `status_code`, errors with `error_type`, an RS256
 * JWKS and session JWTs shaped like Stytch's, sessions started by every sign-in that asks for one, imported
 * password hashes checked for real (hash-wasm), single-use magic links, Svix-signed webhooks, and faults and
 * latency (core's fake kit). Documented endpoints it does not implement answer 501, unknown paths Stytch's 404.
 *
 * @example
 * const fake = createStytchFake();
 * const auth = stytch(fake.adapterOptions);
 */
export function createStytchFake(input: StytchFakeOptions = {}): StytchFake {
  const options: StytchFakeSettings = withDefaults(DEFAULTS, input);
  const expectedAuth = `Basic ${btoa(`${options.projectId}:${options.secret}`)}`;
  let state = new FakeState();
  let requestSeq = 0;
  const requestId = () => `request-id-test-00000000-0000-4000-8000-${(++requestSeq).toString(16).padStart(12, "0")}`;
  const ok = (body: Record<string, unknown>) => Response.json({ request_id: requestId(), status_code: 200, ...body });
  const error = ([status, type, message]: StytchError) =>
    Response.json({ status_code: status, request_id: requestId(), error_type: type, error_message: message, error_url: `https://stytch.com/docs/api/errors/${status}` }, { status });
  const badRequest = (message: string) => error([400, "bad_request", message]);
  const notEmulated = (what: string) => error([501, "not_emulated", `${what} is not emulated by the Stytch fake.`]);
  /** What Stytch answers about one user: its id, the call's own fields, and the user. */
  const userAnswer = (user: FakeUser, fields: Record<string, unknown> = {}) => ok({ user_id: user.user_id, ...fields, user: wireUserOf(user) });


  const kit: FakeKit = createFakeKit<true>({
    vendor: "Stytch",
    baseUrl: options.baseUrl,
    clock: input.clock,
    // The consumer endpoints Stytch documents that the fake does not implement, and the whole B2B API.
    notEmulated: [...NOT_EMULATED, `* ${NOT_EMULATED_PREFIX}*`],
    authorize: (request, access) => access === "public" || request.headers.get("authorization") === expectedAuth || error(UNAUTHORIZED),
    error({ kind, status, message, reason, method, path, param, rule }) {
      if (kind === "rate_limited") return error([429, "too_many_requests", "Too many requests have been made."]);
      if (kind === "unavailable") return error([status, "internal_server_error", "Oops, something seems to have gone wrong."]);
      if (kind === "auth_failed") return error(UNAUTHORIZED);
      if (kind === "not_emulated") return notEmulated(param ? `Body field ${param}` : `${method} ${path}`);
      if (kind === "bad_param") return badRequest(rule === "unknown" ? `Unknown field ${param}.` : message);
      // Stytch answers every other route with a 404 (assumed shape: its usual error body).
      if (kind === "not_found") return error([404, "not_found", `Route ${method} ${path} does not exist.`]);
      return badRequest((reason && BODY_PROBLEMS[reason]) ?? message);
    },
    routes: {
      "GET /v1/sessions/jwks/:projectId": {
        access: "public",
        handle: async ({ params }) =>
          // Stytch also lists each key's X.509 chain and its thumbprint; the fake's keys have no certificate, so the
          // chain is empty and the thumbprint blank (jose, which Stytch's SDK verifies with, reads neither).
          params.projectId === options.projectId
            ? ok({ keys: [{ ...(await signingKeys()).jwk, key_ops: ["verify"], x5c: [], x5tS256: "" }] })
            : error([404, "project_not_found", "Project could not be found."]),
      },
      "POST /v1/users": route(
        { applied: ["email", "phone_number", "name", "attributes", "create_user_as_pending", ...METADATA, "external_id"], notEmulated: ["roles"] },
        ({ body }) => {
          if (typeof body.email !== "string" && typeof body.phone_number !== "string") return badRequest("email or phone_number is required.");
          if (body.create_user_as_pending !== undefined && typeof body.create_user_as_pending !== "boolean") return badRequest("create_user_as_pending must be a boolean.");
          const problem = factorProblem("email", body.email) ?? factorProblem("phone", body.phone_number) ?? creationProblem(body);
          if (problem) return problem;
          const user = newUser({ email: text(body.email), phone: text(body.phone_number), body }, null);
          if (body.create_user_as_pending === true) user.status = "pending";
          return userAnswer(user, { email_id: user.emails[0]?.email_id ?? "", phone_id: user.phone_numbers[0]?.phone_id ?? "", status: user.status });
        },
      ),
      "GET /v1/users/:userId": ({ params }) => withUser(params.userId, (user) => ok(wireUserOf(user))),
      "PUT /v1/users/:userId": route({ applied: ["name", "attributes", ...METADATA, "external_id"], notEmulated: ["roles"] }, ({ params, body }) =>
        withUser(params.userId, (user) => {
          // Stytch: each metadata object merges at the top level; null deletes the key.
          const merged: Partial<Record<"trusted_metadata" | "untrusted_metadata", JsonObject>> = {};
          for (const key of ["trusted_metadata", "untrusted_metadata"] as const) {
            const patch = body[key];
            if (patch === undefined) continue;
            if (!isObject(patch)) return badRequest(`${key} must be an object.`);
            const next = mergeMetadata(user[key], patch);
            const problem = metadataProblem(key, next);
            if (problem) return problem;
            merged[key] = next;
          }
          const problem = attributesProblem(body.attributes) ?? externalIdProblem(body.external_id, user);
          if (problem) return problem;
          Object.assign(user, merged);
          if (body.name !== undefined) user.name = nameOf(body.name);
          if (typeof body.external_id === "string") user.external_id = body.external_id;
          return userAnswer(user, { emails: user.emails, phone_numbers: user.phone_numbers, crypto_wallets: [] });
        }),
      ),
      "PUT /v1/users/:userId/exchange_primary_factor": route({ applied: ["email_address", "phone_number"] }, ({ params, body }) =>
        withUser(params.userId, (user) => {
          if (user.emails.length + user.phone_numbers.length !== 1) return badRequest("User must have exactly one primary factor to exchange.");
          const [email, phone] = [text(body.email_address), text(body.phone_number)];
          if ((email === null) === (phone === null)) return badRequest("Pass exactly one of email_address or phone_number.");
          const problem = email !== null ? factorProblem("email", email, user) : factorProblem("phone", phone, user);
          if (problem) return problem;
          Object.assign(user, factors(email, phone, false));
          return userAnswer(user);
        }),
      ),
      "DELETE /v1/users/:userId": route({ applied: [] }, ({ params }) =>
        withUser(params.userId, (user) => {
          state.users.delete(user.user_id);
          for (const s of state.sessions.values()) if (s.user_id === user.user_id) s.revoked = true;
          return ok({ user_id: user.user_id });
        }),
      ),
      "POST /v1/users/search": route({ applied: ["cursor", "limit", "query"] }, ({ body }) => {
        const limit = body.limit ?? 100;
        if (!intIn(limit, 1, 1000)) return error([400, "invalid_limit", "limit must be between 1 and 1000."]);
        const query = body.query ?? { operator: "AND", operands: [] };
        if (!isObject(query) || (query.operator !== "AND" && query.operator !== "OR") || !Array.isArray(query.operands)) return badRequest("query must have an operator (AND or OR) and operands.");
        const filters: ((user: FakeUser) => boolean)[] = [];
        for (const operand of query.operands) {
          const filter = filterOf(operand);
          if (!("test" in filter)) return error([filter.status, filter.type, filter.message]);
          filters.push(filter.test);
        }
        // AND keeps users every operand matches; the deprecated OR, users any operand matches (all, with none).
        const matches = (u: FakeUser) => filters.length === 0 || (query.operator === "AND" ? filters.every((f) => f(u)) : filters.some((f) => f(u)));
        const all = [...state.users.values()].filter(matches);
        const start = body.cursor === undefined ? 0 : typeof body.cursor === "string" ? Number(atob(body.cursor).replace("offset:", "")) : Number.NaN;
        if (!Number.isInteger(start) || start < 0) return error([400, "invalid_cursor", "Cursor is invalid."]);
        const page = all.slice(start, start + limit);
        const next = start + page.length < all.length ? btoa(`offset:${start + page.length}`) : null;
        return ok({ results: page.map(wireUserOf), results_metadata: { total: all.length, next_cursor: next } });
      }),
      "POST /v1/passwords": route({ applied: ["email", "password", "name", ...METADATA, ...SIGN_IN.applied], notEmulated: ["telemetry_id"] }, async ({ body }) => {
        if (typeof body.email !== "string" || !FACTORS.email.shape.test(body.email) || typeof body.password !== "string") return badRequest("email and password are required.");
        if (state.byEmail(body.email)) return error(FACTORS.email.taken);
        if (body.password.length < 8) return error([400, "weak_password", "Password does not meet the strength requirements."]);
        const problem = creationProblem(body) ?? sessionProblem(body);
        if (problem) return problem;
        const user = newUser({ email: body.email, phone: null, body }, await plainHash(body.password));
        return signedIn(user, body, passwordFactor(user), { email_id: user.emails[0]?.email_id });
      }),
      "POST /v1/passwords/authenticate": route({ applied: ["email", "password", ...SIGN_IN.applied], notEmulated: SIGN_IN.notEmulated }, async ({ body }) => {
        if (typeof body.email !== "string" || typeof body.password !== "string") return badRequest("email and password are required.");
        const problem = sessionProblem(body);
        if (problem) return problem;
        const user = state.byEmail(body.email);
        if (!user) return error([404, "email_not_found", "Email could not be found."]);
        if (user.password === null || !(await verifyPassword(user.password.hash, body.password))) return error(UNAUTHORIZED);
        return signedIn(user, body, passwordFactor(user));
      }),
      "POST /v1/passwords/migrate": route(
        {
          applied: ["email", "hash", "hash_type", ...CONFIG_FIELDS, ...METADATA, "set_email_verified", "name", "phone_number", "set_phone_number_verified", "external_id"],
          notEmulated: ["roles"],
        },
        ({ body }) => migrate(body),
      ),
      "POST /v1/passwords/strength_check": route({ applied: ["password", "email"] }, ({ body }) => {
        if (typeof body.password !== "string") return badRequest("password is required.");
        if (body.email !== undefined && typeof body.email !== "string") return badRequest("email must be a string.");
        // zxcvbn (Stytch's default policy) counts the user's own email against the password.
        const local = typeof body.email === "string" ? (body.email.split("@")[0] ?? "").toLowerCase() : "";
        const usesEmail = local.length >= 3 && body.password.toLowerCase().includes(local);
        const score = usesEmail ? 0 : Math.min(4, Math.floor(body.password.length / 4));
        const feedback = { warning: usesEmail ? "Avoid using your email address in your password." : "", suggestions: [] };
        return ok({ valid_password: score >= 3, score, breached_password: false, strength_policy: "zxcvbn", breach_detection_on_create: true, feedback });
      }),
      "POST /v1/sessions/authenticate": route(
        { applied: ["session_token", "session_jwt", "session_duration_minutes", "session_custom_claims"], notEmulated: ["authorization_check"] },
        async ({ body }) => {
          if (body.session_token !== undefined && body.session_jwt !== undefined) return error([400, "too_many_session_arguments", "Only one of session_token or session_jwt may be passed."]);
          if (body.session_token === undefined && body.session_jwt === undefined) return badRequest("session_token or session_jwt is required.");
          const problem = sessionProblem(body);
          if (problem) return problem;
          const session = await sessionBehind(body);
          const user = session && isActive(session) ? state.users.get(session.user_id) : undefined;
          if (!session || !user) return error(SESSION_NOT_FOUND);
          const now = kit.clock();
          session.last_accessed_at = now;
          // A duration moves the expiry to now + N; custom claims merge into the session's (null deletes).
          if (typeof body.session_duration_minutes === "number") session.expires_at = now + body.session_duration_minutes * 60_000;
          if (isObject(body.session_custom_claims)) session.custom_claims = mergeMetadata(session.custom_claims, customClaims(body.session_custom_claims));
          return ok({ ...(await sessionFields(session)), user: wireUserOf(user) });
        },
      ),
      "GET /v1/sessions": ({ query }) => {
        const userId = query.get("user_id");
        if (!userId) return badRequest("user_id is required.");
        return withUser(userId, (user) => ok({ sessions: [...state.sessions.values()].filter((s) => s.user_id === user.user_id && isActive(s)).map(wireSessionOf) }));
      },
      "POST /v1/sessions/revoke": route({ applied: ["session_id", "session_token", "session_jwt"] }, async ({ body }) => {
        if (["session_id", "session_token", "session_jwt"].filter((k) => body[k] !== undefined).length !== 1) {
          return error([400, "too_many_session_arguments", "Pass exactly one of session_id, session_token or session_jwt."]);
        }
        const session = typeof body.session_id === "string" ? state.sessions.get(body.session_id) : await sessionBehind(body);
        if (!session || !isActive(session)) return error(SESSION_NOT_FOUND);
        session.revoked = true;
        return ok({});
      }),
      "POST /v1/magic_links": route({ applied: ["user_id", "expiration_minutes", "attributes"] }, ({ body }) => {
        if (typeof body.user_id !== "string") return badRequest("user_id is required.");
        const minutes = body.expiration_minutes ?? 60;
        if (!intIn(minutes, 5, 10080)) return error([400, "invalid_expiration", "expiration_minutes must be between 5 and 10080."]);
        const problem = attributesProblem(body.attributes);
        if (problem) return problem;
        return withUser(body.user_id, (user) => {
          const token = base64Encode(randomBytes(32));
          state.magicLinks.set(token, { user_id: user.user_id, expires_at: kit.clock() + minutes * 60_000, used: false });
          return ok({ user_id: user.user_id, token });
        });
      }),
      "POST /v1/magic_links/authenticate": route(
        { applied: ["token", "attributes", ...SIGN_IN.applied], notEmulated: [...SIGN_IN.notEmulated, "options", "code_verifier"] },
        async ({ body }) => {
          if (typeof body.token !== "string") return badRequest("token is required.");
          const problem = sessionProblem(body) ?? attributesProblem(body.attributes);
          if (problem) return problem;
          const user = redeem(body.token);
          if (!("user_id" in user)) return error(user);
          const methodId = state.id("embedded");
          const factor = { ...factorTimes(), type: "magic_link", delivery_method: "embedded", embeddable_magic_link_factor: { embedded_id: methodId } };
          return signedIn(user, body, factor, { method_id: methodId, reset_sessions: false });
        },
      ),
    },
  });

  /** A new user from a create or migrate body: its factors, name, metadata and external id. */
  function newUser(fields: { email: string | null; phone: string | null; body: Record<string, unknown> }, hash: StoredHash | null): FakeUser {
    const { body } = fields;
    const user: FakeUser = {
      user_id: state.id("user"),
      status: "active",
      created_at: new Date(kit.clock()).toISOString(),
      name: nameOf(body.name),
      ...factors(fields.email, fields.phone, hash !== null && hash.hash_type === "plain"),
      trusted_metadata: isObject(body.trusted_metadata) ? structuredClone(body.trusted_metadata) : {},
      untrusted_metadata: isObject(body.untrusted_metadata) ? structuredClone(body.untrusted_metadata) : {},
      external_id: typeof body.external_id === "string" ? body.external_id : null,
      password: hash ? { password_id: state.id("password"), hash } : null,
    };
    state.users.set(user.user_id, user);
    return user;
  }

  /**
   * `POST /v1/passwords/migrate`: the hash checked and stored (verified for real at sign-in), on a new user created
   * from the body or on the existing user with this email. Stytch documents that `external_id` only applies to a new
   * user; what it does with the other profile fields for an existing user is not documented, so they answer 501.
   */
  async function migrate(body: Record<string, unknown>): Promise<Response> {
    if (typeof body.email !== "string") return badRequest("email is required.");
    const emailProblem = factorProblem("email", body.email, state.byEmail(body.email));
    if (emailProblem) return emailProblem;
    const hash = checkMigratedHash(body);
    if (!("hash_type" in hash)) return error([hash.status, hash.type, hash.message]);
    for (const key of ["set_email_verified", "set_phone_number_verified"]) if (body[key] !== undefined && typeof body[key] !== "boolean") return badRequest(`${key} must be a boolean.`);
    let user = state.byEmail(body.email);
    const created = user === undefined;
    if (user) {
      const profile = ["name", ...METADATA, "phone_number", "set_phone_number_verified"].find((key) => body[key] !== undefined);
      if (profile) return notEmulated(`Body field ${profile} on a migrate for an existing user`);
      user.password = { password_id: state.id("password"), hash };
    } else {
      const problem = factorProblem("phone", body.phone_number) ?? creationProblem(body);
      if (problem) return problem;
      user = newUser({ email: body.email, phone: text(body.phone_number), body }, hash);
      const phone = user.phone_numbers[0];
      if (phone && body.set_phone_number_verified === true) phone.verified = true;
    }
    const email = user.emails.find((e) => e.email.toLowerCase() === String(body.email).toLowerCase());
    if (email && body.set_email_verified === true) email.verified = true;
    return userAnswer(user, { email_id: email?.email_id ?? "", user_created: created });
  }

  /** A user's email and phone number as Stytch lists them, each with a new id. */
  function factors(email: string | null, phone: string | null, emailVerified: boolean): Pick<FakeUser, "emails" | "phone_numbers"> {
    return {
      emails: email === null ? [] : [{ email_id: state.id("email"), email, verified: emailVerified }],
      phone_numbers: phone === null ? [] : [{ phone_id: state.id("phone-number"), phone_number: phone, verified: false }],
    };
  }

  /** Stytch's answer to a malformed email or phone number, or one another user has; none when absent or fine. */
  function factorProblem(kind: keyof typeof FACTORS, value: unknown, self?: FakeUser): Response | undefined {
    const { shape, invalid, taken } = FACTORS[kind];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !shape.test(value)) return error(invalid);
    const holder = kind === "email" ? state.byEmail(value) : state.byPhone(value);
    return holder && holder !== self ? error(taken) : undefined;
  }

  /** The profile fields a new user is made from: name, both metadata objects, attributes and external id. */
  function creationProblem(body: Record<string, unknown>): Response | undefined {
    if (body.name !== undefined && !isObject(body.name)) return badRequest("name must be an object.");
    return metadataProblem("trusted_metadata", body.trusted_metadata) ?? metadataProblem("untrusted_metadata", body.untrusted_metadata) ?? attributesProblem(body.attributes) ?? externalIdProblem(body.external_id);
  }

  function metadataProblem(key: string, value: unknown): Response | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value)) return badRequest(`${key} must be an object.`);
    const tooBig = Object.keys(value).length > 20 || new TextEncoder().encode(JSON.stringify(value)).length > 4096;
    return tooBig ? badRequest(`${key} exceeds 20 keys or 4KB.`) : undefined;
  }

  /** `attributes` are `{ ip_address, user_agent }`; sessions record them, users take them for fraud signals only. */
  function attributesProblem(value: unknown): Response | undefined {
    if (value === undefined) return undefined;
    const valid = isObject(value) && Object.entries(value).every(([k, v]) => (k === "ip_address" || k === "user_agent") && typeof v === "string");
    return valid ? undefined : badRequest("attributes must be { ip_address, user_agent } strings.");
  }

  /** Stytch's external ids: 1–128 of A–Z a–z 0–9 . _ - |, unique in the project. */
  function externalIdProblem(value: unknown, self?: FakeUser): Response | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !EXTERNAL_ID.test(value)) return badRequest("external_id must be 1-128 characters of A-Z a-z 0-9 . _ - |.");
    const holder = [...state.users.values()].find((u) => u.external_id === value);
    return holder && holder !== self ? error([400, "duplicate_external_id", "A user with this external_id already exists."]) : undefined;
  }

  /** `session_duration_minutes` (5 … 527040) and `session_custom_claims` (an object of at most 4 KB). */
  function sessionProblem(body: Record<string, unknown>): Response | undefined {
    const minutes = body.session_duration_minutes;
    if (minutes !== undefined && !intIn(minutes, 5, 527040)) return badRequest("session_duration_minutes must be between 5 and 527040.");
    const claims = body.session_custom_claims;
    if (claims === undefined) return undefined;
    if (!isObject(claims)) return badRequest("session_custom_claims must be an object.");
    return new TextEncoder().encode(JSON.stringify(claims)).length > 4096 ? badRequest("session_custom_claims exceeds 4KB.") : undefined;
  }

  /** The custom claims Stytch keeps: everything but the reserved JWT claims, which it ignores. */
  const customClaims = (claims: JsonObject): JsonObject => Object.fromEntries(Object.entries(claims).filter(([key]) => !RESERVED_CLAIMS.has(key)));

  /** Stytch takes a user id or an external id wherever a user id goes. */
  function withUser(idOrExternal: string | undefined, answer: (user: FakeUser) => Response): Response {
    const user = state.user(idOrExternal ?? "");
    return user ? answer(user) : error(USER_NOT_FOUND);
  }

  function newSession(userId: string, minutes = 60, extra: Partial<Pick<FakeSession, "attributes" | "custom_claims" | "authentication_factors">> = {}, startedAt = kit.clock()): FakeSession {
    const session: FakeSession = {
      session_id: state.id("session"),
      user_id: userId,
      session_token: encodeBase64Url(randomBytes(33)),
      started_at: startedAt,
      last_accessed_at: startedAt,
      expires_at: startedAt + minutes * 60_000,
      revoked: false,
      attributes: extra.attributes ?? { ip_address: "", user_agent: "" },
      custom_claims: extra.custom_claims ?? {},
      authentication_factors: extra.authentication_factors ?? [],
    };
    state.sessions.set(session.session_id, session);
    return session;
  }

  const factorTimes = () => {
    const at = new Date(kit.clock()).toISOString();
    return { last_authenticated_at: at, created_at: at, updated_at: at };
  };
  const passwordFactor = (user: FakeUser) => {
    const email = user.emails[0];
    return { ...factorTimes(), type: "password", delivery_method: "knowledge", ...(email ? { email_factor: { email_id: email.email_id, email_address: email.email } } : {}) };
  };

  /**
   * The answer of a call that signs a user in. It starts a session only when asked for a duration, as at Stytch,
   * with the custom claims asked for and the factor that signed the user in; a pending user becomes active.
   */
  async function signedIn(user: FakeUser, body: Record<string, unknown>, factor: JsonObject, fields: Record<string, unknown> = {}) {
    user.status = "active";
    const minutes = body.session_duration_minutes;
    const extra = { attributes: attributesOf(body.attributes), custom_claims: isObject(body.session_custom_claims) ? customClaims(body.session_custom_claims) : {}, authentication_factors: [factor] };
    const session = typeof minutes === "number" ? newSession(user.user_id, minutes, extra) : undefined;
    return userAnswer(user, { ...fields, ...(await sessionFields(session)) });
  }

  /** The session fields of an authenticate answer; empty strings and `null` when no session was started. */
  async function sessionFields(session: FakeSession | undefined) {
    if (!session) return { session_token: "", session_jwt: "", session: null };
    return { session_token: session.session_token, session_jwt: await jwtFor(session), session: wireSessionOf(session) };
  }

  const isActive = (s: FakeSession) => !s.revoked && s.expires_at > kit.clock();

  /**
   * A session JWT as Stytch mints it (vendors/stytch.md §8): five minutes from `iat` (default now), `nbf = iat`,
   * the session in its claim, its custom claims at the top level. `kind` is never `expired` here: an expired token
   * is one minted long ago.
   */
  async function jwtFor(session: FakeSession, opts: { kind?: Exclude<TokenKind, "expired"> | undefined; claims?: Record<string, unknown> | undefined; iat?: number } = {}): Promise<string> {
    const iat = opts.iat ?? Math.floor(kit.clock() / 1000);
    const { session_id: id, user_id: subject, custom_claims: custom, ...times } = wireSessionOf(session);
    const claims = { ...custom, ...opts.claims, nbf: iat, [SESSION_CLAIM]: { id, ...times } };
    return mintFakeJwt({ keys: await signingKeys(), alg: "RS256", kind: opts.kind, iat, ttlSec: 300, issuer: `stytch.com/${options.projectId}`, subject, audience: [options.projectId], claims });
  }

  /**
   * The session a session token or JWT names, live or not. A JWT counts when Stytch signed it, whatever its
   * times: Stytch still finds the live session behind an expired JWT.
   */
  async function sessionBehind({ session_token: token, session_jwt: jwt }: Record<string, unknown>): Promise<FakeSession | undefined> {
    if (typeof token === "string") return state.sessionByToken(token);
    if (typeof jwt !== "string") return undefined;
    const anyTime = { currentDate: new Date(0), clockTolerance: Number.MAX_SAFE_INTEGER };
    const claim = await jwtVerify(jwt, (await signingKeys()).publicKey, anyTime).then(({ payload }) => payload[SESSION_CLAIM], () => undefined);
    return isObject(claim) && typeof claim.id === "string" ? state.sessions.get(claim.id) : undefined;
  }

  /** What `POST /v1/magic_links/authenticate` does with a token: its user, once, before it expires; else Stytch's error. */
  function redeem(token: string): FakeUser | StytchError {
    const link = state.magicLinks.get(token);
    const user = link && state.users.get(link.user_id);
    if (!link || !user) return LINK_NOT_FOUND;
    if (link.used || link.expires_at <= kit.clock()) return [401, "unable_to_auth_magic_link", "Magic link could not be authenticated."];
    link.used = true;
    return user;
  }

  const controls: StytchFakeControls = {
    ...kit.controls,
    async seedUser(seed) {
      const words = (seed.name ?? "").trim().split(/\s+/).filter(Boolean);
      const name = { first_name: words[0] ?? "", middle_name: "", last_name: words.slice(1).join(" ") };
      const user = newUser({ email: seed.email, phone: seed.phone ?? null, body: { name, trusted_metadata: seed.metadata } }, seed.password ? await plainHash(seed.password) : null);
      return { id: user.user_id };
    },
    async issueToken(userId, { kind, claims } = {}) {
      if (kind !== "expired") return jwtFor(newSession(userId), { kind, claims });
      // An expired JWT of a session that has ended too: Stytch refuses it locally and remotely.
      const startedAt = kit.clock() - 3 * 3600_000;
      return jwtFor(newSession(userId, 60, {}, startedAt), { iat: Math.floor(startedAt / 1000), claims });
    },
    async issueSessionToken(userId) {
      return newSession(userId).session_token;
    },
    async signWebhook(event) {
      const action = WEBHOOK_ACTIONS[event.type];
      if (!action) throw new Error(`Stytch sends no ${event.type} webhook for consumer projects (user create/update/delete only)`);
      const user = state.users.get(event.userId);
      const [eventId, timestamp] = [state.id("webhook-event"), new Date(kit.clock())];
      const envelope = { project_id: options.projectId, event_id: eventId, action, object_type: "user", source: "DIRECT", id: event.userId, timestamp: timestamp.toISOString(), vertical: "CONSUMER" };
      const body = event.body ?? JSON.stringify(user && action !== "DELETE" ? { ...envelope, user: wireUserOf(user) } : envelope);
      const secret = event.foreign ? "whsec_Zm9yZWlnbi1zdmL4LXNlY3JldC1ub3QtdHJ1c3RlZA==" : options.webhookSecret;
      // Svix sends the Standard Webhooks headers under its own name.
      const svix = await signStandardWebhook(body, { secret, id: `msg_${eventId.slice(-12)}`, timestamp, headerPrefix: "svix" });
      return { body, headers: { "content-type": "application/json", ...svix } };
    },
    async peekUser(ref) {
      const user = typeof ref === "string" ? state.users.get(ref) : state.byEmail(ref.email);
      if (!user) return null;
      const name = [user.name.first_name, user.name.middle_name, user.name.last_name].filter(Boolean).join(" ");
      const [email, phone] = [user.emails[0]?.email ?? null, user.phone_numbers[0]?.phone_number ?? null];
      return { id: user.user_id, email, name: name === "" ? null : name, phone, metadata: structuredClone(user.trusted_metadata) };
    },
    peekWireUser(ref) {
      const user = typeof ref === "string" ? state.user(ref) : state.byEmail(ref.email);
      return user ? wireUserOf(user) : null;
    },
    peekWireSession(sessionId) {
      const session = state.sessions.get(sessionId);
      return session ? { ...wireSessionOf(session), active: isActive(session) } : null;
    },
    async peekSession(token) {
      const session = await sessionBehind(token.split(".").length === 3 ? { session_jwt: token } : { session_token: token });
      return session ? { userId: session.user_id, active: isActive(session) } : null;
    },
    async redeemLoginLink(url) {
      // The app's login page (loginRedirectUrl) reads the token the way Stytch's SDKs do, and authenticates it.
      const [link, page] = [new URL(url), new URL(options.loginRedirectUrl)];
      const onPage = link.origin + link.pathname === page.origin + page.pathname && link.searchParams.get("stytch_token_type") === "magic_links";
      const user = onPage ? redeem(link.searchParams.get("token") ?? "") : LINK_NOT_FOUND;
      if (!("user_id" in user)) throw new Error(`Stytch signs nobody in with this link (${user[1]})`);
      return { userId: user.user_id };
    },
    snapshot: () => state.toJSON(),
    restore(snapshot) {
      state = FakeState.fromJSON(snapshot);
    },
    reset() {
      state = new FakeState();
      kit.reset();
    },
  };

  return kit.expose(http, { controls, options, adapterOptions: options });
}
