import { type FetchLike, type JsonObject, type JsonValue, signHmacHex, type WebhookEventType } from "@authmux/core";
import { type ConformanceControls, createFakeKit, type FakeCall, type FakeKit, type FakeKitControls, type FakeProblem, type VendorFake, withDefaults } from "@authmux/core/testing";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { http, type RequestHandler } from "msw";
import { badParam, duplicate, forbidden, kustomerError, notEmulated, notFound, tooManyRequests, unauthorized, unknownRoute } from "./responses.js";
import { contactsOf, customerResource, type FakeCustomer, FakeState, newAttributes, ORG_ID, searchHit } from "./state.js";

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

/** The controls of the fake: the conformance contract (webhooks included) plus Kustomer specifics. */
export interface KustomerFakeControls extends Omit<ConformanceControls, "signWebhook">, Required<Pick<ConformanceControls, "signWebhook">>, FakeKitControls {
  /** No password (Kustomer customers have none); an `externalId` besides. */
  seedUser(input: { email: string; name?: string | null; phone?: string | null; metadata?: JsonObject; externalId?: string }): Promise<{
    /** The new customer's id. */
    id: string;
  }>;
  /** What Kustomer's chat would do with a login JWT: the identity it logs in (email wins), or an Error. */
  verifyChatToken(token: string): Promise<
    | {
        /** The email the token names. */
        email: string;
      }
    | {
        /** The external id the token names. */
        externalId: string;
      }
  >;
  /** The whole state (every customer, deleted ones too) as JSON, for {@link KustomerFakeControls.restore}. */
  snapshot(): JsonObject;
  /** Replaces the state with a {@link KustomerFakeControls.snapshot}. */
  restore(state: JsonObject): void;
  /** Forgets every customer and the rate window, and the kit's requests, faults, latency and clock. */
  reset(): void;
}

/** The fake's settings, defaults filled in. */
export type KustomerFakeSettings = Required<Omit<KustomerFakeOptions, "clock">>;

/**
 * What the Kustomer adapter needs to talk to the fake. The chat secret is not among them: the adapter reads
 * it from the fake's `GET /v1/auth/customer/settings`, as in production.
 */
export type KustomerFakeAdapterOptions = Pick<KustomerFakeSettings, "apiKey" | "baseUrl" | "webhookToken" | "customAttributes"> & {
  /** The fake's `fetch`. */
  fetch: FetchLike;
  /** The fake's clock. */
  clock: () => number;
};

/** A strict, stateful fake of Kustomer's API: what {@link createKustomerFake} returns. */
export type KustomerFake = VendorFake<KustomerFakeControls, KustomerFakeAdapterOptions, KustomerFakeSettings, RequestHandler>;

const DEFAULTS: Omit<KustomerFakeSettings, "baseUrl"> = {
  org: "authmux-test",
  apiKey: "kustomer_api_key_for_tests",
  keys: {},
  chatSecret: "kustomer-chat-secret-for-tests-0123456789abcdef",
  webhookToken: "kustomer-webhook-token-for-tests",
  customAttributes: ["planStr", "seatsNum", "regionStr", "tierStr", "aNum", "betaBool", "renewsAt", "homepageUrl", "notesTxt"],
  duplicateEmails: "conflict",
  rateLimit: 1000,
};

const REGIONAL_HOSTS = ["https://api.kustomerapp.com", "https://api.prod2.kustomerapp.com", "https://api.prod4.kustomerapp.com"];
const ALL_ROLES = ["org.admin", "org.user", "org.permission.outbound_webhook", "org.permission.customer.read", "org.permission.customer.create", "org.permission.customer.update", "org.permission.customer.delete", "org.permission.search.create"];

