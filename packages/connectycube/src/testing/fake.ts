import { hexEncode, type JsonObject } from "@authmux/core";
import type { ConformanceControls, Fault } from "@authmux/core/conformance";
import { createFakeKit, fetchFromHandlers, type RecordedRequest, type TokenKind, withDefaults } from "@authmux/core/testing";
import { getResponse, http, HttpResponse, type RequestHandler } from "msw";
import { signParams } from "../signature.js";
import { expiryHeader, FakeState, type FakeSession, type FakeUser, GUEST_TTL_MS, newToken, SESSION_TTL_MS, wireSessionOf, wireUserOf } from "./state.js";

/** Options of {@link createConnectyCubeFake}. */
export interface ConnectyCubeFakeOptions {
  appId?: number;
  authKey?: string;
  /** The legacy secret signed session requests are checked with. Unsigned requests are always accepted. */
  authSecret?: string;
  /** The Administration API key `DELETE /admin/user/{id}` requires. */
  adminApiKey?: string;
  /** The API root the handlers answer at; default ConnectyCube's own. */
  baseUrl?: string;
  /** Epoch ms; `controls.setClock` overrides it. */
  clock?: () => number;
}

/** The controls of the fake: the conformance contract plus ConnectyCube specifics. */
export interface ConnectyCubeFakeControls extends ConformanceControls {
  seedUser(input: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; password?: string; login?: string }): Promise<{ id: string }>;
  /**
   * A user session token: `valid` (a new live session), `expired` (a session unused for over two hours) or
   * `foreign` (a token the fake never issued). Opaque tokens have no not-before: `not_yet_valid` throws.
   */
  issueToken(userId: string, options?: { kind?: TokenKind }): Promise<string>;
  /** Ends every application session, as two idle hours would: the adapter's next call meets "Required session does not exist". */
  expireAppSessions(): void;
  /** Ends the session of a token. */
  expireSession(token: string): void;
  /** Live sessions: `app` without a user, `user` with one. */
  sessionCount(kind: "app" | "user"): number;
  /** The emails password-reset links went to. */
  resetEmails(): readonly string[];
  /** Delays every answer by `ms` (0 to stop). */
  setLatency(ms: number): void;
  reset(): void;
}

export interface ConnectyCubeFake {
  /** msw handlers for `setupServer(...fake.handlers)`. */
  readonly handlers: RequestHandler[];
  /** A `fetch` answering from the handlers, for the adapter's `fetch` option (no global interception). */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly controls: ConnectyCubeFakeControls;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The clock the fake runs on; give it to the adapter as `clock`. */
  readonly clock: () => number;
  readonly options: Required<Omit<ConnectyCubeFakeOptions, "clock">>;
}

const DEFAULTS = {
  appId: 4711,
  authKey: "AbCdEfGh12345",
  authSecret: "s3cr3tAuthSecret",
  adminApiKey: "cc-admin-api-key-for-tests",
  baseUrl: "https://api.connectycube.com",
} satisfies Required<Omit<ConnectyCubeFakeOptions, "clock">>;

// ConnectyCube's error bodies: `errors` as an array, or as a map of field → messages (vendors/connectycube.md §7).
const errors = (status: number, errors: string[] | Record<string, string[]>) => HttpResponse.json({ errors }, { status });
const SESSION_GONE = () => errors(401, { base: ["Required session does not exist"] });
const UNAUTHORIZED = () => errors(401, ["Unauthorized"]);
const NOT_FOUND = () => errors(404, ["Not found"]);
const empty = (headers?: Record<string, string>) => new HttpResponse(null, { status: 200, ...(headers ? { headers } : {}) });

type Auth = "none" | "token" | "user" | "signup" | "admin";
type Ctx = { body: Record<string, unknown>; query: URLSearchParams; params: string[]; session: FakeSession | undefined };
type Route = { method: string; pattern: RegExp; auth: Auth; resolve: (ctx: Ctx) => Response | Promise<Response> };

