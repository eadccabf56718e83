import * as z from "zod/mini";

// Kobble's response shapes (vendors/kobble.md §1–§8), checked at the HTTP boundary. Objects are loose:
// Kobble may add fields (phoneNumber, updatedAt, product ids) without breaking us.

const isoDate = z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), "an ISO date"));

/** A user (`ApiUser`), camelCase on the wire. */
export const wireUser = z.looseObject({
  id: z.string().check(z.minLength(1)),
  email: z.nullish(z.string()),
  name: z.nullish(z.string()),
  phoneNumber: z.nullish(z.string()),
  createdAt: isoDate,
  updatedAt: z.nullish(isoDate),
  isVerified: z.optional(z.boolean()),
  metadata: z.nullish(z.record(z.string(), z.unknown())),
});
export type WireUser = z.infer<typeof wireUser>;

/** `Paginated<ApiUser>`. */
export const wireUserPage = z.looseObject({
  total: z.number(),
  count: z.number(),
  page: z.number(),
  hasNext: z.boolean(),
  data: z.array(wireUser),
});

/** One quota of `GET /users/listQuotas`. */
export const wireQuota = z.looseObject({
  name: z.string(),
  usage: z.number(),
  limit: z.nullable(z.number()),
  remaining: z.nullish(z.number()),
  expiresAt: z.nullish(isoDate),
});
export type WireQuota = z.infer<typeof wireQuota>;
export const wireQuotaList = z.looseObject({ quotas: z.array(wireQuota) });

/** The `data` of a `quota.reached` webhook (vendors/kobble.md §6). */
export const wireQuotaReached = z.looseObject({ quotaName: z.string().check(z.minLength(1)), usage: z.number(), limit: z.nullish(z.number()) });

export const wirePermissionList = z.looseObject({ permissions: z.array(z.looseObject({ name: z.string() })) });
export const wireProductList = z.looseObject({ products: z.array(z.looseObject({ id: z.string(), name: z.string() })) });
export const wireLoginLink = z.looseObject({ url: z.string(), expiresAt: isoDate });
export const wireWhoami = z.looseObject({ projectId: z.string().check(z.minLength(1)) });
export const wireMetadataResult = z.looseObject({ metadata: z.nullish(z.record(z.string(), z.unknown())) });
/** POSTs whose answer the adapter does not use still promise a JSON object. */
export const wireAck = z.unknown();