// A route's access → the permission-set role, then the legacy roles that also grant it (vendors/kustomer.md §1).
const ROLE: Readonly<Record<string, readonly string[]>> = {
  read: ["org.permission.customer.read", "org.user.customer.read"],
  create: ["org.permission.customer.create", "org.user.customer.write"],
  update: ["org.permission.customer.update", "org.user.customer.write"],
  delete: ["org.permission.customer.delete", "org.user.customer.delete"],
  search: ["org.permission.search.create", "org.permission.search.update", "org.permission.search_global.create", "org.permission.search_preview.create", "org.user.search.read", "org.admin.search.read"],
  admin: ["org.admin"],
  webhooks: ["org.permission.outbound_webhook"],
};

// Create/update accept these attributes (vendors/kustomer.md §3, "Create"); anything else is `badparam`.
const WRITABLE = new Set(
  "name company externalId username signedUpAt lastActivityAt lastCustomerActivityAt lastSeenAt avatarUrl externalIds sharedExternalIds emails sharedEmails phones sharedPhones whatsapps facebookIds instagramIds socials sharedSocials urls locations locale timeZone tags sentiment custom birthdayAt gender createdAt importedAt rev defaultLang".split(" "),
);
/** How `emails` and `phones` entries must look. */
const CONTACTS = [
  { field: "emails", key: "email", shape: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, types: ["home", "work", "other"], title: "Invalid email entry" },
  { field: "phones", key: "phone", shape: /^\+[1-9]\d{7,14}$/, types: ["mobile", "home", "work", "fax", "other"], title: "Invalid phone entry" },
];
const SUFFIX = /^([a-z][A-Za-z0-9]*?)(Str|Txt|Num|At|Bool|Url)$/;
/** What a custom attribute of each type suffix holds (besides null, which clears it). */
const FITS: Readonly<Record<string, (value: unknown) => boolean>> = {
  Str: (v) => typeof v === "string" && v.length <= 1024,
  Txt: (v) => typeof v === "string" && v.length <= 1024,
  Num: (v) => typeof v === "number" && Number.isFinite(v),
  Bool: (v) => typeof v === "boolean",
  At: (v) => typeof v === "string" && !Number.isNaN(Date.parse(v)),
  Url: (v) => typeof v === "string" && URL.canParse(v),
};
const LIST_QUERY = /^(page|pageSize|sort|filter\[(createdAt|updatedAt)\]\[(gte|gt|lte|lt)\])$/;
const LOOKUP = /^(email|externalId|phone)=(.*)$/;
/** The keys a search body may carry (vendors/kustomer.md §3, "Search"). */
const SEARCH_BODY = new Set(["queryContext", "and", "or", "not", "sort", "timeZone", "fields", "aggs", "includeDeleted", "searchHash"]);
/** Path segments under `/v1/customers/` that are other routes, never a customer id. */
const RESERVED = new Set(["search", "bulk"]);
/** What Kustomer's body parser says, by the rule a bad body broke. */
const PARSER_SAYS: Readonly<Record<NonNullable<FakeProblem["reason"]>, string>> = {
  media_type: "Content-Type must be application/json",
  invalid_json: "Unexpected token in JSON body",
  missing: "Unexpected token in JSON body",
  not_object: "The body must be a JSON object",
};

/** The roles of the API key a call was made with. */
type Roles = readonly string[];

