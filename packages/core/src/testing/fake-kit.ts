import type { FetchLike } from "../config/common-options.js";
import { checkFault, type Fault } from "./faults.js";

/** One request a vendor fake received, for asserting exactly what an adapter sent. */
export interface RecordedRequest {
  /** The HTTP method, upper-case. */
  method: string;
  /** The URL path, as sent. */
  path: string;
  /** Query parameters; a repeated key gives an array. */
  query: Record<string, string | string[]>;
  /** The request headers, names lower-cased. */
  headers: Record<string, string>;
  /** The JSON body parsed, else the text, else `undefined`. */
  body: unknown;
}

/** What a route handler receives: the request, its path parameters, its JSON body and the caller `authorize` found. */
export interface FakeCall<Auth> {
  /** The request as received. */
  readonly request: Request;
  /** Its parsed URL. */
  readonly url: URL;
  /** Path parameters (`/users/:id` → `{ id }`), percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** Its query parameters. */
  readonly query: URLSearchParams;
  /** The JSON object sent; `{}` when there was no body. */
  readonly body: Record<string, unknown>;
  /** The caller `authorize` found. */
  readonly auth: Auth;
}

/** A route handler. */
export type FakeHandler<Auth> = (call: FakeCall<Auth>) => Response | Promise<Response>;

/**
 * A parameter a route documents (a JSON body field or a query parameter): the form its value must have, and
 * whether the fake acts on that value. `{}` is a parameter of any value, always applied.
 */
export interface FakeParam {
  /** Whether a value has the documented form; default any value. */
  readonly valid?: (value: unknown) => boolean;
  /** What the vendor says the value must be when `valid` fails (`"must be a string"`). */
  readonly must?: string;
  /**
   * Whether the fake applies the value: `false` for none (a parameter it documents but cannot act on), or a test
   * of the value. One it does not apply is answered `not_emulated`, never ignored. Default: every value.
   */
  readonly emulated?: boolean | ((value: unknown) => boolean);
}

/** The parameters a route documents, by name. */
export type FakeParams = Readonly<Record<string, FakeParam>>;

/** The same {@link FakeParam} for each of `names`: `{ ...fakeParams(["email", "name"]) }`. */
export function fakeParams(names: readonly string[], param: FakeParam = {}): Record<string, FakeParam> {
  return Object.fromEntries(names.map((name) => [name, param]));
}

/** A route declared with more than its handler. */
export interface FakeRoute<Auth> {
  /** What `authorize` is told about the route (`"public"`, a role, a kind of token). */
  readonly access?: string;
  /**
   * The JSON body fields the route documents. When given, the kit checks every field sent before the handler
   * runs: one not listed, or of the wrong form, is a `bad_param`; one whose value the fake does not apply is
   * `not_emulated`. So nothing sent is silently ignored.
   */
  readonly body?: FakeParams;
  /** The query parameters the route documents, checked the same way. */
  readonly query?: FakeParams;
  /** Parameters (of `body` or `query`) that must be sent, and not `null`. */
  readonly required?: readonly string[];
  /** The handler. */
  readonly handle: FakeHandler<Auth>;
}

/**
 * A fake's routes: `"METHOD /path/:param"` → handler, or a {@link FakeRoute} that also says the route's access
 * and its documented parameters. Paths are relative to the API root.
 */
export type FakeRoutes<Auth> = Readonly<Record<string, FakeHandler<Auth> | FakeRoute<Auth>>>;

/** A failure the kit itself answers, for the fake to render in its vendor's error shape. */
export interface FakeProblem {
  /** What kind of failure it is. */
  readonly kind: "rate_limited" | "unavailable" | "auth_failed" | "bad_request" | "bad_param" | "not_found" | "not_emulated";
  /** The HTTP status to answer with. */
  readonly status: number;
  /** What went wrong, in words a vendor would use. */
  readonly message: string;
  /** For `bad_request`: which body rule was broken, for a fake that words each its vendor's way. */
  readonly reason?: "media_type" | "invalid_json" | "not_object" | "missing";
  /**
   * For `bad_param`: which rule the parameter broke: a `required` one not sent, one the route does not document,
   * or a value of the wrong form (`must` says what it must be).
   */
  readonly rule?: "missing" | "unknown" | "invalid";
  /** For `bad_param`, and `not_emulated` of a parameter: the parameter's name (the value is never given: it may be a secret). */
  readonly param?: string;
  /** For an `invalid` parameter: what the route documents its value must be. */
  readonly must?: string;
  /** For `not_emulated` of a parameter: whether the fake applies no value of it at all (else: not this value). */
  readonly anyValue?: boolean;
  /** For `rate_limited`: seconds until the vendor takes calls again. */
  readonly retryAfterSec?: number;
  /** For `not_emulated`: the documented operation, as the fake listed it (`"DELETE /v1/users/{user_id}"`). */
  readonly operation?: string;
  /** The request's method and path, for the vendor's own wording of a 404. */
  readonly method: string;
  /** The request's path. */
  readonly path: string;
}

