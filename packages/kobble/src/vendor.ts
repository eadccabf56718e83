import { AuthmuxError, type HttpRequest, nullIfNotFound, type Page, requireId, requireListOptions, requirePhone, type User } from "@authmux/core";
import type { KobbleContext } from "./context.js";
import { MAX_PAGE_SIZE, toUser } from "./users.js";
import { wireProductList, wireUser, wireUserPage, wireWhoami } from "./wire.js";

/** Kobble operations with no neutral counterpart. */
export interface KobbleVendor {
  /** The products (plans) the user has, active first. */
  activeProducts(userId: string): Promise<{
    /** The product's id. */
    id: string;
    /** Its name. */
    name: string;
  }[]>;
  /** Users whose metadata holds all these exact string values. */
  findByMetadata(metadata: Record<string, string>, options?: { limit?: number; cursor?: string | null }): Promise<Page<User>>;
  /** The user with this E.164 phone number, or `null`. */
  getByPhoneNumber(phoneNumber: string): Promise<User | null>;
  /** The project the SDK secret belongs to. */
  whoami(): Promise<{
    /** The project's id. */
    projectId: string;
    /** The project's slug. */
    projectSlug?: string;
    /** The dashboard user who created the secret. */
    userId?: string;
  }>;
  /** An authenticated, retried, error-mapped call to any Kobble admin endpoint. */
  request: HttpRequest;
}

export function kobbleVendor({ http }: KobbleContext): KobbleVendor {
  return {
    async activeProducts(userId) {
      const query = { userId: requireId(userId, "user id") };
      return (await http.request("GET", "/users/listActiveProducts", { query, schema: wireProductList })).data.products.map((p) => ({ id: p.id, name: p.name }));
    },
    async findByMetadata(metadata, options) {
      if (typeof metadata !== "object" || metadata === null || Object.keys(metadata).length === 0 || Object.values(metadata).some((v) => typeof v !== "string")) {
        throw new AuthmuxError("invalid_input", "findByMetadata needs an object of string values (Kobble matches exact strings)");
      }
      const { limit, cursor } = requireListOptions(options, MAX_PAGE_SIZE, 50);
      if (cursor !== null && !/^[1-9]\d{0,8}$/.test(cursor)) throw new AuthmuxError("invalid_input", "cursor must be the nextCursor of a previous page");
      const page = cursor === null ? 1 : Number(cursor);
      // A search, not a write: safe to retry although Kobble exposes it as a POST.
      const { data } = await http.request("POST", "/users/findByMetadata", { body: { metadata, page, limit }, schema: wireUserPage, idempotent: true });
      return { items: data.data.map(toUser), nextCursor: data.hasNext ? String(page + 1) : null };
    },
    async getByPhoneNumber(phoneNumber) {
      const query = { phoneNumber: requirePhone(phoneNumber, "phoneNumber"), includeMetadata: true };
      return nullIfNotFound(http.request("GET", "/users/findByPhoneNumber", { query, schema: wireUser }).then((r) => toUser(r.data)));
    },
    async whoami() {
      const { data } = await http.request("GET", "/auth/whoami", { schema: wireWhoami });
      return data as { projectId: string; projectSlug?: string; userId?: string };
    },
    request: http.request,
  };
}