/** Create/update attributes holding a date-time (ISO string, or null). */
const DATE_ATTRIBUTES = ["signedUpAt", "lastActivityAt", "lastCustomerActivityAt", "lastSeenAt", "birthdayAt", "createdAt", "importedAt"];
/** The criteria operators of the search the reference documents. */
const SEARCH_OPERATORS = new Set(["equals", "gte", "gt", "lte", "lt"]);
/** Search body keys the fake does not evaluate: answered 501 rather than ignored. */
const SEARCH_NOT_EMULATED = ["fields", "aggs", "searchHash"];
/** Time zones the fake reads search dates in; Kustomer takes any IANA zone (default GMT). */
const UTC_ZONES = new Set(["UTC", "GMT", "Etc/UTC", "Etc/GMT"]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const customValueFits = (name: string, value: unknown) => value === null || (FITS[SUFFIX.exec(name)?.[2] ?? ""]?.(value) ?? false);
/** `equals`, `gte`, `gt`, `lte`, `lt` between two values of one kind. */
const holds = (op: string, a: string | number, b: string | number) =>
  op === "equals" ? a === b : op === "gte" ? a >= b : op === "gt" ? a > b : op === "lte" ? a <= b : op === "lt" && a < b;

/**
 * A stateful, strict fake of Kustomer's REST API: it checks the bearer key and its roles, paths, methods,
 * query parameters and JSON bodies (custom attributes against the org's definitions) the way
 * vendors/kustomer.md describes, answers with Kustomer's envelopes, error bodies, status codes and rate-limit
 * headers at the org host and the regional hosts, serves the chat secret, mints chat login JWTs, signs
 * outbound webhooks, and injects faults and latency (core's fake kit).
 *
 * @example
 * const fake = createKustomerFake();
 * const auth = kustomer(fake.adapterOptions);
 */
export function createKustomerFake(input: KustomerFakeOptions = {}): KustomerFake {
  const options = withDefaults<KustomerFakeSettings>({ ...DEFAULTS, baseUrl: `https://${input.org ?? DEFAULTS.org}.api.kustomerapp.com` }, input);
  const origin = new URL(options.baseUrl).origin;
  const keys = new Map<string, readonly string[]>([[options.apiKey, ALL_ROLES], ...Object.entries(options.keys)]);
  const defined = new Set(options.customAttributes);
  let state = new FakeState();
  let window = { start: 0, used: 0 };

  const kit: FakeKit = createFakeKit<Roles>({
    vendor: "Kustomer",
    baseUrl: [options.baseUrl, ...REGIONAL_HOSTS],
    clock: input.clock,
    bodyRequired: ["POST", "PUT", "PATCH"],
    authorize(request, access) {
      const bearer = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "");
      const roles = bearer ? keys.get(bearer[1]!) : undefined;
      if (!roles) return unauthorized();
      // `any`: every valid key, whatever its roles (vendors/kustomer.md §1, "Who am I").
      const needed = ROLE[access ?? ""] ?? [];
      if (access !== "any" && !needed.some((r) => roles.includes(r))) return forbidden(needed[0] ?? "");
      // The org-wide budget: a fixed window of 60 s (vendors/kustomer.md §6).
      if (kit.clock() - window.start >= 60_000) window = { start: kit.clock(), used: 0 };
      window.used += 1;
      return window.used > options.rateLimit ? tooManyRequests(rateHeaders(0)) : roles;
    },
    // Documented, not emulated: the asynchronous bulk batches, outbound-webhook management and the key's own token.
    notEmulated: [
      { route: "POST /v1/customers/bulk", access: "create" },
      { route: "PUT /v1/customers/bulk", access: "update" },
      { route: "DELETE /v1/customers/bulk", access: "delete" },
      { route: "POST /v1/outbound-webhooks", access: "webhooks" },
      { route: "GET /v1/outbound-webhooks/{id}", access: "webhooks" },
      { route: "DELETE /v1/outbound-webhooks/{id}", access: "webhooks" },
      { route: "GET /v1/auth/tokens/current", access: "any" },
    ],
    error({ kind, status, message, reason, retryAfterSec, method, path, operation }) {
      if (kind === "not_emulated") return notEmulated(operation ?? `${method} ${path}`);
      // Kustomer says when its window resets (epoch seconds), not Retry-After.
      if (kind === "rate_limited") return tooManyRequests(rateHeaders(0, Math.floor(kit.clock() / 1000) + (retryAfterSec ?? 60)));
      if (kind === "unavailable") return kustomerError({ status, code: "serviceunavailable", title: "Service Unavailable" });
      if (kind === "auth_failed") return unauthorized();
      if (kind === "not_found") return unknownRoute(method, path);
      return kustomerError({ status, code: "bad_request", title: "Bad Request", detail: reason ? PARSER_SAYS[reason] : message });
    },
    // `x-ratelimit-*` and `x-kustomer-pod` on every answer (vendors/kustomer.md §6).
    finish(response) {
      for (const [name, value] of Object.entries(rateHeaders(options.rateLimit - window.used))) response.headers.set(name, value);
      return response;
    },
    routes: {
      "GET /v1/auth/customer/settings": { access: "admin", handle: () => Response.json(settingsDocument()) },
      "GET /v1/customers": { access: "read", handle: ({ query }) => listCustomers(query) },
      "POST /v1/customers": {
        access: "create",
        // Overriding createdAt needs org.admin (vendors/kustomer.md §3, "Create").
        handle: ({ body, auth }) => checkAttributes(body) ?? (body.createdAt !== undefined && !auth.includes("org.admin") ? forbidden("org.admin") : undefined) ?? uniqueness(body) ?? doc(state.create(body, now()), 201),
      },
      "POST /v1/customers/search": { access: "search", handle: ({ query, body }) => search(query, body) },
      "GET /v1/customers/:id": {
        access: "read",
        handle: (call) => {
          const by = LOOKUP.exec(call.params.id ?? "");
          if (!by) return withCustomer(call, (c) => doc(c));
          const c = state.find(by[1]!, by[2]!);
          return c ? doc(c) : notFound(by[1]);
        },
      },
      "PUT /v1/customers/:id": { access: "update", handle: (call) => withCustomer(call, (c) => update(c, call)) },
      "PATCH /v1/customers/:id": { access: "update", handle: (call) => withCustomer(call, (c) => update(c, call)) },
      "DELETE /v1/customers/:id": { access: "delete", handle: (call) => withCustomer(call, softDelete) },
    },
  });

  const now = () => new Date(kit.clock()).toISOString();
  const doc = (c: FakeCustomer, status = 200, headers: Record<string, string> = {}) => Response.json({ data: customerResource(c) }, { status, headers });

  /** The rate-limit headers with `remaining` calls left; the window resets (epoch seconds) at `reset`. */
  function rateHeaders(remaining: number, reset = Math.floor(window.start / 1000) + 60): Record<string, string> {
    return { "x-ratelimit-limit": String(options.rateLimit), "x-ratelimit-remaining": String(Math.max(0, remaining)), "x-ratelimit-reset": String(reset), "x-kustomer-pod": "prod1" };
  }

  function settingsDocument() {
    const at = "2025-01-01T00:00:00.000Z";
    const attributes = { secret: options.chatSecret, corsWhitelist: [], createdAt: at, updatedAt: at };
    return { data: { type: "customer_settings", id: ORG_ID, attributes, relationships: { org: { data: { type: "org", id: ORG_ID } } }, links: { self: "/v1/auth/customer/settings" } } };
  }

  /** The live customer a `/v1/customers/{id}` route names; a lookup segment or a reserved name there is no such route. */
  function withCustomer({ request, url, params }: FakeCall<Roles>, answer: (c: FakeCustomer) => Response): Response {
    const id = params.id ?? "";
    if (RESERVED.has(id) || LOOKUP.test(id)) return unknownRoute(request.method, url.pathname);
    const c = state.byId(id);
    return c ? answer(c) : notFound("id");
  }

  /** Kustomer deletes softly: lookups and lists no longer see the customer. */
  function softDelete(c: FakeCustomer): Response {
    c.attributes.deleted = true;
    return new Response(null, { status: 204 });
  }

  /** Checks the flat attribute body of a create or update; returns the error answer, if any. */
  function checkAttributes(body: Record<string, unknown>): Response | undefined {
    for (const key of Object.keys(body)) if (!WRITABLE.has(key)) return badParam(key, "Additional properties not allowed", "/additionalProperties");
    for (const key of ["name", "externalId"]) if (body[key] != null && typeof body[key] !== "string") return badParam(key, "Invalid type", `/properties/${key}/type`);
    for (const key of DATE_ATTRIBUTES) {
      if (body[key] != null && (typeof body[key] !== "string" || Number.isNaN(Date.parse(body[key])))) return badParam(key, "Invalid date-time", `/properties/${key}/format`);
    }
    // `rev` is Kustomer's revision counter; what it does when sent is not documented, so it is not guessed at.
    if (body.rev !== undefined) return notEmulated("the rev attribute", "rev");
    for (const { field, key, shape, types, title } of CONTACTS) {
      const list = body[field];
      const entryOk = (e: unknown) => isPlainObject(e) && typeof e[key] === "string" && shape.test(e[key]) && (e.type === undefined || (typeof e.type === "string" && types.includes(e.type)));
      if (list !== undefined && (!Array.isArray(list) || !list.every(entryOk))) return badParam(field, title, `/properties/${field}/items`);
    }
    if (body.custom === undefined) return undefined;
    if (!isPlainObject(body.custom)) return badParam("custom", "Invalid type", "/properties/custom/type");
    for (const [name, value] of Object.entries(body.custom)) {
      if (!defined.has(name)) return badParam(name, "Additional properties not allowed", "/properties/custom/additionalProperties");
      if (!customValueFits(name, value)) return badParam(name, "Invalid type", `/properties/custom/properties/${name}/type`);
    }
    return undefined;
  }

  /** 409 when another live customer holds an email or the externalId. */
  function uniqueness(body: Record<string, unknown>, except?: string): Response | undefined {
    if (typeof body.externalId === "string" && state.find("externalId", body.externalId, except)) return duplicate("externalId");
    if (options.duplicateEmails === "conflict" && contactsOf("email", body.emails).some((e) => state.find("email", e.email, except))) return duplicate("emails");
    return undefined;
  }

  /** PATCH (and PUT) merge the sent attributes, `custom` key by key; `PUT ?replace=true` replaces the customer. */
  function update(c: FakeCustomer, { request, query, body }: FakeCall<Roles>): Response {
    const bad = checkAttributes(body) ?? uniqueness(body, c.id);
    if (bad) return bad;
    const a = c.attributes;
    const kept = { createdAt: a.createdAt, rev: a.rev, deleted: a.deleted };
    if (request.method === "PUT" && query.get("replace") === "true") {
      c.attributes = { ...newAttributes(body, c.seq, a.createdAt), ...kept };
    } else {
      for (const [key, value] of Object.entries(body)) {
        if (key === "custom") a.custom = { ...a.custom, ...structuredClone(value as Record<string, JsonValue>) };
        else if (key === "emails") a.emails = contactsOf("email", value);
        else if (key === "phones") a.phones = contactsOf("phone", value);
        else a[key] = value;
      }
      if ("externalId" in body && !("externalIds" in body)) a.externalIds = a.externalId ? [{ verified: true, externalId: a.externalId }] : [];
      // A PUT without `company` unlinks the customer from its company (vendors/kustomer.md §3, "Update").
      if (request.method === "PUT" && !("company" in body)) a.company = null;
    }
    const at = now();
    Object.assign(c.attributes, { rev: kept.rev + 1, updatedAt: at, modifiedAt: at });
    // The per-object update budget (vendors/kustomer.md §6), recorded as 600 a window.
    return doc(c, 200, { "x-ratelimit-object-limit": "600", "x-ratelimit-object-remaining": String(600 - kept.rev) });
  }

  /** One page of `all` as Kustomer answers it: `meta`, `links` (`next` null on the last page) and the rendered items. */
  function page<T>(all: T[], query: URLSearchParams, basePath: string, maxPageSize: number, render: (item: T) => unknown): Response {
    const pageNo = Number(query.get("page") ?? "1");
    const pageSize = Number(query.get("pageSize") ?? "100");
    if (!Number.isInteger(pageNo) || pageNo < 1) return badParam("page", "Invalid page");
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) return badParam("pageSize", `pageSize must be between 1 and ${maxPageSize}`);
    const totalPages = Math.max(1, Math.ceil(all.length / pageSize));
    const link = (p: number) => `${basePath}?page=${p}&pageSize=${pageSize}`;
    return Response.json({
      meta: { pageSize, page: pageNo, total: all.length, totalPages },
      links: { self: link(pageNo), first: link(1), prev: pageNo > 1 ? link(pageNo - 1) : null, next: pageNo < totalPages ? link(pageNo + 1) : null, last: link(totalPages) },
      data: all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(render),
    });
  }

  function listCustomers(query: URLSearchParams): Response {
    let all = state.live();
    const params: [string, string][] = [];
    query.forEach((value, key) => params.push([key, value]));
    for (const [key, value] of params) {
      // page, pageSize, sort, or filter[createdAt|updatedAt][gte|gt|lte|lt]=<date>.
      const known = LIST_QUERY.exec(key);
      if (!known) return badParam(key, "Unknown query parameter");
      if (known[2] === undefined) continue;
      const bound = Date.parse(value);
      if (Number.isNaN(bound)) return badParam(key, "Invalid date");
      const field = known[2] === "createdAt" ? "createdAt" : "updatedAt";
      all = all.filter((c) => holds(known[3]!, Date.parse(c.attributes[field]), bound));
    }
    const sort = query.get("sort");
    if (sort !== null && sort !== "createdAt" && sort !== "-createdAt") return badParam("sort", "Invalid sort");
    all.sort((x, y) => x.attributes.createdAt.localeCompare(y.attributes.createdAt) || x.seq - y.seq);
    if (sort === "-createdAt") all.reverse();
    return page(all, query, "/v1/customers", 100, customerResource);
  }

  function search(query: URLSearchParams, body: Record<string, unknown>): Response {
    if (body.queryContext !== "customer") return badParam("queryContext", "queryContext must be customer");
    for (const key of Object.keys(body)) if (!SEARCH_BODY.has(key)) return badParam(key, "Additional properties not allowed");
    if (Number(query.get("page") ?? "1") > 100) return badParam("page", "Search is limited to 100 pages");
    const skipped = SEARCH_NOT_EMULATED.find((key) => body[key] !== undefined);
    if (skipped) return notEmulated(`the search's ${skipped}`, skipped);
    // Dates without a time are read in `timeZone`; the fake reads them in UTC only, and says so for any other zone.
    if (body.timeZone !== undefined && !(typeof body.timeZone === "string" && UTC_ZONES.has(body.timeZone))) return notEmulated("a search timeZone other than UTC/GMT", "timeZone");
    const field = (c: FakeCustomer, name: string): unknown => {
      const a = c.attributes;
      if (name === "customer_email") return a.emails.map((e) => e.email.toLowerCase());
      if (name === "customer_phone") return a.phones.map((p) => p.phone);
      if (name === "customer_created_at") return a.createdAt;
      if (name === "customer_updated_at") return a.updatedAt;
      if (name.startsWith("customer_custom_")) return a.custom[name.slice("customer_custom_".length)];
      // customer_last_seen_at → lastSeenAt; customer_externalId stays externalId.
      return a[name.slice("customer_".length).replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];
    };
    // One criterion: `{ customer_email: { equals: "…" } }`; order operators compare as strings.
    const test = (c: FakeCustomer, criterion: Record<string, unknown>): boolean =>
      Object.entries(criterion).every(([name, ops]) => {
        if (!name.startsWith("customer_") || !isPlainObject(ops)) return false;
        const actual = field(c, name);
        const values = Array.isArray(actual) ? actual : [actual];
        return Object.entries(ops).every(([op, want]) => {
          const w = typeof want === "string" && name === "customer_email" ? want.toLowerCase() : want;
          // A customer without the attribute is never greater or less than anything.
          return values.some((v) => (op === "equals" ? v === w : v != null && holds(op, String(v), String(w))));
        });
      });
    const lists = ["and", "or", "not"].map((key) => ({ key, list: body[key] ?? [] }));
    const invalid = lists.find(({ list }) => !Array.isArray(list) || !list.every(isPlainObject));
    if (invalid) return badParam(invalid.key, "Invalid criteria");
    const [and = [], or = [], not = []] = lists.map(({ list }) => list as Record<string, unknown>[]);
    // Operators beyond the five the reference documents are not guessed at (they would match nothing, silently).
    const ops = [...and, ...or, ...not].flatMap((criterion) => Object.values(criterion).flatMap((o) => (isPlainObject(o) ? Object.keys(o) : [])));
    const unknownOp = ops.find((op) => !SEARCH_OPERATORS.has(op));
    if (unknownOp !== undefined) return notEmulated(`the search operator ${unknownOp}`, unknownOp);
    const pool = body.includeDeleted === true ? [...state.customers.values()] : state.live();
    const matches = pool.filter((c) => and.every((x) => test(c, x)) && (or.length === 0 || or.some((x) => test(c, x))) && !not.some((x) => test(c, x)));
    // `sort: [{ customer_updated_at: "asc" }, …]`: each criterion in turn, then creation order.
    const sort = body.sort ?? [];
    const criteria = (Array.isArray(sort) ? sort : [null]).map((entry) => {
      const [only, ...more] = isPlainObject(entry) ? Object.entries(entry) : [];
      return only && more.length === 0 && only[0].startsWith("customer_") && (only[1] === "asc" || only[1] === "desc") ? { name: only[0], sign: only[1] === "asc" ? 1 : -1 } : undefined;
    });
    if (criteria.includes(undefined)) return badParam("sort", "Invalid sort");
    const sortValue = (c: FakeCustomer, name: string) => {
      const v = field(c, name);
      return (Array.isArray(v) ? v[0] : v) as string | number | null | undefined;
    };
    matches.sort((x, y) => {
      for (const { name, sign } of criteria as { name: string; sign: number }[]) {
        const [a, b] = [sortValue(x, name), sortValue(y, name)];
        if (a === b) continue;
        // Customers without the attribute come last either way.
        if (a == null || b == null) return a == null ? 1 : -1;
        return (a < b ? -1 : 1) * sign;
      }
      return x.seq - y.seq;
    });
    return page(matches, query, "/v1/customers/search", 500, searchHit);
  }

  /** The org's attribute for a neutral metadata key, as a dashboard user would pick it: the key itself, else the attribute of that base (plan → planStr). */
  const attributeFor = (key: string) => (defined.has(key) ? key : options.customAttributes.find((n) => SUFFIX.exec(n)?.[1] === key));
  /** The neutral metadata key of an attribute: its base when the base maps back to it (planStr → plan), else its full name. */
  const metadataKey = (name: string) => {
    const base = SUFFIX.exec(name)?.[1];
    return base !== undefined && attributeFor(base) === name ? base : name;
  };

  function customer(id: string): FakeCustomer {
    const c = state.byId(id);
    if (!c) throw new Error(`the fake has no customer ${id}`);
    return c;
  }

  const controls: KustomerFakeControls = {
    ...kit.controls,
    async seedUser(seed) {
      // As a dashboard user fills it in: metadata keys are the org's attributes or their bases (plan → planStr).
      const custom = Object.fromEntries(Object.entries(seed.metadata ?? {}).map(([key, value]) => [attributeFor(key) ?? key, value]));
      const body = {
        emails: [{ type: "home", email: seed.email }],
        custom,
        ...(seed.name != null ? { name: seed.name } : {}),
        ...(seed.phone != null ? { phones: [{ type: "mobile", phone: seed.phone }] } : {}),
        ...(seed.externalId !== undefined ? { externalId: seed.externalId } : {}),
      };
      const refused = checkAttributes(body);
      if (refused) throw new Error(`the fake's org refuses this customer: ${await refused.text()} (customAttributes: ${options.customAttributes.join(", ")})`);
      return { id: state.create(body, now()).id };
    },
    async peekUser(ref) {
      const c = typeof ref === "string" ? state.byId(ref) : state.find("email", ref.email);
      if (!c) return null;
      const { name, emails, phones, custom } = c.attributes;
      const metadata: JsonObject = {};
      // Cleared attributes hold null: Kustomer shows them as absent.
      for (const [attribute, value] of Object.entries(custom)) if (value !== null) metadata[metadataKey(attribute)] = value;
      return { id: c.id, email: emails[0]?.email ?? null, name, phone: phones[0]?.phone ?? null, metadata };
    },
    // A chat login JWT for the customer (its externalId, else its email), signed with the org's secret; `foreign` uses another.
    async issueToken(userId, opts = {}) {
      const { attributes } = customer(userId);
      const identity = attributes.externalId ? { externalId: attributes.externalId } : { email: attributes.emails[0]!.email };
      const kind = opts.kind ?? "valid";
      const nowSec = Math.floor(kit.clock() / 1000);
      const iat = kind === "expired" ? nowSec - 7200 : kind === "not_yet_valid" ? nowSec + 3600 : nowSec;
      const secret = kind === "foreign" ? "another-org-chat-secret-0123456789abcdef" : options.chatSecret;
      // The seed's claims, plus exp and iss as the authmux adapter issues them.
      return new SignJWT({ ...identity, iat, exp: iat + 900, iss: origin }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(secret));
    },
    async verifyChatToken(token) {
      if (decodeProtectedHeader(token).alg !== "HS256") throw new Error("Kustomer chat accepts HS256 login tokens only");
      const { payload } = await jwtVerify(token, new TextEncoder().encode(options.chatSecret), { algorithms: ["HS256"], currentDate: new Date(kit.clock()) });
      if (typeof payload.iat !== "number" || Math.abs(kit.clock() / 1000 - payload.iat) > 900) throw new Error("iat is more than 15 minutes off");
      if (typeof payload.email === "string") return { email: payload.email };
      if (typeof payload.externalId === "string") return { externalId: payload.externalId };
      throw new Error("the token names neither email nor externalId");
    },
    async signWebhook(event) {
      const names: Partial<Record<WebhookEventType, string>> = { "user.created": "kustomer.customer.create", "user.updated": "kustomer.customer.update" };
      const name = names[event.type];
      if (!name) throw new Error(`the fake sends no ${event.type} webhook (Kustomer has kustomer.customer.create and .update)`);
      const c = customer(event.userId);
      const changes = name.endsWith(".update") ? { changes: { attributes: { updatedAt: { before: c.attributes.createdAt, after: c.attributes.updatedAt } } } } : {};
      const envelope = { id: state.nextId(), name, org: ORG_ID, orgName: options.org, partition: ORG_ID, dataId: c.id, createdAt: now(), persist: true, client: "authmux-fake" };
      const body = event.body ?? JSON.stringify({ ...envelope, meta: {}, snsFilters: [], data: customerResource(c), ...changes });
      const token = event.foreign ? "a-webhook-token-the-adapter-never-saw" : options.webhookToken;
      return { body, headers: { "content-type": "application/json", "x-kustomer-webhook-event": name, "x-kustomer-webhook-signature": await signHmacHex(body, token, "utf8") } };
    },
    snapshot: () => state.snapshot(),
    restore(snapshot) {
      state = FakeState.restore(snapshot);
    },
    reset() {
      state = new FakeState();
      window = { start: 0, used: 0 };
      kit.reset();
    },
  };

  const { apiKey, baseUrl, webhookToken, customAttributes } = options;
  return kit.expose(http, { controls, options, adapterOptions: { apiKey, baseUrl, webhookToken, customAttributes } });
}