/** Options of {@link createFakeKit}: what a vendor fake supplies. */
export interface FakeKitOptions<Auth> {
  /** The vendor's name, for messages (`"Clerk"`). */
  vendor: string;
  /** The API root(s) the fake answers at; routes are relative to the root's path. */
  baseUrl: string | readonly string[];
  /** The vendor's routes. */
  routes: FakeRoutes<Auth>;
  /**
   * Operations the vendor documents that the fake does not implement: after the credential check (as the vendor
   * checks them first) they are answered with `error({ kind: "not_emulated" })`, never the vendor's 404, so a test
   * that reaches one learns the fake is the limit, not the call. `"METHOD /path/:param"` (or `{param}`); `*` as the
   * method takes any, a trailing `/*` any rest of the path; `{ route, access }` says what `authorize` is told.
   */
  notEmulated?: readonly (string | {
    /** The operation. */
    readonly route: string;
    /** What `authorize` is told about it. */
    readonly access: string;
  })[];
  /** The vendor's credential check for a route: the caller the handler gets, or the vendor's refusal. */
  authorize(request: Request, access: string | undefined): Auth | Response;
  /** The vendor's error answer for a problem the kit found (a fault, a bad body, an unknown route). */
  error(problem: FakeProblem): Response;
  /** The clock before `setClock` freezes it; default `Date.now`. */
  clock?: (() => number) | undefined;
  /** The path as the vendor reads it before routing (ConnectyCube drops a `.json` suffix). */
  normalizePath?(path: string): string;
  /** Methods whose requests must carry a body (the vendor answers 400 without one). */
  bodyRequired?: readonly string[];
  /** The status of a body sent without `Content-Type: application/json`; default 400. */
  mediaTypeStatus?: number;
  /** Runs on every answer of a routed, authorised call (headers the vendor adds to all of them). */
  finish?(response: Response, call: FakeCall<Auth>): Response;
}

/** The controls every fake has: the clock, faults, latency and the request count. */
export interface FakeKitControls {
  /** Freezes the fake's clock at `ms` (epoch milliseconds). */
  setClock(ms: number): void;
  /** The next `times` requests are answered with `fault`, in the vendor's own way. */
  failNext(fault: Fault, times?: number): void;
  /** Delays every answer by `ms` (0 to stop). */
  setLatency(ms: number): void;
  /** Requests received so far, faulted ones included. */
  requestCount(): number;
}

/** msw's `http` namespace, as much of it as the kit uses (core does not depend on msw). */
export interface MswHttp<H> {
  /** msw's `http.all`: a handler for every method at `path`. */
  all(path: string, resolver: (info: { request: Request }) => Promise<Response>): H;
}

/** The request pipeline of a vendor fake: record → latency → fault → route → auth → strict body → handler. */
export interface FakeKit {
  /** Answers one request through the pipeline. */
  handle(request: Request): Promise<Response>;
  /** A `fetch` answering from the fake, for the adapter's `fetch` option (no global interception). */
  readonly fetch: FetchLike;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The fake's clock (epoch ms): the `clock` option, unless `setClock` froze it. */
  readonly clock: () => number;
  /** The clock, fault, latency and request-count controls. */
  readonly controls: FakeKitControls;
  /** The origins the fake answers at, for msw handlers. */
  readonly origins: readonly string[];
  /** The operations the fake implements (`"GET /users/:id"`), relative to its API root, as its routes declare them. */
  readonly operations: readonly string[];
  /**
   * msw handlers that answer through the pipeline, for `setupServer(...handlers)`; pass msw's `http`
   * (core does not depend on msw).
   */
  handlers<H>(http: MswHttp<H>): H[];
  /**
   * The fake's public face, built the same way for every vendor: its msw handlers, `fetch`, request log, clock,
   * controls, settings and the options its adapter needs (with the fake's `fetch` and `clock` added).
   */
  expose<H, Controls, Options extends object, Settings>(
    http: MswHttp<H>,
    parts: {
      /** The fake's controls. */
      controls: Controls;
      /** Its settings. */
      options: Settings;
      /** What its adapter needs. */
      adapterOptions: Options;
    },
  ): VendorFake<Controls, Options & {
    /** The fake's `fetch`. */
    fetch: FetchLike;
    /** The fake's clock. */
    clock: () => number;
  }, Settings, H>;
  /** Forgets requests, faults and latency, and unfreezes the clock. */
  reset(): void;
}

