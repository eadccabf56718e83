import { type JsonObject, signHmacHex, type WebhookEventType } from "@authmux/core";
import type { ConformanceControls, Fault } from "@authmux/core/conformance";
import { createFakeKit, fetchFromHandlers, type RecordedRequest, type TokenKind, withDefaults } from "@authmux/core/testing";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { getResponse, http, HttpResponse, type RequestHandler } from "msw";
import { badParam, duplicate, forbidden, kustomerError, notFound, unauthorized } from "./responses.js";
import { customerResource, type FakeCustomer, FakeState, searchHit } from "./state.js";

/** Options of {@link createKustomerFake}. */
export interface KustomerFakeOptions {
  /** The org name: the fake answers at `https://{org}.api.kustomerapp.com` (and the regional hosts). */
  org?: string;
  /** The API origin the handlers answer at, instead of the org host. */
  baseUrl?: string;
  /** An API key with every role, `org.admin` included. */
  apiKey?: string;
  /** More keys, each with its own roles (`org.permission.customer.read`, `org.admin`, …): to test a 403. */
  keys?: Readonly<Record<string, readonly string[]>>;
  /** The org's chat login secret (`GET /v1/auth/customer/settings`). */
  chatSecret?: string;
  /** The outbound webhook's token, which deliveries are signed with. */
  webhookToken?: string;
  /** The custom attributes defined on the org's Customer klass; others are refused with `badparam`. */
  customAttributes?: readonly string[];
  /** A duplicate email on create/update: 409 `duplicate` (default), or allowed. Kustomer's behaviour is not documented. */
  duplicateEmails?: "conflict" | "allow";
  /** Org-wide requests per 60 s window before 429 (Enterprise plan: 1000). */
  rateLimit?: number;
  /** Epoch ms; `controls.setClock` overrides it. */
  clock?: () => number;
}

/** The controls of the fake: the conformance contract plus Kustomer specifics. */
export interface KustomerFakeControls extends ConformanceControls {
  seedUser(input: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; externalId?: string }): Promise<{ id: string }>;
  /** A chat login JWT for the customer (its externalId, else its email), signed with the org's secret; `foreign` uses another. */
  issueToken(userId: string, options?: { kind?: TokenKind }): Promise<string>;
  /** What Kustomer's chat would do with a login JWT: the identity it logs in (email wins), or an Error. */
  verifyChatToken(token: string): Promise<{ email: string } | { externalId: string }>;
  signWebhook(event: { type: WebhookEventType; userId: string; foreign?: boolean }): Promise<{ body: string; headers: Record<string, string> }>;
  /** Delays every answer by `ms` (0 to stop). */
  setLatency(ms: number): void;
  reset(): void;
}

export interface KustomerFake {
  /** msw handlers for `setupServer(...fake.handlers)`. */
  readonly handlers: RequestHandler[];
  /** A `fetch` answering from the handlers, for the adapter's `fetch` option (no global interception). */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly controls: KustomerFakeControls;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The clock the fake runs on; give it to the adapter as `clock`. */
  readonly clock: () => number;
  readonly options: Required<Omit<KustomerFakeOptions, "clock" | "keys">> & { keys: Readonly<Record<string, readonly string[]>> };
}

const DEFAULTS = {
  org: "authmux-test",
  apiKey: "kustomer_api_key_for_tests",
  keys: {},
  chatSecret: "kustomer-chat-secret-for-tests-0123456789abcdef",
  webhookToken: "kustomer-webhook-token-for-tests",
  customAttributes: ["planStr", "seatsNum", "regionStr", "tierStr", "aNum", "betaBool", "renewsAt", "homepageUrl", "notesTxt"],
  duplicateEmails: "conflict",
  rateLimit: 1000,
} satisfies Omit<KustomerFake["options"], "baseUrl">;

const REGIONAL_HOSTS = ["https://api.kustomerapp.com", "https://api.prod2.kustomerapp.com", "https://api.prod4.kustomerapp.com"];
const ORG_ID = "6717bf0000000000000000ff";
const MACHINE_USER_ID = "6717c0aa00000000000000aa";
const ALL_ROLES = ["org.admin", "org.user", "org.permission.customer.read", "org.permission.customer.create", "org.permission.customer.update", "org.permission.customer.delete", "org.permission.search.create"];

