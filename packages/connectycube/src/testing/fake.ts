import type { FetchLike, JsonObject } from "@authmux/core";
import { type ConformanceControls, createFakeKit, type FakeKitControls, type VendorFake, withDefaults } from "@authmux/core/testing";
import { http, type RequestHandler } from "msw";
import { legacyLookup, notEmulated } from "./legacy.js";
import { searchUsers } from "./search.js";
import { signatureOf } from "./signature.js";
import { customDataObject, errors, expiryHeader, FakeState, type FakeSession, type FakeUser, GUEST_TTL_MS, INTEGER_PROFILE, invalid, isObject, newToken, PROFILE, SESSION_TTL_MS, wireSessionOf, wireUserOf } from "./state.js";

/** The fake's settings, defaults filled in. */
export interface ConnectyCubeFakeSettings {
  /** The application id the fake answers for. */
  appId: number;
  /** The application's auth key. */
  authKey: string;
  /** The legacy secret signed session requests are checked with. Unsigned requests are always accepted. */
  authSecret: string;
  /** The Administration API key `DELETE /admin/user/{id}` requires. */
  adminApiKey: string;
  /** The API root the handlers answer at; default ConnectyCube's own. */
  baseUrl: string;
}

/** What the fake is created with when no setting is given. */
const DEFAULTS: ConnectyCubeFakeSettings = {
  appId: 4711,
  authKey: "AbCdEfGh12345",
  authSecret: "s3cr3tAuthSecret",
  adminApiKey: "cc-admin-api-key-for-tests",
  baseUrl: "https://api.connectycube.com",
};

/** Options of {@link createConnectyCubeFake}: any setting, and the clock (epoch ms; `controls.setClock` overrides it). */
export type ConnectyCubeFakeOptions = Partial<ConnectyCubeFakeSettings> & {
  /** Epoch ms; `controls.setClock` overrides it. */
  clock?: () => number;
};

/** The controls of the fake: the conformance contract (`peekSession` included) plus ConnectyCube specifics. */
export interface ConnectyCubeFakeControls extends Omit<ConformanceControls, "peekSession">, Required<Pick<ConformanceControls, "peekSession">>, FakeKitControls {
  /** A ConnectyCube `login` besides. */
  seedUser(input: Parameters<ConformanceControls["seedUser"]>[0] & { login?: string }): Promise<{
    /** The new user's id. */
    id: string;
  }>;
  /** Ends every application session, as two idle hours would: the adapter's next call meets "Required session does not exist". */
  expireAppSessions(): void;
  /** Ends the session of a token. */
  expireSession(token: string): void;
  /** Live sessions: `app` without a user, `user` with one. */
  sessionCount(kind: "app" | "user"): number;
  /** The emails password-reset links went to. */
  resetEmails(): readonly string[];
  /** The whole state (users with their passwords, sessions, reset emails, used nonces) as JSON, for {@link ConnectyCubeFakeControls.restore}. */
  snapshot(): JsonObject;
  /** Replaces the state with a {@link ConnectyCubeFakeControls.snapshot}. */
  restore(state: JsonObject): void;
  /** Forgets every user, session and reset email, and the kit's requests, faults, latency and clock. */
  reset(): void;
}

/** What the ConnectyCube adapter needs to talk to the fake (session signing is opt-in: add `authSecret`). */
export type ConnectyCubeFakeAdapterOptions = Pick<ConnectyCubeFakeSettings, "appId" | "authKey" | "adminApiKey" | "baseUrl"> & {
  /** The fake's `fetch`. */
  fetch: FetchLike;
  /** The fake's clock. */
  clock: () => number;
};

/** A strict, stateful fake of ConnectyCube's API: what {@link createConnectyCubeFake} returns. */
export type ConnectyCubeFake = VendorFake<ConnectyCubeFakeControls, ConnectyCubeFakeAdapterOptions, ConnectyCubeFakeSettings, RequestHandler>;

const UNAUTHORIZED = () => errors(401, ["Unauthorized"]);
const NOT_FOUND = () => errors(404, ["Not found"]);
const NEED_USER = () => errors(403, ["Forbidden. Need user."]);