type Route<Auth> = { method: string; pattern: RegExp; names: string[]; weight: number; spec: FakeRoute<Auth> };

/**
 * Builds the pipeline a vendor fake runs every request through; the fake supplies its routes, its
 * `authorize` and its error body, nothing else.
 *
 * @example
 * const kit = createFakeKit({
 *   vendor: "Acme",
 *   baseUrl: "https://api.acme.test/v1",
 *   routes: { "GET /users/:id": ({ params }) => Response.json({ id: params.id }) },
 *   authorize: (request) => request.headers.get("authorization") === "Bearer k" || acmeError(401, "unauthorized"),
 *   error: ({ status, message }) => acmeError(status, message),
 * });
 */
export function createFakeKit<Auth>(options: FakeKitOptions<Auth>): FakeKit {
  const roots = (typeof options.baseUrl === "string" ? [options.baseUrl] : options.baseUrl).map((u) => new URL(u));
  const origins = [...new Set(roots.map((u) => u.origin))];
  const prefix = roots[0]!.pathname.replace(/\/+$/, "");
  const routes = [
    ...Object.entries(options.routes).map(([key, value]) => compile(key, value)),
    // After the implemented routes, so those win a tie of specificity.
    ...(options.notEmulated ?? []).map((entry) => {
      const { route, access } = typeof entry === "string" ? { route: entry, access: undefined } : entry;
      const handle: FakeHandler<Auth> = ({ request, url }) =>
        options.error({ kind: "not_emulated", status: 501, operation: route, message: `${route} is documented by ${options.vendor} but not emulated by this fake`, method: request.method, path: url.pathname });
      return compile(route, access === undefined ? handle : { access, handle });
    }),
  ];
  const operations = Object.keys(options.routes);
  const requests: RecordedRequest[] = [];
  let faults: { fault: Fault; remaining: number }[] = [];
  let frozenAt: number | undefined;
  let latencyMs = 0;
  const clock = () => frozenAt ?? (options.clock ?? Date.now)();

  function takeFault(): Fault | undefined {
    const head = faults[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) faults.shift();
    return head.fault;
  }

  function faultResponse(fault: Fault, at: { method: string; path: string }): Response {
    if (fault.kind === "malformed_body") {
      return new Response("<html><body>502 Bad Gateway</body></html>", { status: 200, headers: { "content-type": "text/html" } });
    }
    if (fault.kind === "auth_failed") return options.error({ kind: "auth_failed", status: 401, message: "the credentials were refused", ...at });
    if (fault.kind === "unavailable") return options.error({ kind: "unavailable", status: fault.status ?? 503, message: "the service is unavailable", ...at });
    const response = options.error({ kind: "rate_limited", status: 429, message: "too many requests", retryAfterSec: fault.retryAfterSec, ...at });
    if (!response.headers.has("retry-after") && !response.headers.has("x-ratelimit-reset")) response.headers.set("retry-after", String(fault.retryAfterSec));
    return response;
  }

  /** The route that answers: of those that match, the most specific (fewest parameters), the first declared on a tie. */
  function match(method: string, path: string): { route: Route<Auth>; params: Record<string, string> } | undefined {
    let best: { route: Route<Auth>; found: RegExpExecArray } | undefined;
    for (const route of routes) {
      if (route.method !== method && route.method !== "*") continue;
      const found = route.pattern.exec(path);
      if (found && (best === undefined || route.weight < best.route.weight)) best = { route, found };
    }
    if (best === undefined) return undefined;
    const params: Record<string, string> = {};
    try {
      best.route.names.forEach((name, i) => (params[name] = decodeURIComponent(best.found[i + 1]!)));
    } catch {
      return undefined;
    }
    return { route: best.route, params };
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const at = { method: request.method, path: url.pathname };
    const text = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
    requests.push(record(request, url, text));
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const fault = takeFault();
    if (fault) return faultResponse(fault, at);

    const raw = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : undefined;
    const path = raw === undefined ? undefined : (options.normalizePath?.(raw) ?? raw);
    const found = path === undefined ? undefined : match(request.method, path);
    if (!found) return options.error({ kind: "not_found", status: 404, message: `${request.method} ${url.pathname} does not exist`, ...at });

    const auth = options.authorize(request, found.route.spec.access);
    if (auth instanceof Response) return auth;

    const read = readBody(request, text, options);
    const body = "body" in read ? read.body : {};
    const problem = "problem" in read ? read.problem : paramProblem(found.route.spec, body, url.searchParams);
    const call: FakeCall<Auth> = { request, url, params: found.params, query: url.searchParams, body, auth };
    const response = problem ? options.error({ ...problem, ...at }) : await found.route.spec.handle(call);
    return options.finish ? options.finish(response, call) : response;
  }

  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    if (!origins.includes(new URL(request.url).origin)) throw new TypeError(`fetch failed: the ${options.vendor} fake does not serve ${request.url}`);
    return handle(request);
  };

  return {
    handle,
    fetch,
    requests,
    clock,
    origins,
    operations,
    handlers: (http) => origins.map((origin) => http.all(`${origin}/*`, ({ request }) => handle(request))),
    expose: (http, { controls, options, adapterOptions }) => ({
      handlers: origins.map((origin) => http.all(`${origin}/*`, ({ request }) => handle(request))),
      handle,
      fetch,
      controls,
      requests,
      clock,
      operations,
      options,
      adapterOptions: { ...adapterOptions, fetch, clock },
    }),
    controls: {
      setClock(ms) {
        if (!Number.isFinite(ms)) throw new TypeError("setClock needs epoch milliseconds");
        frozenAt = ms;
      },
      failNext(fault, times = 1) {
        checkFault(fault, times);
        faults.push({ fault, remaining: times });
      },
      setLatency(ms) {
        latencyMs = ms;
      },
      requestCount: () => requests.length,
    },
    reset() {
      faults = [];
      frozenAt = undefined;
      latencyMs = 0;
      requests.length = 0;
    },
  };
}

