import { AuthmuxError, type HttpRequest, nullIfNotFound, optionsObject, type Page, requireJsonObject, requireListOptions, requirePhone, type User, vendorPath } from "@authmux/core";
import { type ChatIdentity, type ChatTokenOptions, chatIdentityClaim, checkChatTokenOptions, requireExternalId, signChatToken } from "./chat-token.js";
import type { KustomerContext } from "./context.js";
import { chatAudience, chatIssuer } from "./tokens.js";
import { toUser } from "./users.js";
import { wireCustomerDocument, wireSearchPage } from "./wire.js";

/** One criterion of a customer search: `{ customer_email: { equals: "ada@example.com" } }`. */
export type KustomerSearchCriterion = Record<string, Partial<Record<"equals" | "gte" | "lte" | "gt" | "lt", string | number | boolean>>>;

/** The body of `POST /v1/customers/search` (vendors/kustomer.md §3, "Search"). */
export interface KustomerSearchQuery {
  /** Criteria that must all hold. */
  and?: KustomerSearchCriterion[];
  /** Criteria of which one must hold. */
  or?: KustomerSearchCriterion[];
  /** Criteria that must not hold. */
  not?: KustomerSearchCriterion[];
  /** Sort keys, in order: `{ [attribute]: "asc" | "desc" }`. */
  sort?: Record<string, "asc" | "desc">[];
  /** The time zone dates are read in (IANA name). */
  timeZone?: string;
  /** Include deleted customers. */
  includeDeleted?: boolean;
}

/** A search hit: Kustomer returns a reduced attribute set; `users.get(id)` has the rest. */
export interface KustomerSearchHit {
  /** The customer's id. */
  id: string;
  /** The customer's name, or `null`. */
  name: string | null;
  /** When the customer last changed, where Kustomer says. */
  updatedAt: Date | null;
  /** Kustomer's hit, untouched. */
  raw: unknown;
}

/** Kustomer operations with no neutral counterpart. */
export interface KustomerVendor {
  /** The customer with this `externalId` (the app's own user id), or `null`. */
  getByExternalId(externalId: string): Promise<User | null>;
  /** The customer with this E.164 phone number, or `null`. */
  getByPhone(phone: string): Promise<User | null>;
  /** Customers matching search criteria, up to 500 a page; Kustomer stops at page 100. */
  searchCustomers(query: KustomerSearchQuery, options?: { limit?: number; cursor?: string | null }): Promise<Page<KustomerSearchHit>>;
  /** A chat login JWT for an identity the app chooses (the seed's `{ externalId }` or `{ email }`), without reading the customer. */
  issueChatToken(identity: ChatIdentity, options?: ChatTokenOptions): Promise<string>;
  /** An authenticated, retried, error-mapped call to any Kustomer endpoint (paths start with `/v1`). */
  request: HttpRequest;
}

const MAX_SEARCH_PAGE_SIZE = 500;
const MAX_SEARCH_PAGES = 100;
/** The keys of Kustomer's search body (vendors/kustomer.md §3, "Search"); `queryContext` is the adapter's. */
const SEARCH_KEYS = new Set(["and", "or", "not", "sort", "timeZone", "includeDeleted", "fields", "aggs", "searchHash"]);

/** A search's criteria, checked before any request: plain JSON with only the keys Kustomer's search body takes. */
function checkSearchQuery(query: unknown): KustomerSearchQuery {
  const checked = requireJsonObject(query, "search query");
  const unknown = Object.keys(checked).find((key) => !SEARCH_KEYS.has(key));
  if (unknown !== undefined) throw new AuthmuxError("invalid_input", `search query key "${unknown.slice(0, 100)}" is not one of ${[...SEARCH_KEYS].join(", ")}`);
  for (const key of ["and", "or", "not", "sort"]) {
    const list = checked[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((c) => typeof c !== "object" || c === null || Array.isArray(c)))) {
      throw new AuthmuxError("invalid_input", `search query ${key} must be an array of criteria objects`);
    }
  }
  if (checked.timeZone !== undefined && typeof checked.timeZone !== "string") throw new AuthmuxError("invalid_input", "search query timeZone must be a string");
  if (checked.includeDeleted !== undefined && typeof checked.includeDeleted !== "boolean") throw new AuthmuxError("invalid_input", "search query includeDeleted must be a boolean");
  return checked as KustomerSearchQuery;
}

export function kustomerVendor(context: KustomerContext): KustomerVendor {
  const { http, metadata, options, clock, chatSecret } = context;
  const lookup = (path: string) => nullIfNotFound(http.request("GET", path, { schema: wireCustomerDocument }).then((r) => toUser(r.data.data, metadata)));
  return {
    async getByExternalId(externalId) {
      return lookup(vendorPath`/v1/customers/externalId=${requireExternalId(externalId)}`);
    },
    async getByPhone(phone) {
      return lookup(vendorPath`/v1/customers/phone=${requirePhone(phone)}`);
    },
    async searchCustomers(query, listOptions) {
      const criteria = checkSearchQuery(query);
      const { limit, cursor } = requireListOptions(optionsObject(listOptions, "searchCustomers options"), MAX_SEARCH_PAGE_SIZE, 100);
      if (cursor !== null && !/^[1-9]\d{0,2}$/.test(cursor)) throw new AuthmuxError("invalid_input", "cursor must be the nextCursor of a previous search page");
      const page = cursor === null ? 1 : Number(cursor);
      // A read, not a write: safe to retry although Kustomer exposes it as a POST.
      const { data } = await http.request("POST", "/v1/customers/search", {
        query: { page, pageSize: limit },
        body: { queryContext: "customer", ...criteria },
        schema: wireSearchPage,
        idempotent: true,
      });
      const items = data.data.map((hit) => ({
        id: hit.id,
        name: hit.attributes.name ? hit.attributes.name : null,
        updatedAt: hit.attributes.updatedAt ? new Date(hit.attributes.updatedAt) : null,
        raw: hit,
      }));
      // Past page 100 Kustomer refuses: walk large sets by customer_updated_at instead.
      return { items, nextCursor: data.links.next && page < MAX_SEARCH_PAGES ? String(page + 1) : null };
    },
    async issueChatToken(identity, tokenOptions) {
      // Bad input never costs the secret's request.
      chatIdentityClaim(identity);
      checkChatTokenOptions(tokenOptions);
      return signChatToken(await chatSecret(), identity, { nowMs: clock(), issuer: chatIssuer(context), audience: chatAudience(options) }, tokenOptions);
    },
    request: http.request,
  };
}