/** ConnectyCube's empty 200, once `change` (if any) is made. */
function empty(change?: () => unknown): Response {
  change?.();
  return new Response(null, { status: 200 });
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

/** The `user` fields signup documents (vendors/connectycube.md §5.1); an update also takes `old_password`. */
const SIGNUP_FIELDS = new Set<string>([...PROFILE, ...INTEGER_PROFILE, "password", "tag_list", "timezone"]);
/** Session bodies that sign in through a provider (Facebook, Twitter, Firebase): not emulated. */
const PROVIDER_FIELDS = ["provider", "keys", "firebase_phone", "firebase_email"];

/**
 * A stateful, strict fake of ConnectyCube's Auth & Users REST API: every path with and without `.json`,
 * `CB-Token` sessions that slide two hours per request (with `CB-Token-ExpirationDate`), "Required session
 * does not exist" for unknown or idle tokens, signup with `CB-AuthKey`, the legacy signature checked when
 * sent, the v2 search rules, the Administration API key, ConnectyCube's error shapes (arrays or field maps)
 * and status codes; faults, latency and the clock come from core's fake kit.
 *
 * @example
 * const fake = createConnectyCubeFake();
 * const auth = connectycube(fake.adapterOptions);
 */
export function createConnectyCubeFake(input: ConnectyCubeFakeOptions = {}): ConnectyCubeFake {
  const options: ConnectyCubeFakeSettings = withDefaults(DEFAULTS, input);
  let state = new FakeState();

  const kit = createFakeKit<FakeSession | undefined>({
    vendor: "ConnectyCube",
    baseUrl: options.baseUrl,
    clock: input.clock,
    // The SDK adds `.json` to every path, the docs do not: both reach the same route.
    normalizePath: (path) => path.replace(/\.json$/, ""),
    bodyRequired: ["POST", "PUT"],
    mediaTypeStatus: 415,
    authorize(request, access) {
      const header = (name: string) => request.headers.get(name);
      if (access === "public") return undefined;
      if (access === "admin") return header("cb-administration-api-key") === options.adminApiKey ? undefined : UNAUTHORIZED();
      const token = header("cb-token");
      // Signup needs no session when the auth key is sent instead (vendors/connectycube.md §5.1).
      if (access === "signup" && token === null) return header("cb-authkey") === options.authKey ? undefined : UNAUTHORIZED();
      if (token === null || token === "") return errors(401, ["Token is required"]);
      const session = touch(token);
      if (!session) return errors(401, { base: ["Required session does not exist"] });
      return access === "user" && session.user_id === null ? NEED_USER() : session;
    },
    // Paged v1 lists (by_full_name, by_tags, the v1 list, off by default) and presence are documented but not emulated.
    notEmulated: ["GET /users/by_full_name", "GET /users/by_tags", "GET /users", "GET /users/online"],
    error({ kind, status, reason, operation }) {
      if (kind === "not_emulated") return notEmulated(operation!);
      if (kind === "rate_limited") return errors(429, ["Too Many Requests"]);
      if (kind === "unavailable") return errors(status, ["Service Unavailable"]);
      if (kind === "auth_failed") return UNAUTHORIZED();
      if (kind === "not_found") return NOT_FOUND();
      if (reason === "media_type") return errors(status, ["Unsupported Media Type: send JSON"]);
      return errors(400, [reason === "missing" ? "Request body is required" : "Malformed JSON body"]);
    },
    // Every call made with a token reports its new expiry.
    finish(response, { auth }) {
      if (auth && !auth.ended && !response.headers.has("CB-Token-ExpirationDate")) response.headers.set("CB-Token-ExpirationDate", expiryHeader(auth.expires_at));
      return response;
    },
    // Routes without `access` need a live `CB-Token`; "user" needs a user session.
    routes: {
      "POST /session": { access: "public", handle: ({ body }) => openSession(body) },
      "GET /session": ({ auth }) => sessionAnswer(auth!),
      "DELETE /session": ({ auth }) => empty(() => (auth!.ended = true)),
      "POST /login": ({ body, auth }) => {
        const provider = PROVIDER_FIELDS.find((key) => body[key] !== undefined);
        if (provider) return notEmulated(`POST /login with ${provider}`);
        const user = signIn(body);
        if (user instanceof Response) return user;
        auth!.user_id = user.id;
        user.last_request_at = kit.clock();
        return userAnswer(user);
      },
      "DELETE /login": { access: "user", handle: ({ auth }) => empty(() => (auth!.user_id = null)) },
      "POST /users": { access: "signup", handle: ({ body }) => withProfile(body, signup) },
      "GET /users/v2": ({ query }) => searchUsers(state.users.values(), query),
      // The deprecated lookups, still live and still called by the SDK's `users.get` (vendors/connectycube.md §5.1).
      "GET /users/by_login": ({ query }) => legacyLookup(state.users.values(), "login", query.get("login")),
      "GET /users/by_email": ({ query }) => legacyLookup(state.users.values(), "email", query.get("email")),
      "GET /users/by_facebook_id": ({ query }) => legacyLookup(state.users.values(), "facebook_id", query.get("facebook_id")),
      "GET /users/by_twitter_id": ({ query }) => legacyLookup(state.users.values(), "twitter_id", query.get("twitter_id")),
      "GET /users/external/:externalUserId": ({ params }) => legacyLookup(state.users.values(), "external_user_id", params.externalUserId ?? null),
      "DELETE /users/external/:externalUserId": {
        access: "user",
        handle: ({ params, auth }) => {
          const user = [...state.users.values()].find((u) => String(u.external_user_id) === params.externalUserId);
          if (!user) return NOT_FOUND();
          return auth!.user_id === user.id ? empty(() => state.users.delete(user.id)) : NEED_USER();
        },
      },
      "GET /users/:id": ({ params }) => withUser(params.id, userAnswer),
      "PUT /users/:id": {
        access: "user",
        handle: ({ params, body, auth }) => withUser(params.id, (user) => (auth!.user_id === user.id ? withProfile(body, (given, fields) => updateUser(user, given, fields)) : NEED_USER())),
      },
      "DELETE /users/:id": {
        access: "user",
        handle: ({ params, auth }) => withId(params.id, (id) => (auth!.user_id === id ? empty(() => state.users.delete(id)) : NEED_USER())),
      },
      "DELETE /admin/user/:id": {
        access: "admin",
        handle: ({ params }) =>
          withId(params.id, (id) => {
            if (!state.users.delete(id)) return errors(404, ["User not found"]);
            for (const [token, s] of state.sessions) if (s.user_id === id) state.sessions.delete(token);
            return Response.json({ success: true });
          }),
      },
      // Docs 2.0 say GET with ?email=; SDK 6 sends a POST with a JSON body: both are served.
      "GET /users/password/reset": ({ query }) => passwordReset(query.get("email")),
      "POST /users/password/reset": ({ body }) => passwordReset(body.email),
    },
  });

  /** A session still alive: not destroyed, used within two hours, and its user (if any) still exists. */
  const live = (s: FakeSession) => !s.ended && s.expires_at > kit.clock() && (s.user_id === null || state.users.has(s.user_id));

  /** The live session of a token, extended by two hours as every request does. */
  function touch(token: string): FakeSession | undefined {
    const session = state.sessions.get(token);
    if (!session || !live(session)) return undefined;
    const now = kit.clock();
    session.expires_at = Math.min(now + SESSION_TTL_MS, session.guest ? session.created_at + GUEST_TTL_MS : Number.POSITIVE_INFINITY);
    session.updated_at = now;
    if (session.user_id !== null) state.users.get(session.user_id)!.last_request_at = now;
    return session;
  }

  const userAnswer = (user: FakeUser, status = 200) => Response.json({ user: wireUserOf(user) }, { status });
  const sessionAnswer = (session: FakeSession, status = 200) =>
    Response.json(
      { session: wireSessionOf(session, options.appId, session.user_id === null ? undefined : state.users.get(session.user_id)) },
      { status, headers: { "CB-Token-ExpirationDate": expiryHeader(session.expires_at) } },
    );

  /** ConnectyCube's user paths take numeric ids only: anything else is no route (404). */
  const withId = (id: string | undefined, answer: (id: number) => Response) => (id !== undefined && /^\d+$/.test(id) ? answer(Number(id)) : NOT_FOUND());
  const withUser = (id: string | undefined, answer: (user: FakeUser) => Response) =>
    withId(id, (n) => {
      const user = state.users.get(n);
      return user ? answer(user) : NOT_FOUND();
    });

  async function openSession(body: Record<string, unknown>): Promise<Response> {
    const appId = body.application_id;
    if ((typeof appId !== "number" && typeof appId !== "string") || String(appId) !== String(options.appId) || body.auth_key !== options.authKey) return UNAUTHORIZED();
    const problem = await signatureProblem(body);
    if (problem) return problem;
    const provider = PROVIDER_FIELDS.find((key) => body[key] !== undefined);
    if (provider) return notEmulated(`POST /session with ${provider}`);
    const nonce = typeof body.nonce === "number" ? body.nonce : undefined;
    const opened = (userId: number | null, guest = false) => {
      // Signing in is the user's request too: it sets `last_request_at`.
      if (userId !== null) state.users.get(userId)!.last_request_at = kit.clock();
      return sessionAnswer(state.addSession(kit.clock(), userId, { guest, nonce }), 201);
    };
    const user = body.user;
    if (user === undefined) return opened(null);
    if (!isObject(user)) return invalid("user", "is invalid");
    if (user.guest === "1" || user.guest === 1) {
      const guest = state.addUser(kit.clock(), { login: `guest_login_${newToken()}`, full_name: str(user.full_name), phone: "", is_guest: true, password: newToken() });
      return opened(guest.id, true);
    }
    // The app setting "Session creation without an existing user entity" is taken as Deny.
    const known = signIn(user);
    return known instanceof Response ? known : opened(known.id);
  }

  async function signatureProblem(body: Record<string, unknown>): Promise<Response | undefined> {
    if (body.signature === undefined) return undefined;
    const unexpected = () => errors(422, ["Unexpected signature"]);
    if (typeof body.signature !== "string" || typeof body.nonce !== "number" || typeof body.timestamp !== "number") return unexpected();
    // The signed string flattens one level of nesting; no signature covers a value nested deeper.
    if (Object.values(body).some((v) => typeof v === "object" && v !== null && Object.values(v).some((inner) => typeof inner === "object" && inner !== null))) return unexpected();
    if (body.signature !== (await signatureOf(body, options.authSecret))) return unexpected();
    // The timestamp must be within an hour of the server's time, and a (timestamp, nonce) pair is single-use.
    if (Math.abs(body.timestamp * 1000 - kit.clock()) > 3600_000) return errors(422, ["Timestamp is out of range"]);
    const pair = `${body.timestamp}:${body.nonce}`;
    if (state.usedNonces.has(pair)) return errors(422, ["Nonce has already been used"]);
    state.usedNonces.add(pair);
    return undefined;
  }

  /** The user `{ login | email, password }` names, else ConnectyCube's refusal (one 401 for unknown users and wrong passwords). */
  function signIn(credentials: Record<string, unknown>): FakeUser | Response {
    if (credentials.password === undefined || credentials.password === "") return invalid("password", "cannot be blank");
    const { login, email, password } = credentials;
    const user = typeof login === "string" ? state.holder("login", login) : typeof email === "string" ? state.holder("email", email) : undefined;
    return user && typeof password === "string" && user.password === password ? user : UNAUTHORIZED();
  }

  /** The `user` of a signup or update and its profile fields, checked as ConnectyCube checks them, for `answer`. */
  function withProfile(body: Record<string, unknown>, answer: (given: Record<string, unknown>, fields: Partial<FakeUser>) => Response): Response {
    const given = body.user;
    if (!isObject(given)) return invalid("base", "user is required");
    // Every documented field is stored; anything else is not silently dropped.
    const unknown = Object.keys(given).find((key) => !SIGNUP_FIELDS.has(key) && key !== "old_password");
    if (unknown) return notEmulated(`user[${unknown}]`);
    const fields: Partial<FakeUser> = {};
    for (const key of PROFILE) {
      const value = given[key];
      if (value === undefined) continue;
      // Facebook and Twitter ids may be sent as numbers (the SDK's types allow both); they are kept as text.
      const numericId = (key === "facebook_id" || key === "twitter_id") && Number.isSafeInteger(value);
      if (value !== null && typeof value !== "string" && !numericId) return invalid(key, "is invalid");
      fields[key] = value === null ? null : String(value);
    }
    for (const key of [...INTEGER_PROFILE, "timezone"] as const) {
      if (given[key] === undefined) continue;
      if (given[key] !== null && !Number.isInteger(given[key])) return invalid(key, "is not a number");
      fields[key] = given[key] as number | null;
    }
    if (fields.login != null && (fields.login.length < 3 || fields.login.length > 70)) return invalid("login", "is too short (minimum is 3 characters)");
    if (fields.email != null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email)) return invalid("email", "is invalid");
    if (given.tag_list !== undefined) {
      // An array of tags or a comma-separated string; at most five tags a user (vendors/connectycube.md §5.1).
      const tags = given.tag_list === null ? [] : Array.isArray(given.tag_list) ? given.tag_list : typeof given.tag_list === "string" ? given.tag_list.split(",") : undefined;
      if (!tags?.every((t) => typeof t === "string")) return invalid("tag_list", "is invalid");
      const cleaned = tags.map((t) => t.trim()).filter((t) => t !== "");
      if (cleaned.length > 5) return invalid("tag_list", "is too long (maximum is 5 tags)");
      fields.user_tags = cleaned.length > 0 ? cleaned.join(",") : null;
    }
    return answer(given, fields);
  }

  /** ConnectyCube's 422 when another user holds the email or login. */
  function taken(fields: Partial<FakeUser>, except?: number): Response | undefined {
    for (const key of ["email", "login"] as const) {
      const holder = fields[key] ? state.holder(key, fields[key]) : undefined;
      if (holder && holder.id !== except) return invalid(key, "has already been taken");
    }
    return undefined;
  }

  function signup(given: Record<string, unknown>, fields: Partial<FakeUser>): Response {
    if (given.old_password !== undefined) return notEmulated("user[old_password] on signup");
    if (!fields.login && !fields.email) return invalid("base", "login or email required");
    if (typeof given.password !== "string" || given.password === "") return invalid("password", "can't be blank");
    return taken(fields) ?? userAnswer(state.addUser(kit.clock(), { ...fields, password: given.password }), 201);
  }

  function updateUser(user: FakeUser, given: Record<string, unknown>, fields: Partial<FakeUser>): Response {
    const conflict = taken(fields, user.id);
    if (conflict) return conflict;
    if (given.password !== undefined) {
      if (given.old_password !== user.password) return invalid("old_password", "is invalid");
      if (typeof given.password !== "string" || given.password === "") return invalid("password", "is invalid");
      user.password = given.password;
    }
    Object.assign(user, fields, { updated_at: kit.clock() });
    return userAnswer(user);
  }

  function passwordReset(email: unknown): Response {
    if (typeof email !== "string" || email === "") return invalid("email", "can't be blank");
    if (state.holder("email", email)) state.resetEmails.push(email);
    return empty();
  }

  const controls: ConnectyCubeFakeControls = {
    ...kit.controls,
    async seedUser(seed) {
      const custom_data = seed.metadata ? JSON.stringify(seed.metadata) : null;
      const user = state.addUser(kit.clock(), { email: seed.email, login: seed.login ?? null, full_name: seed.name ?? null, phone: seed.phone ?? null, custom_data, password: seed.password ?? newToken() });
      return { id: String(user.id) };
    },
    // Opaque tokens: `expired` is a session unused for over two hours, `foreign` one the fake never issued; no not-before.
    async issueToken(userId, opts = {}) {
      const kind = opts.kind ?? "valid";
      if (kind === "not_yet_valid") throw new Error("ConnectyCube tokens are opaque: they have no not-before time");
      if (kind === "foreign") return newToken();
      const user = state.users.get(Number(userId));
      if (!user) throw new Error(`the ConnectyCube fake has no user ${userId}`);
      const at = kind === "expired" ? kit.clock() - SESSION_TTL_MS - 60_000 : kit.clock();
      return state.addSession(at, user.id).token;
    },
    async peekUser(ref) {
      const user = typeof ref === "string" ? state.users.get(Number(ref)) : state.holder("email", ref.email);
      if (!user) return null;
      return { id: String(user.id), email: user.email, name: user.full_name, phone: user.phone, metadata: customDataObject(user.custom_data) };
    },
    async peekSession(token) {
      const session = state.sessions.get(token);
      return session && session.user_id !== null ? { userId: String(session.user_id), active: live(session) } : null;
    },
    expireAppSessions() {
      for (const s of state.sessions.values()) if (s.user_id === null) s.expires_at = kit.clock();
    },
    expireSession(token) {
      const session = state.sessions.get(token);
      if (session) session.expires_at = kit.clock();
    },
    sessionCount: (kind) => [...state.sessions.values()].filter((s) => live(s) && (kind === "app") === (s.user_id === null)).length,
    resetEmails: () => [...state.resetEmails],
    snapshot: () => state.snapshot(),
    restore(snapshot) {
      state = FakeState.restore(snapshot);
    },
    reset() {
      kit.reset();
      state = new FakeState();
    },
  };

  const { appId, authKey, adminApiKey, baseUrl } = options;
  return kit.expose(http, { controls, options, adapterOptions: { appId, authKey, adminApiKey, baseUrl } });
}