/** `"GET /users/:id"` → a matcher; `:name` (or `{name}`) takes one path segment, a trailing `/*` the rest of the path. */
function compile<Auth>(key: string, value: FakeRoutes<Auth>[string]): Route<Auth> {
  const [method, given] = key.split(" ") as [string, string | undefined];
  if (!given?.startsWith("/")) throw new TypeError(`a fake route is "METHOD /path", not "${key}"`);
  const rest = given.endsWith("/*");
  const path = (rest ? given.slice(0, -2) : given).replace(/\{(\w+)\}/g, ":$1");
  const names: string[] = [];
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:(\w+)/g, (_, name: string) => (names.push(name), "([^/]+)"));
  const source = rest ? `${escaped}(?:/.*)?` : escaped;
  const spec = typeof value === "function" ? { handle: value } : value;
  // A parameter is less specific than a literal segment, a trailing wildcard (or any method) less than any parameter.
  const weight = names.length + (rest ? 100 : 0) + (method === "*" ? 100 : 0);
  return { method, pattern: new RegExp(`^${source}$`), names, weight, spec };
}

/** A request's JSON body held strictly (JSON content type, valid JSON, an object, present where required), or what is wrong with it. */
function readBody(request: Request, text: string, options: Pick<FakeKitOptions<never>, "bodyRequired" | "mediaTypeStatus">): { body: Record<string, unknown> } | { problem: Omit<FakeProblem, "method" | "path"> } {
  const bad = (reason: NonNullable<FakeProblem["reason"]>, message: string, status = 400) => ({ problem: { kind: "bad_request" as const, reason, status, message } });
  if (text === "") return options.bodyRequired?.includes(request.method) ? bad("missing", "a request body is required") : { body: {} };
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) return bad("media_type", "the request body must be JSON (Content-Type: application/json)", options.mediaTypeStatus);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return bad("invalid_json", "the request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return bad("not_object", "the request body must be a JSON object");
  return { body: parsed as Record<string, unknown> };
}

