import { AuthmuxError, checkCreateUserInput, checkUserPatch, type CreateUserInput, type JsonObject, type JsonValue, type ListOptions, nullIfNotFound, optionsObject, type Page, requireEmail, requireId, requireJsonObject, requireListOptions, type UpdateUserInput, type User, vendorPath } from "@authmux/core";
import { type KustomerContext, PROVIDER } from "./context.js";
import type { MetadataCodec } from "./custom-attributes.js";
import { type WireCustomer, wireCustomerDocument, wireCustomerPage } from "./wire.js";

/** Kustomer serves at most 100 customers a page. */
export const MAX_PAGE_SIZE = 100;

/** The neutral view of a Kustomer customer (vendors/kustomer.md §4, "Mapping to the neutral User"). */
export function toUser(wire: WireCustomer, metadata: MetadataCodec): User {
  const { attributes } = wire;
  // Kustomer has no primary flag: the first entry is the customer's email and phone.
  const email = attributes.emails?.[0];
  const phone = attributes.phones?.[0];
  return {
    id: wire.id,
    email: email?.email ?? null,
    // Not the top-level `verified`, which is identity verification (set when an externalId is attached).
    emailVerified: email?.verified === true,
    phone: phone?.phone ?? null,
    phoneVerified: phone?.verified === true,
    // `displayName` may be an email or a random "Silver Scissors": never a person's name.
    name: attributes.name ? attributes.name : null,
    metadata: metadata.fromCustom(attributes.custom),
    createdAt: new Date(attributes.createdAt),
    updatedAt: attributes.updatedAt ? new Date(attributes.updatedAt) : null,
    provider: PROVIDER,
    raw: wire,
  };
}

/** A customer id fit for a path segment: `email=…`-style values would address a lookup route instead. */
export function requireCustomerId(value: unknown, what = "customer id"): string {
  const id = requireId(value, what);
  if (id.includes("=") || id.includes("%")) throw new AuthmuxError("invalid_input", `${what} contains characters no Kustomer id has (= or %)`);
  return id;
}

/** The users member: customers read, listed, created, updated, deleted, and their custom attributes. */
export function usersMember(context: KustomerContext) {
  const { http, metadata } = context;
  const customerPath = (id: string) => vendorPath`/v1/customers/${id}`;
  const fetchCustomer = async (id: string) => (await http.request("GET", customerPath(id), { schema: wireCustomerDocument })).data.data;
  // PATCH merges attributes (PUT without replace=true also merges, but unlinks the company when omitted).
  const patch = async (id: string, body: Record<string, unknown>) =>
    toUser((await http.request("PATCH", customerPath(id), { body, schema: wireCustomerDocument })).data.data, metadata);

  return {
    get: async (id: string) => nullIfNotFound(fetchCustomer(requireCustomerId(id)).then((c) => toUser(c, metadata))),

    async getByEmail(email: string): Promise<User | null> {
      const path = vendorPath`/v1/customers/email=${requireEmail(email)}`;
      return nullIfNotFound(http.request("GET", path, { schema: wireCustomerDocument }).then((r) => toUser(r.data.data, metadata)));
    },

    async list(options?: ListOptions): Promise<Page<User>> {
      const { limit, cursor } = requireListOptions(optionsObject(options, "users.list options"), MAX_PAGE_SIZE, 50);
      if (cursor !== null && !/^[1-9]\d{0,8}$/.test(cursor)) throw new AuthmuxError("invalid_input", "cursor must be the nextCursor of a previous Kustomer page");
      const page = cursor === null ? 1 : Number(cursor);
      // Oldest first, so customers created while paging land on later pages instead of shifting earlier ones.
      const query = { page, pageSize: limit, sort: "createdAt" };
      const { data } = await http.request("GET", "/v1/customers", { query, schema: wireCustomerPage });
      return { items: data.data.map((c) => toUser(c, metadata)), nextCursor: data.links.next ? String(page + 1) : null };
    },

    async create(given: CreateUserInput): Promise<User> {
      const input = checkCreateUserInput(given, { noPassword: "Kustomer customers have no password; users.create takes none" });
      const body: Record<string, unknown> = { emails: [{ type: "home", email: input.email }] };
      if (input.name != null) body.name = input.name;
      if (input.phone != null) body.phones = [{ type: "mobile", phone: input.phone }];
      if (input.metadata !== undefined) body.custom = metadata.toCustom(input.metadata);
      return toUser((await http.request("POST", "/v1/customers", { body, schema: wireCustomerDocument })).data.data, metadata);
    },

    async update(id: string, given: UpdateUserInput): Promise<User> {
      const customerId = requireCustomerId(id);
      const changes = checkUserPatch(given);
      const body: Record<string, unknown> = {};
      // Kustomer replaces a sent array whole: the customer's other emails or phones are dropped.
      if (changes.email !== undefined) body.emails = [{ type: "home", email: changes.email }];
      if (changes.phone !== undefined) body.phones = changes.phone === null ? [] : [{ type: "mobile", phone: changes.phone }];
      if (changes.name !== undefined) body.name = changes.name;
      return patch(customerId, body);
    },

    async delete(id: string): Promise<void> {
      await http.request("DELETE", customerPath(requireCustomerId(id)));
    },

    async replaceMetadata(id: string, data: JsonObject): Promise<User> {
      const customerId = requireCustomerId(id);
      const custom: Record<string, JsonValue> = metadata.toCustom(requireJsonObject(data));
      // Kustomer merges `custom` key by key, so attributes absent from the new object are cleared explicitly.
      // Not atomic: an attribute set between the read and the write survives.
      const current = await fetchCustomer(customerId);
      for (const [attribute, value] of Object.entries(current.attributes.custom ?? {})) {
        if (value !== null && !(attribute in custom)) custom[attribute] = null;
      }
      return patch(customerId, { custom });
    },

    async patchMetadata(id: string, partial: JsonObject): Promise<User> {
      const customerId = requireCustomerId(id);
      // The neutral patch is Kustomer's own key-wise merge of `custom`, `null` clearing an attribute: one request.
      return patch(customerId, { custom: metadata.toCustom(requireJsonObject(partial)) });
    },
  };
}