/**
 * A stateful, strict fake of ConnectyCube's Auth & Users REST API as msw handlers: every path with and
 * without `.json`, `CB-Token` sessions that slide two hours per request (with `CB-Token-ExpirationDate`),
 * "Required session does not exist" for unknown or idle tokens, signup with `CB-AuthKey`, the legacy
 * signature checked when sent, the v2 search rules, the Administration API key, ConnectyCube's error
 * shapes (arrays or field maps) and status codes, and fault injection.
 *
 * @example
 * const fake = createConnectyCubeFake();
 * const auth = connectycube({ appId: fake.options.appId, authKey: fake.options.authKey, fetch: fake.fetch, clock: fake.clock });
 */
export function createConnectyCubeFake(input: ConnectyCubeFakeOptions = {}): ConnectyCubeFake {
  const options = withDefaults(DEFAULTS, input) as ConnectyCubeFake["options"];
  const origin = new URL(options.baseUrl).origin;
  const kit = createFakeKit({ clock: input.clock });
  const { clock, requests } = kit;
  let state = new FakeState();
  let latencyMs = 0;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

  function newUser(fields: Partial<FakeUser> & { password: string }): FakeUser {
    const now = clock();
    const id = state.nextUserId();
    const user: FakeUser = {
      id,
      _id: hexEncode(crypto.getRandomValues(new Uint8Array(12))),
      login: null,
      email: null,
      full_name: null,
      phone: null,
      website: null,
      external_id: null,
      custom_data: null,
      user_tags: null,
      timezone: null,
      is_guest: null,
      created_at: now,
      updated_at: now,
      last_request_at: null,
      ...fields,
    };
    state.users.set(id, user);
    return user;
  }

  function newSession(userId: number | null, opts: { guest?: boolean; nonce?: number; at?: number } = {}): FakeSession {
    const at = opts.at ?? clock();
    const session: FakeSession = {
      // Current user sessions carry the user id as their id (vendors/connectycube.md §3.3).
      id: userId ?? state.nextSessionId(),
      token: newToken(),
      user_id: userId,
      nonce: opts.nonce ?? Math.floor(Math.random() * 10000),
      created_at: at,
      updated_at: at,
      expires_at: at + SESSION_TTL_MS,
      guest: opts.guest ?? false,
    };
    state.sessions.set(session.token, session);
    return session;
  }

  /** The live session of a token, extended by two hours as every request does. */
  function touch(token: string): FakeSession | undefined {
    const session = state.sessions.get(token);
    const now = clock();
    if (!session || session.expires_at <= now || (session.user_id !== null && !state.users.has(session.user_id))) return undefined;
    session.expires_at = Math.min(now + SESSION_TTL_MS, session.guest ? session.created_at + GUEST_TTL_MS : Number.POSITIVE_INFINITY);
    session.updated_at = now;
    if (session.user_id !== null) state.users.get(session.user_id)!.last_request_at = now;
    return session;
  }

  const sessionAnswer = (session: FakeSession, status = 200) =>
    HttpResponse.json(
      { session: wireSessionOf(session, options.appId, session.user_id === null ? undefined : state.users.get(session.user_id)) },
      { status, headers: { "CB-Token-ExpirationDate": expiryHeader(session.expires_at) } },
    );

  function userFields(body: Record<string, unknown>): Partial<FakeUser> | Response {
    const fields: Partial<FakeUser> = {};
    for (const key of ["login", "email", "full_name", "phone", "website", "external_id", "custom_data"] as const) {
      if (body[key] === undefined) continue;
      if (body[key] !== null && typeof body[key] !== "string") return errors(422, { [key]: ["is invalid"] });
      fields[key] = body[key] as string | null;
    }
    if (fields.login != null && (fields.login.length < 3 || fields.login.length > 70)) return errors(422, { login: ["is too short (minimum is 3 characters)"] });
    if (fields.email != null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email)) return errors(422, { email: ["is invalid"] });
    if (body.tag_list !== undefined) fields.user_tags = Array.isArray(body.tag_list) ? body.tag_list.join(",") : String(body.tag_list);
    if (typeof body.timezone === "number") fields.timezone = body.timezone;
    return fields;
  }

  function taken(fields: Partial<FakeUser>, except?: number): Response | undefined {
    const byEmail = fields.email ? state.byEmail(fields.email) : undefined;
    if (byEmail && byEmail.id !== except) return errors(422, { email: ["has already been taken"] });
    const byLogin = fields.login ? state.byLogin(fields.login) : undefined;
    if (byLogin && byLogin.id !== except) return errors(422, { login: ["has already been taken"] });
    return undefined;
  }

  function credentialsUser(body: Record<string, unknown>): FakeUser | undefined {
    const user = typeof body.login === "string" ? state.byLogin(body.login) : typeof body.email === "string" ? state.byEmail(body.email) : undefined;
    return user && typeof body.password === "string" && user.password === body.password ? user : undefined;
  }

  async function signatureProblem(body: Record<string, unknown>): Promise<Response | undefined> {
    if (body.signature === undefined) return undefined;
    const unexpected = () => errors(422, ["Unexpected signature"]);
    if (typeof body.signature !== "string" || typeof body.nonce !== "number" || typeof body.timestamp !== "number") return unexpected();
    if (body.signature !== (await signParams(body, options.authSecret))) return unexpected();
    // The timestamp must be within an hour of the server's time, and a (timestamp, nonce) pair is single-use.
    if (Math.abs(body.timestamp * 1000 - clock()) > 3600_000) return errors(422, ["Timestamp is out of range"]);
    const pair = `${body.timestamp}:${body.nonce}`;
    if (state.usedNonces.has(pair)) return errors(422, ["Nonce has already been used"]);
    state.usedNonces.add(pair);
    return undefined;
  }

  // Query `field`, `field[op]` or `field[op][]` → { field: { op: values } } ("eq" for a bare field).
  function searchFilters(query: URLSearchParams): Map<string, Map<string, string[]>> {
    const filters = new Map<string, Map<string, string[]>>();
    for (const [key, value] of query) {
      const m = /^([a-z_]+)(?:\[([a-z_]+)\](\[\])?)?$/.exec(key);
      if (!m || ["limit", "offset", "sort_asc", "sort_desc"].includes(key)) continue;
      const ops = filters.get(m[1]!) ?? new Map<string, string[]>();
      ops.set(m[2] ?? "eq", [...(ops.get(m[2] ?? "eq") ?? []), value]);
      filters.set(m[1]!, ops);
    }
    return filters;
  }

  const STAND_ALONE = ["id", "login", "email", "full_name", "phone", "external_id", "facebook_id", "twitter_id", "user_tags"];
  const DATES = ["last_request_at", "created_at", "updated_at"];

  function search(query: URLSearchParams): Response {
    const filters = searchFilters(query);
    const invalid = (why: string) => errors(422, { base: [why] });
    let primary = false;
    for (const [field, ops] of filters) {
      const isStandAlone = STAND_ALONE.includes(field);
      if (!isStandAlone && !DATES.includes(field)) return invalid(`Unknown field ${field}`);
      for (const op of ops.keys()) {
        const isPrimary = ["eq", "in", "start_with"].includes(op);
        const isCompare = ["gt", "lt", "gte", "lte"].includes(op);
        if (!isPrimary && !isCompare && op !== "nin") return invalid(`Unknown operator ${op}`);
        if (isStandAlone && isCompare) return invalid(`Field ${field} cannot be compared`);
        if (!isStandAlone && isPrimary) return invalid(`Field ${field} needs a stand-alone field`);
        if (op === "start_with" && (ops.get(op)![0] ?? "").length < 4) return invalid("start_with needs at least 4 characters");
        primary ||= isStandAlone && isPrimary;
      }
    }
    if (!primary) return invalid("Query must contain at least one stand-alone field with a primary operator");
    const limit = query.has("limit") ? Number(query.get("limit")) : 100;
    const offset = query.has("offset") ? Number(query.get("offset")) : 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) return invalid("limit must be 1..100 and offset ≥ 0");
    const text = (u: FakeUser, field: string): string | null => {
      const v = field === "id" ? u.id : (u as unknown as Record<string, unknown>)[field];
      return v === null || v === undefined ? null : String(v);
    };
    const matches = (u: FakeUser) =>
      [...filters].every(([field, ops]) =>
        [...ops].every(([op, values]) => {
          const have = text(u, field);
          // Emails are matched whatever their case (an assumption the reference leaves open).
          const eq = (a: string | null, b: string) => (field === "email" ? a?.toLowerCase() === b.toLowerCase() : a === b);
          const tags = field === "user_tags" ? (have ?? "").split(",") : [have ?? ""];
          if (op === "eq") return tags.some((t) => eq(field === "user_tags" ? t : have, values[0]!));
          if (op === "in") return values.some((v) => tags.some((t) => eq(field === "user_tags" ? t : have, v)));
          if (op === "nin") return !values.some((v) => tags.includes(v));
          if (op === "start_with") return (have ?? "").toLowerCase().startsWith(values[0]!.toLowerCase());
          // Dates are kept as epoch ms; the query gives an ISO string or unix seconds.
          const at = have === null ? Number.NaN : Number(have);
          const ref = /^\d+$/.test(values[0]!) ? Number(values[0]) * 1000 : Date.parse(values[0]!);
          return op === "gt" ? at > ref : op === "lt" ? at < ref : op === "gte" ? at >= ref : at <= ref;
        }),
      );
    const all = [...state.users.values()].filter(matches).sort((a, b) => a.id - b.id);
    const effective = [...filters.values()].some((ops) => ops.has("start_with")) ? Math.min(limit, 5) : limit;
    return HttpResponse.json({ limit: effective, skip: offset, total_entries: all.length, items: all.slice(offset, offset + effective).map(wireUserOf) });
  }

  const routes: Route[] = [
    {
      method: "POST",
      pattern: /^\/session$/,
      auth: "none",
      async resolve({ body }) {
        if (String(body.application_id) !== String(options.appId) || body.auth_key !== options.authKey) return UNAUTHORIZED();
        const problem = await signatureProblem(body);
        if (problem) return problem;
        const nonce = typeof body.nonce === "number" ? body.nonce : undefined;
        if (body.user === undefined) return sessionAnswer(newSession(null, nonce === undefined ? {} : { nonce }), 201);
        if (!isObject(body.user)) return errors(422, { user: ["is invalid"] });
        if (body.user.guest === "1" || body.user.guest === 1) {
          const guest = newUser({ login: `guest_login_${newToken()}`, full_name: str(body.user.full_name), phone: "", is_guest: true, password: newToken() });
          return sessionAnswer(newSession(guest.id, { guest: true, ...(nonce === undefined ? {} : { nonce }) }), 201);
        }
        if (body.user.password === undefined || body.user.password === "") return errors(422, { password: ["cannot be blank"] });
        // The app setting "Session creation without an existing user entity" is taken as Deny.
        const user = credentialsUser(body.user);
        if (!user) return UNAUTHORIZED();
        return sessionAnswer(newSession(user.id, nonce === undefined ? {} : { nonce }), 201);
      },
    },
    { method: "GET", pattern: /^\/session$/, auth: "token", resolve: ({ session }) => sessionAnswer(session!) },
    {
      method: "DELETE",
      pattern: /^\/session$/,
      auth: "token",
      resolve({ session }) {
        state.sessions.delete(session!.token);
        return empty();
      },
    },
    {
      method: "POST",
      pattern: /^\/login$/,
      auth: "token",
      resolve({ body, session }) {
        if (body.password === undefined || body.password === "") return errors(422, { password: ["cannot be blank"] });
        const user = credentialsUser(body);
        if (!user) return UNAUTHORIZED();
        session!.user_id = user.id;
        return HttpResponse.json({ user: wireUserOf(user) }, { headers: { "CB-Token-ExpirationDate": expiryHeader(session!.expires_at) } });
      },
    },
    {
      method: "DELETE",
      pattern: /^\/login$/,
      auth: "user",
      resolve({ session }) {
        session!.user_id = null;
        return empty();
      },
    },
    {
      method: "POST",
      pattern: /^\/users$/,
      auth: "signup",
      resolve({ body }) {
        if (!isObject(body.user)) return errors(422, { base: ["user is required"] });
        const fields = userFields(body.user);
        if (fields instanceof Response) return fields;
        if (!fields.login && !fields.email) return errors(422, { base: ["login or email required"] });
        if (typeof body.user.password !== "string" || body.user.password === "") return errors(422, { password: ["can't be blank"] });
        const conflict = taken(fields);
        if (conflict) return conflict;
        return HttpResponse.json({ user: wireUserOf(newUser({ ...fields, password: body.user.password })) }, { status: 201 });
      },
    },
    { method: "GET", pattern: /^\/users\/v2$/, auth: "token", resolve: ({ query }) => search(query) },
    {
      method: "GET",
      pattern: /^\/users\/(\d+)$/,
      auth: "token",
      resolve({ params }) {
        const user = state.users.get(Number(params[0]));
        return user ? HttpResponse.json({ user: wireUserOf(user) }) : NOT_FOUND();
      },
    },
    {
      method: "PUT",
      pattern: /^\/users\/(\d+)$/,
      auth: "user",
      resolve({ body, params, session }) {
        const user = state.users.get(Number(params[0]));
        if (!user) return NOT_FOUND();
        if (session!.user_id !== user.id) return errors(403, ["Forbidden. Need user."]);
        if (!isObject(body.user)) return errors(422, { base: ["user is required"] });
        const fields = userFields(body.user);
        if (fields instanceof Response) return fields;
        const conflict = taken(fields, user.id);
        if (conflict) return conflict;
        if (body.user.password !== undefined) {
          if (body.user.old_password !== user.password) return errors(422, { old_password: ["is invalid"] });
          user.password = String(body.user.password);
        }
        Object.assign(user, fields, { updated_at: clock() });
        return HttpResponse.json({ user: wireUserOf(user) });
      },
    },
    {
      method: "DELETE",
      pattern: /^\/users\/(\d+)$/,
      auth: "user",
      resolve({ params, session }) {
        const id = Number(params[0]);
        if (session!.user_id !== id) return errors(403, ["Forbidden. Need user."]);
        state.users.delete(id);
        return empty();
      },
    },
    {
      method: "DELETE",
      pattern: /^\/admin\/user\/(\d+)$/,
      auth: "admin",
      resolve({ params }) {
        const id = Number(params[0]);
        if (!state.users.delete(id)) return errors(404, ["User not found"]);
        for (const [token, s] of state.sessions) if (s.user_id === id) state.sessions.delete(token);
        return HttpResponse.json({ success: true });
      },
    },
    // Docs 2.0 say GET with ?email=; SDK 6 sends a POST with a JSON body: both are served.
    ...(["GET", "POST"] as const).map(
      (method): Route => ({
        method,
        pattern: /^\/users\/password\/reset$/,
        auth: "token",
        resolve({ body, query }) {
          const email = method === "GET" ? query.get("email") : body.email;
          if (typeof email !== "string" || email === "") return errors(422, { email: ["can't be blank"] });
          if (state.byEmail(email)) state.resetEmails.push(email);
          return empty();
        },
      }),
    ),
  ];

  /** An injected fault, the way ConnectyCube would answer it. */
  function faultResponse(fault: Fault): Response {
    switch (fault.kind) {
      case "rate_limited":
        return HttpResponse.json({ errors: ["Too Many Requests"] }, { status: 429, headers: { "retry-after": String(fault.retryAfterSec) } });
      case "unavailable":
        return errors(fault.status ?? 503, ["Service Unavailable"]);
      case "auth_failed":
        return UNAUTHORIZED();
      case "malformed_body":
        return new HttpResponse("<html><body>502 Bad Gateway</body></html>", { status: 200, headers: { "content-type": "text/html" } });
    }
  }

  function authorize(auth: Auth, headers: Headers): FakeSession | Response | undefined {
    if (auth === "none") return undefined;
    if (auth === "admin") return headers.get("cb-administration-api-key") === options.adminApiKey ? undefined : UNAUTHORIZED();
    const token = headers.get("cb-token");
    // Signup needs no session when the auth key is sent instead (vendors/connectycube.md §5.1).
    if (auth === "signup" && token === null) return headers.get("cb-authkey") === options.authKey ? undefined : UNAUTHORIZED();
    if (token === null || token === "") return errors(401, ["Token is required"]);
    const session = touch(token);
    if (!session) return SESSION_GONE();
    if (auth === "user" && session.user_id === null) return errors(403, ["Forbidden. Need user."]);
    return session;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
    kit.record(request, text);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const fault = kit.takeFault();
    if (fault) return faultResponse(fault);
    // The SDK adds `.json` to every path, the docs do not: both reach the same route.
    const path = url.pathname.replace(/\.json$/, "");
    let params: string[] = [];
    const route = routes.find((r) => {
      const m = r.method === request.method ? r.pattern.exec(path) : null;
      if (m) params = m.slice(1);
      return m !== null;
    });
    if (!route) return NOT_FOUND();
    let body: Record<string, unknown> = {};
    if (text !== "") {
      if (!(request.headers.get("content-type") ?? "").includes("application/json")) return errors(415, ["Unsupported Media Type: send JSON"]);
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return errors(400, ["Malformed JSON body"]);
      }
      if (!isObject(body)) return errors(400, ["Malformed JSON body"]);
    } else if (request.method === "POST" || request.method === "PUT") {
      return errors(400, ["Request body is required"]);
    }
    const authorized = authorize(route.auth, request.headers);
    if (authorized instanceof Response) return authorized;
    const response = await route.resolve({ body, query: url.searchParams, params, session: authorized });
    // Every call made with a token reports its new expiry.
    if (authorized && !response.headers.has("CB-Token-ExpirationDate") && state.sessions.has(authorized.token)) {
      response.headers.set("CB-Token-ExpirationDate", expiryHeader(authorized.expires_at));
    }
    return response;
  }

  const handlers: RequestHandler[] = [http.all(`${origin}/*`, ({ request }) => handle(request))];

  const userOf = (userId: string) => {
    const user = state.users.get(Number(userId));
    if (!user) throw new Error(`the ConnectyCube fake has no user ${userId}`);
    return user;
  };

  const controls: ConnectyCubeFakeControls = {
    async seedUser(seed) {
      const user = newUser({
        email: seed.email,
        login: seed.login ?? null,
        full_name: seed.name ?? null,
        phone: seed.phone ?? null,
        custom_data: seed.metadata ? JSON.stringify(seed.metadata) : null,
        password: seed.password ?? newToken(),
      });
      return { id: String(user.id) };
    },
    async issueToken(userId, opts = {}) {
      const kind = opts.kind ?? "valid";
      if (kind === "not_yet_valid") throw new Error("ConnectyCube tokens are opaque: they have no not-before time");
      if (kind === "foreign") return newToken();
      const user = userOf(userId);
      if (kind === "expired") return newSession(user.id, { at: clock() - SESSION_TTL_MS - 60_000 }).token;
      return newSession(user.id).token;
    },
    expireAppSessions() {
      for (const s of state.sessions.values()) if (s.user_id === null) s.expires_at = clock();
    },
    expireSession(token) {
      const session = state.sessions.get(token);
      if (session) session.expires_at = clock();
    },
    sessionCount(kind) {
      const now = clock();
      return [...state.sessions.values()].filter((s) => s.expires_at > now && (kind === "app") === (s.user_id === null)).length;
    },
    resetEmails: () => [...state.resetEmails],
    setLatency(ms) {
      latencyMs = ms;
    },
    setClock: kit.setClock,
    failNext: kit.failNext,
    requestCount: kit.requestCount,
    reset() {
      kit.reset();
      state = new FakeState();
      latencyMs = 0;
    },
  };

  return { handlers, fetch: fetchFromHandlers(getResponse, handlers, "ConnectyCube"), controls, requests, clock, options };
}