/**
 * The first thing wrong with a call's parameters against what its route documents, as a vendor checks them: a
 * required one missing, then one undocumented or of the wrong form (in the order sent), then one whose value the
 * fake does not apply. Only the lists a route declares are checked.
 */
function paramProblem(spec: Pick<FakeRoute<never>, "body" | "query" | "required">, body: Record<string, unknown>, query: URLSearchParams): Omit<FakeProblem, "method" | "path"> | undefined {
  const sentQuery: [string, string][] = [];
  query.forEach((value, name) => sentQuery.push([name, value]));
  const declared = [spec.body && { params: spec.body, given: Object.entries(body) }, spec.query && { params: spec.query, given: sentQuery }].filter((d) => d !== undefined);
  if (declared.length === 0) return undefined;
  const given = declared.flatMap(({ params, given }) => given.map(([name, value]) => ({ name, value, param: Object.hasOwn(params, name) ? params[name] : undefined })));
  const missing = spec.required?.find((name) => !given.some((g) => g.name === name && g.value !== null && g.value !== undefined));
  if (missing !== undefined) return { kind: "bad_param", status: 400, rule: "missing", param: missing, message: `${missing} is required` };
  for (const { name, value, param } of given) {
    if (param === undefined) return { kind: "bad_param", status: 400, rule: "unknown", param: name, message: `${name} is not a parameter of this request` };
    const must = param.must ?? "is invalid";
    if (param.valid && !param.valid(value)) return { kind: "bad_param", status: 400, rule: "invalid", param: name, must, message: `${name} ${must}` };
  }
  const applies = ({ emulated = true }: FakeParam, value: unknown) => (typeof emulated === "boolean" ? emulated : emulated(value));
  const unapplied = given.find(({ value, param }) => !applies(param!, value));
  if (unapplied === undefined) return undefined;
  const anyValue = unapplied.param!.emulated === false;
  return { kind: "not_emulated", status: 501, param: unapplied.name, anyValue, message: `the parameter ${unapplied.name}${anyValue ? "" : " with this value"} is not emulated` };
}

function record(request: Request, url: URL, text: string): RecordedRequest {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const query: Record<string, string | string[]> = {};
  url.searchParams.forEach((value, key) => {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  });
  let body: unknown;
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { method: request.method, path: url.pathname, query, headers, body };
}

/** `defaults` with the given options laid over them, ignoring options set to `undefined` (and `clock`). */
export function withDefaults<D extends object>(defaults: D, given: object): D {
  const set = Object.entries(given).filter(([key, value]) => value !== undefined && key !== "clock");
  return { ...defaults, ...Object.fromEntries(set) } as D;
}

/** What every vendor fake exposes; `Handler` is msw's `RequestHandler` (core does not depend on msw). */
export interface VendorFake<Controls, AdapterOptions, Settings, Handler = unknown> {
  /** msw handlers answering at the fake's origins, for `setupServer(...fake.handlers)`. */
  readonly handlers: Handler[];
  /** Answers one Web `Request` through the fake (for serving it over HTTP, as the emulator does). */
  handle(request: Request): Promise<Response>;
  /** A `fetch` answering from the fake, for the adapter's `fetch` option (no global interception). */
  readonly fetch: FetchLike;
  /** The fake's controls: seed and read its state, inject faults, move its clock. */
  readonly controls: Controls;
  /** Every request received, in order (a test may empty it). */
  readonly requests: RecordedRequest[];
  /** The clock the fake runs on. */
  readonly clock: () => number;
  /**
   * The operations the fake implements (`"GET /v1/users/:userId"`), relative to its API root; every other
   * operation its vendor documents is answered "not emulated".
   */
  readonly operations: readonly string[];
  /**
   * Everything the adapter needs to talk to this fake (API root, keys, issuer, `fetch`, `clock`): pass it
   * to the vendor factory, or spread it into `loadProvider`.
   *
   * @example
   * const auth = clerk(fake.adapterOptions);
   */
  readonly adapterOptions: AdapterOptions;
  /** The fake's own settings, defaults filled in. */
  readonly options: Settings;
}