// Permission-set role, then the legacy role that also grants it (vendors/kustomer.md §1).
const ROLE = {
  read: ["org.permission.customer.read", "org.user.customer.read"],
  create: ["org.permission.customer.create", "org.user.customer.write"],
  update: ["org.permission.customer.update", "org.user.customer.write"],
  delete: ["org.permission.customer.delete", "org.user.customer.delete"],
  search: ["org.permission.search.create", "org.permission.search.update", "org.permission.search_global.create", "org.permission.search_preview.create", "org.user.search.read", "org.admin.search.read"],
  admin: ["org.admin"],
} as const;

// Create/update accept these attributes (vendors/kustomer.md §3, "Create"); anything else is `badparam`.
const WRITABLE = new Set(
  "name company externalId username signedUpAt lastActivityAt lastCustomerActivityAt lastSeenAt avatarUrl externalIds sharedExternalIds emails sharedEmails phones sharedPhones whatsapps facebookIds instagramIds socials sharedSocials urls locations locale timeZone tags sentiment custom birthdayAt gender createdAt importedAt rev defaultLang".split(" "),
);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const SUFFIX = /^([a-z][A-Za-z0-9]*?)(Str|Txt|Num|At|Bool|Url)$/;
const LIST_QUERY = /^(page|pageSize|sort|filter\[(createdAt|updatedAt)\]\[(gte|gt|lte|lt)\])$/;
const COLORS = ["teal", "silver", "amber", "indigo"];
const ICONS = ["compass", "scissors", "anchor", "kite"];

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A stateful, strict fake of Kustomer's REST API as msw handlers: it checks the bearer key and its roles, paths,
 * methods, query parameters and JSON bodies (custom attributes against the org's definitions) the way
 * vendors/kustomer.md describes, answers with Kustomer's envelopes, error bodies, status codes and rate-limit
 * headers, serves the chat secret, mints chat login JWTs, signs outbound webhooks, and injects faults.
 *
 * @example
 * const fake = createKustomerFake();
 * const auth = kustomer({ apiKey: fake.options.apiKey, orgName: fake.options.org, fetch: fake.fetch, clock: fake.clock });
 */
export function createKustomerFake(input: KustomerFakeOptions = {}): KustomerFake {
  const options = withDefaults({ ...DEFAULTS, baseUrl: `https://${input.org ?? DEFAULTS.org}.api.kustomerapp.com` }, input) as KustomerFake["options"];
  const origin = new URL(options.baseUrl).origin;
  const keys = new Map<string, readonly string[]>([[options.apiKey, ALL_ROLES], ...Object.entries(options.keys)]);
  const defined = new Set(options.customAttributes);
  const kit = createFakeKit({ clock: input.clock });
  const { clock, requests } = kit;
  let state = new FakeState();
  let latencyMs = 0;
  let window = { start: 0, used: 0 };
  const now = () => new Date(clock()).toISOString();

  /** `x-ratelimit-*` and `x-kustomer-pod`, on every answer (vendors/kustomer.md §6). */
  function rateHeaders(remaining: number): Record<string, string> {
    return {
      "x-ratelimit-limit": String(options.rateLimit),
      "x-ratelimit-remaining": String(Math.max(0, remaining)),
      "x-ratelimit-reset": String(Math.floor(window.start / 1000) + 60),
      "x-kustomer-pod": "prod1",
    };
  }

  /** An injected fault as Kustomer would answer it. */
  function faultResponse(fault: Fault): Response {
    switch (fault.kind) {
      case "rate_limited": {
        // Kustomer says when its window resets (epoch seconds), not Retry-After.
        const reset = String(Math.floor(clock() / 1000) + fault.retryAfterSec);
        return kustomerError({ status: 429, code: "toomanyrequests", title: "Too Many Requests" }, { "x-ratelimit-limit": String(options.rateLimit), "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset });
      }
      case "unavailable":
        return kustomerError({ status: fault.status ?? 503, code: "serviceunavailable", title: "Service Unavailable" });
      case "auth_failed":
        return unauthorized();
      case "malformed_body":
        return new HttpResponse("<html><body>502 Bad Gateway</body></html>", { status: 200, headers: { "content-type": "text/html" } });
    }
  }

  /** Checks the flat attribute body of a create or update; returns the error answer, if any. */
  function checkAttributes(body: Record<string, unknown>): Response | undefined {
    for (const key of Object.keys(body)) if (!WRITABLE.has(key)) return badParam(key, "Additional properties not allowed", "/additionalProperties");
    if (body.name !== undefined && body.name !== null && typeof body.name !== "string") return badParam("name", "Invalid type", "/properties/name/type");
    if (body.externalId !== undefined && body.externalId !== null && typeof body.externalId !== "string") return badParam("externalId", "Invalid type", "/properties/externalId/type");
    if (body.emails !== undefined) {
      if (!Array.isArray(body.emails) || body.emails.some((e) => !isPlainObject(e) || typeof e.email !== "string" || !EMAIL.test(e.email) || (e.type !== undefined && !["home", "work", "other"].includes(e.type as string)))) {
        return badParam("emails", "Invalid email entry", "/properties/emails/items");
      }
    }
    if (body.phones !== undefined) {
      if (!Array.isArray(body.phones) || body.phones.some((p) => !isPlainObject(p) || typeof p.phone !== "string" || !E164.test(p.phone) || (p.type !== undefined && !["mobile", "home", "work", "fax", "other"].includes(p.type as string)))) {
        return badParam("phones", "Invalid phone entry", "/properties/phones/items");
      }
    }
    if (body.custom !== undefined) {
      if (!isPlainObject(body.custom)) return badParam("custom", "Invalid type", "/properties/custom/type");
      for (const [name, value] of Object.entries(body.custom)) {
        if (!defined.has(name)) return badParam(name, "Additional properties not allowed", "/properties/custom/additionalProperties");
        if (!customValueFits(name, value)) return badParam(name, "Invalid type", `/properties/custom/properties/${name}/type`);
      }
    }
    return undefined;
  }

  function customValueFits(name: string, value: unknown): boolean {
    if (value === null) return true;
    switch (SUFFIX.exec(name)?.[2]) {
      case "Str":
      case "Txt":
        return typeof value === "string" && value.length <= 1024;
      case "Num":
        return typeof value === "number" && Number.isFinite(value);
      case "Bool":
        return typeof value === "boolean";
      case "At":
        return typeof value === "string" && !Number.isNaN(Date.parse(value));
      case "Url":
        return typeof value === "string" && URL.canParse(value);
      default:
        return false;
    }
  }

  /** 409 when another live customer holds an email or the externalId. */
  function uniqueness(body: Record<string, unknown>, except?: string): Response | undefined {
    if (typeof body.externalId === "string" && state.byExternalId(body.externalId, except)) return duplicate("externalId");
    if (options.duplicateEmails === "conflict" && Array.isArray(body.emails)) {
      for (const e of body.emails as { email: string }[]) if (state.byEmail(e.email, except)) return duplicate("emails");
    }
    return undefined;
  }

  function createCustomer(body: Record<string, unknown>): FakeCustomer {
    const at = now();
    const name = typeof body.name === "string" ? body.name : null;
    const emails = ((body.emails as { type?: string; email: string; verified?: boolean }[] | undefined) ?? []).map((e) => ({ type: e.type ?? "home", verified: e.verified ?? false, email: e.email }));
    const phones = ((body.phones as { type?: string; phone: string; verified?: boolean }[] | undefined) ?? []).map((p) => ({ type: p.type ?? "mobile", verified: p.verified ?? false, phone: p.phone }));
    const externalId = typeof body.externalId === "string" ? body.externalId : null;
    const space = name?.indexOf(" ") ?? -1;
    const id = state.nextId();
    const n = state.seq;
    const customer: FakeCustomer = {
      id,
      seq: n,
      attributes: {
        ...body,
        name,
        displayName: name ?? emails[0]?.email ?? `${COLORS[n % 4]} ${ICONS[n % 4]}`,
        displayColor: COLORS[n % 4],
        displayIcon: ICONS[n % 4],
        ...(name ? { firstName: space < 0 ? name : name.slice(0, space), lastName: space < 0 ? null : name.slice(space + 1) } : {}),
        externalId,
        externalIds: externalId ? [{ verified: true, externalId }] : [],
        sharedExternalIds: [],
        emails,
        sharedEmails: [],
        phones,
        sharedPhones: [],
        smoochIds: [], whatsapps: [], facebookIds: [], instagramIds: [], socials: [], sharedSocials: [], urls: [], locations: [], activeUsers: [], watchers: [], tags: [], recentItems: [], roleGroupVersions: [], accessOverride: [],
        custom: structuredClone((body.custom as Record<string, unknown> | undefined) ?? {}),
        createdAt: at,
        updatedAt: at,
        modifiedAt: at,
        lastActivityAt: at,
        deleted: false,
        conversationCounts: { done: 0, open: 0, snoozed: 0, all: 0 },
        progressiveStatus: null,
        verified: externalId !== null,
        rev: 1,
      },
    };
    state.customers.set(id, customer);
    return customer;
  }

  function updateCustomer(c: FakeCustomer, body: Record<string, unknown>, replace: boolean) {
    const a = c.attributes;
    const kept = { createdAt: a.createdAt, rev: a.rev, deleted: a.deleted };
    if (replace) {
      const fresh = createCustomer(body);
      state.customers.delete(fresh.id);
      c.attributes = { ...fresh.attributes, ...kept };
    } else {
      for (const [key, value] of Object.entries(body)) {
        if (key === "custom") a.custom = { ...a.custom, ...structuredClone(value as Record<string, unknown>) };
        else if (key === "emails") a.emails = (value as { type?: string; email: string; verified?: boolean }[]).map((e) => ({ type: e.type ?? "home", verified: e.verified ?? false, email: e.email }));
        else if (key === "phones") a.phones = (value as { type?: string; phone: string; verified?: boolean }[]).map((p) => ({ type: p.type ?? "mobile", verified: p.verified ?? false, phone: p.phone }));
        else a[key] = value;
      }
      if ("externalId" in body) a.externalIds = a.externalId ? [{ verified: true, externalId: a.externalId }] : [];
    }
    const at = now();
    Object.assign(c.attributes, { rev: kept.rev + 1, updatedAt: at, modifiedAt: at });
  }

  const doc = (c: FakeCustomer, status = 200) => HttpResponse.json({ data: customerResource(c, ORG_ID, MACHINE_USER_ID) }, { status });

  function page<T>(all: T[], url: URL, basePath: string, maxPageSize: number): { items: T[]; meta: object; links: object } | Response {
    const pageNo = Number(url.searchParams.get("page") ?? "1");
    const pageSize = Number(url.searchParams.get("pageSize") ?? "100");
    if (!Number.isInteger(pageNo) || pageNo < 1) return badParam("page", "Invalid page");
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) return badParam("pageSize", `pageSize must be between 1 and ${maxPageSize}`);
    const totalPages = Math.max(1, Math.ceil(all.length / pageSize));
    const link = (p: number) => `${basePath}?page=${p}&pageSize=${pageSize}`;
    return {
      items: all.slice((pageNo - 1) * pageSize, pageNo * pageSize),
      meta: { pageSize, page: pageNo, total: all.length, totalPages },
      links: { self: link(pageNo), first: link(1), prev: pageNo > 1 ? link(pageNo - 1) : null, next: pageNo < totalPages ? link(pageNo + 1) : null, last: link(totalPages) },
    };
  }

  type Route = { roles: readonly string[]; run: (ctx: { url: URL; body: Record<string, unknown> }) => Response };

  /** Which route answers `method path`: `undefined` is Kustomer's 404 for an unknown route. */
  function routeFor(method: string, path: string): Route | undefined {
    if (path === "/v1/auth/customer/settings" && method === "GET") {
      return { roles: ROLE.admin, run: () => HttpResponse.json({ data: { type: "customer_settings", id: ORG_ID, attributes: { secret: options.chatSecret, corsWhitelist: [], createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:00:00.000Z" }, relationships: { org: { data: { type: "org", id: ORG_ID } } }, links: { self: "/v1/auth/customer/settings" } } }) };
    }
    if (path === "/v1/customers" && method === "GET") return { roles: ROLE.read, run: ({ url }) => listCustomers(url) };
    if (path === "/v1/customers" && method === "POST") {
      return {
        roles: ROLE.create,
        run: ({ body }) => checkAttributes(body) ?? uniqueness(body) ?? doc(createCustomer(body), 201),
      };
    }
    if (path === "/v1/customers/search" && method === "POST") return { roles: ROLE.search, run: ({ url, body }) => search(url, body) };
    const match = /^\/v1\/customers\/([^/]+)$/.exec(path);
    if (!match || match[1] === "search" || match[1] === "bulk") return undefined;
    const segment = decodeURIComponent(match[1]!);
    const lookup = /^(email|externalId|phone)=(.*)$/.exec(segment);
    if (lookup) {
      if (method !== "GET") return undefined;
      const [, kind, value] = lookup as unknown as [string, "email" | "externalId" | "phone", string];
      return {
        roles: ROLE.read,
        run: () => {
          const c = kind === "email" ? state.byEmail(value) : kind === "externalId" ? state.byExternalId(value) : state.byPhone(value);
          return c ? doc(c) : notFound(kind);
        },
      };
    }
    const byId = () => state.byId(segment);
    switch (method) {
      case "GET":
        return { roles: ROLE.read, run: () => (byId() ? doc(byId()!) : notFound("id")) };
      case "PUT":
      case "PATCH":
        return {
          roles: ROLE.update,
          run: ({ url, body }) => {
            const c = byId();
            if (!c) return notFound("id");
            const bad = checkAttributes(body) ?? uniqueness(body, c.id);
            if (bad) return bad;
            updateCustomer(c, body, method === "PUT" && url.searchParams.get("replace") === "true");
            const response = doc(c);
            // The per-object update budget (vendors/kustomer.md §6), recorded as 600 a window.
            response.headers.set("x-ratelimit-object-limit", "600");
            response.headers.set("x-ratelimit-object-remaining", String(600 - (c.attributes.rev - 1)));
            return response;
          },
        };
      case "DELETE":
        return {
          roles: ROLE.delete,
          run: () => {
            const c = byId();
            if (!c) return notFound("id");
            // A soft delete server-side: lookups and lists no longer see it.
            c.attributes.deleted = true;
            return new HttpResponse(null, { status: 204 });
          },
        };
      default:
        return undefined;
    }
  }

  function listCustomers(url: URL): Response {
    for (const key of url.searchParams.keys()) if (!LIST_QUERY.test(key)) return badParam(key, "Unknown query parameter");
    const sort = url.searchParams.get("sort");
    if (sort !== null && sort !== "createdAt" && sort !== "-createdAt") return badParam("sort", "Invalid sort");
    let all = state.live().sort((x, y) => x.attributes.createdAt.localeCompare(y.attributes.createdAt) || x.seq - y.seq);
    if (sort === "-createdAt") all.reverse();
    for (const [key, value] of url.searchParams) {
      const f = /^filter\[(createdAt|updatedAt)\]\[(gte|gt|lte|lt)\]$/.exec(key);
      if (!f) continue;
      const bound = Date.parse(value);
      if (Number.isNaN(bound)) return badParam(key, "Invalid date");
      const [, field, op] = f as unknown as [string, "createdAt" | "updatedAt", string];
      all = all.filter((c) => {
        const t = Date.parse(c.attributes[field]);
        return op === "gte" ? t >= bound : op === "gt" ? t > bound : op === "lte" ? t <= bound : t < bound;
      });
    }
    const p = page(all, url, "/v1/customers", 100);
    if (p instanceof Response) return p;
    return HttpResponse.json({ meta: p.meta, links: p.links, data: p.items.map((c) => customerResource(c, ORG_ID, MACHINE_USER_ID)) });
  }

  function search(url: URL, body: Record<string, unknown>): Response {
    if (body.queryContext !== "customer") return badParam("queryContext", "queryContext must be customer");
    const allowed = new Set(["queryContext", "and", "or", "not", "sort", "timeZone", "fields", "aggs", "includeDeleted", "searchHash"]);
    for (const key of Object.keys(body)) if (!allowed.has(key)) return badParam(key, "Additional properties not allowed");
    if (Number(url.searchParams.get("page") ?? "1") > 100) return badParam("page", "Search is limited to 100 pages");
    const field = (c: FakeCustomer, name: string): unknown => {
      const a = c.attributes;
      if (name === "customer_email") return a.emails.map((e) => e.email.toLowerCase());
      if (name === "customer_phone") return a.phones.map((p) => p.phone);
      if (name === "customer_created_at") return a.createdAt;
      if (name === "customer_updated_at") return a.updatedAt;
      if (name.startsWith("customer_custom_")) return a.custom[name.slice("customer_custom_".length)];
      return a[name.slice("customer_".length)];
    };
    const test = (c: FakeCustomer, criterion: unknown): boolean | "bad" => {
      if (!isPlainObject(criterion)) return "bad";
      return Object.entries(criterion).every(([name, ops]) => {
        if (!name.startsWith("customer_") || !isPlainObject(ops)) return false;
        const actual = field(c, name);
        return Object.entries(ops).every(([op, want]) => {
          const values = Array.isArray(actual) ? actual : [actual];
          const w = typeof want === "string" && name === "customer_email" ? want.toLowerCase() : want;
          return values.some((v) => (op === "equals" ? v === w : op === "gte" ? String(v) >= String(w) : op === "lte" ? String(v) <= String(w) : op === "gt" ? String(v) > String(w) : op === "lt" ? String(v) < String(w) : false));
        });
      });
    };
    const lists = { and: body.and ?? [], or: body.or ?? [], not: body.not ?? [] };
    for (const [k, v] of Object.entries(lists)) if (!Array.isArray(v) || v.some((x) => !isPlainObject(x))) return badParam(k, "Invalid criteria");
    const matches = (body.includeDeleted === true ? [...state.customers.values()] : state.live()).filter(
      (c) => (lists.and as unknown[]).every((x) => test(c, x) === true) && ((lists.or as unknown[]).length === 0 || (lists.or as unknown[]).some((x) => test(c, x) === true)) && !(lists.not as unknown[]).some((x) => test(c, x) === true),
    );
    const p = page(matches, url, "/v1/customers/search", 500);
    if (p instanceof Response) return p;
    return HttpResponse.json({ meta: p.meta, links: p.links, data: p.items.map(searchHit) });
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const text = ["POST", "PUT", "PATCH"].includes(request.method) ? await request.text() : "";
    kit.record(request, text);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const fault = kit.takeFault();
    if (fault) return faultResponse(fault);
    const route = routeFor(request.method, url.pathname);
    if (!route) return notFound(undefined, `Cannot ${request.method} ${url.pathname}`);
    const auth = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "");
    const roles = auth ? keys.get(auth[1]!) : undefined;
    if (!roles) return unauthorized();
    if (!route.roles.some((r) => roles.includes(r))) return forbidden(route.roles[0]!);
    if (clock() - window.start >= 60_000) window = { start: clock(), used: 0 };
    window.used += 1;
    if (window.used > options.rateLimit) return kustomerError({ status: 429, code: "toomanyrequests", title: "Too Many Requests" }, rateHeaders(0));
    let body: Record<string, unknown> = {};
    if (["POST", "PUT", "PATCH"].includes(request.method)) {
      if (!(request.headers.get("content-type") ?? "").includes("application/json")) return kustomerError({ status: 400, code: "bad_request", title: "Bad Request", detail: "Content-Type must be application/json" });
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return kustomerError({ status: 400, code: "bad_request", title: "Bad Request", detail: "Unexpected token in JSON body" });
      }
      if (!isPlainObject(body)) return kustomerError({ status: 400, code: "bad_request", title: "Bad Request", detail: "The body must be a JSON object" });
    }
    const response = route.run({ url, body });
    for (const [k, v] of Object.entries(rateHeaders(options.rateLimit - window.used))) response.headers.set(k, v);
    return response;
  }

  const handlers: RequestHandler[] = [origin, ...REGIONAL_HOSTS.filter((h) => h !== origin)].map((host) => http.all(`${host}/*`, ({ request }) => handle(request)));

  /** Neutral metadata → the org's attributes, as a dashboard user would fill them in. */
  function customOf(metadata: JsonObject): Record<string, unknown> {
    const custom: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(metadata)) {
      const name = defined.has(key) ? key : options.customAttributes.find((n) => SUFFIX.exec(n)?.[1] === key);
      if (name === undefined || !customValueFits(name, value)) throw new Error(`the fake's org defines no custom attribute for metadata ${key}=${JSON.stringify(value)} (customAttributes: ${options.customAttributes.join(", ")})`);
      custom[name] = value;
    }
    return custom;
  }

  const customer = (id: string) => {
    const c = state.byId(id);
    if (!c) throw new Error(`the fake has no customer ${id}`);
    return c;
  };

  const controls: KustomerFakeControls = {
    async seedUser(seed) {
      const c = createCustomer({
        emails: [{ type: "home", email: seed.email }],
        ...(seed.name != null ? { name: seed.name } : {}),
        ...(seed.phone != null ? { phones: [{ type: "mobile", phone: seed.phone }] } : {}),
        ...(seed.externalId !== undefined ? { externalId: seed.externalId } : {}),
        ...(seed.metadata !== undefined ? { custom: customOf(seed.metadata) } : {}),
      });
      return { id: c.id };
    },
    async issueToken(userId, opts = {}) {
      const { attributes } = customer(userId);
      const identity = attributes.externalId ? { externalId: attributes.externalId } : { email: attributes.emails[0]!.email };
      const kind = opts.kind ?? "valid";
      const nowSec = Math.floor(clock() / 1000);
      const iat = kind === "expired" ? nowSec - 7200 : kind === "not_yet_valid" ? nowSec + 3600 : nowSec;
      const secret = kind === "foreign" ? "another-org-chat-secret-0123456789abcdef" : options.chatSecret;
      // The seed's claims, plus exp and iss as the authmux adapter issues them.
      return new SignJWT({ ...identity, iat, exp: iat + 900, iss: origin }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(secret));
    },
    async verifyChatToken(token) {
      if (decodeProtectedHeader(token).alg !== "HS256") throw new Error("Kustomer chat accepts HS256 login tokens only");
      const { payload } = await jwtVerify(token, new TextEncoder().encode(options.chatSecret), { algorithms: ["HS256"], currentDate: new Date(clock()) });
      if (typeof payload.iat !== "number" || Math.abs(clock() / 1000 - payload.iat) > 900) throw new Error("iat is more than 15 minutes off");
      if (typeof payload.email === "string") return { email: payload.email };
      if (typeof payload.externalId === "string") return { externalId: payload.externalId };
      throw new Error("the token names neither email nor externalId");
    },
    async signWebhook(event) {
      const names: Partial<Record<WebhookEventType, string>> = { "user.created": "kustomer.customer.create", "user.updated": "kustomer.customer.update" };
      const name = names[event.type];
      if (!name) throw new Error(`the fake sends no ${event.type} webhook (Kustomer has kustomer.customer.create and .update)`);
      const c = customer(event.userId);
      const data = customerResource(c, ORG_ID, MACHINE_USER_ID);
      const id = state.nextId();
      state.customers.delete(id);
      const envelope = {
        id,
        name,
        org: ORG_ID,
        orgName: options.org,
        partition: ORG_ID,
        dataId: c.id,
        createdAt: now(),
        persist: true,
        client: "authmux-fake",
        meta: {},
        snsFilters: [],
        data,
        ...(name.endsWith(".update") ? { changes: { attributes: { updatedAt: { before: c.attributes.createdAt, after: c.attributes.updatedAt } } } } : {}),
      };
      const body = JSON.stringify(envelope);
      const token = event.foreign ? "a-webhook-token-the-adapter-never-saw" : options.webhookToken;
      return { body, headers: { "content-type": "application/json", "x-kustomer-webhook-event": name, "x-kustomer-webhook-signature": await signHmacHex(body, token, "utf8") } };
    },
    setClock: kit.setClock,
    failNext: kit.failNext,
    requestCount: kit.requestCount,
    setLatency(ms) {
      latencyMs = ms;
    },
    reset() {
      state = new FakeState();
      latencyMs = 0;
      window = { start: 0, used: 0 };
      kit.reset();
    },
  };

  return { handlers, fetch: fetchFromHandlers(getResponse, handlers, "Kustomer"), controls, requests, clock, options };
}
