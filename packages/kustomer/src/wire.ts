import * as z from "zod/mini";

// Kustomer's JSON:API-like envelopes (vendors/kustomer.md §2–§5), checked at the HTTP boundary. Objects are
// loose: Kustomer keeps adding attributes (whatsapps, instagramIds, …) and that must not break us.

const isoDate = z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), "an ISO date"));
const contact = <K extends string>(key: K) => z.looseObject({ [key]: z.string(), verified: z.optional(z.nullable(z.boolean())), type: z.nullish(z.string()) } as { [P in K]: z.ZodMiniString });

/** One customer resource (`{ type: "customer", id, attributes, relationships, links }`). */
export const wireCustomer = z.looseObject({
  type: z.literal("customer"),
  id: z.string().check(z.minLength(1)),
  attributes: z.looseObject({
    name: z.nullish(z.string()),
    externalId: z.nullish(z.string()),
    emails: z.optional(z.array(contact("email"))),
    phones: z.optional(z.array(contact("phone"))),
    custom: z.nullish(z.record(z.string(), z.unknown())),
    createdAt: isoDate,
    updatedAt: z.nullish(isoDate),
  }),
});
export type WireCustomer = z.infer<typeof wireCustomer>;

/** A single-record answer. */
export const wireCustomerDocument = z.looseObject({ data: wireCustomer });

/** A page of `GET /v1/customers`: `links.next` is `null` on the last page. */
export const wireCustomerPage = z.looseObject({
  links: z.looseObject({ next: z.nullish(z.string()) }),
  data: z.array(wireCustomer),
});

/** A page of `POST /v1/customers/search`: a reduced attribute set per hit. */
export const wireSearchPage = z.looseObject({
  links: z.looseObject({ next: z.nullish(z.string()) }),
  data: z.array(z.looseObject({ id: z.string().check(z.minLength(1)), attributes: z.looseObject({ name: z.nullish(z.string()), updatedAt: z.nullish(isoDate) }) })),
});

/** `GET /v1/auth/customer/settings`: the chat login secret. */
export const wireCustomerSettings = z.looseObject({
  data: z.looseObject({ attributes: z.looseObject({ secret: z.string().check(z.minLength(1)) }) }),
});
