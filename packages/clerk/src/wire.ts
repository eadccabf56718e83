import * as z from "zod/mini";

// Clerk's Backend API shapes (vendors/clerk.md §3–§7, spec bapi/2026-05-12.yml), checked at the HTTP
// boundary. Timestamps are epoch milliseconds. Loose objects: Clerk adds fields with new API versions.

/** Epoch milliseconds a `Date` can hold (±8.64e15). */
const epochMs = z.number().check(z.refine((ms) => !Number.isNaN(new Date(ms).getTime()), "epoch milliseconds"));

const verification = z.nullish(
  z.looseObject({
    /** `verified`, `unverified`, `expired`, … */
    status: z.string(),
  }),
);

/** `EmailAddress`, in a user and from `GET /email_addresses/{id}`. */
export const wireEmail = z.looseObject({
  /** The email address's id (`idn_…`). */
  id: z.string(),
  /** Always `email_address`. */
  object: z.literal("email_address"),
  /** The address. */
  email_address: z.string(),
  /** Its verification, if any. */
  verification,
  /** Clerk's `reserved` flag. */
  reserved: z.optional(z.boolean()),
});
export type WireEmail = z.infer<typeof wireEmail>;
/** `PhoneNumber`, in a user and from `GET /phone_numbers/{id}`. */
export const wirePhone = z.looseObject({
  /** The phone number's id. */
  id: z.string(),
  /** Always `phone_number`. */
  object: z.literal("phone_number"),
  /** The number, E.164. */
  phone_number: z.string(),
  /** Its verification, if any. */
  verification,
});
export type WirePhone = z.infer<typeof wirePhone>;

export const wireUser = z.looseObject({
  id: z.string().check(z.minLength(1)),
  object: z.literal("user"),
  username: z.nullish(z.string()),
  first_name: z.nullish(z.string()),
  last_name: z.nullish(z.string()),
  primary_email_address_id: z.nullish(z.string()),
  primary_phone_number_id: z.nullish(z.string()),
  email_addresses: z.array(wireEmail),
  phone_numbers: z.array(wirePhone),
  public_metadata: z.nullish(z.record(z.string(), z.unknown())),
  private_metadata: z.nullish(z.record(z.string(), z.unknown())),
  created_at: epochMs,
  updated_at: z.nullish(epochMs),
});
export type WireUser = z.infer<typeof wireUser>;
export const wireUserList = z.array(wireUser);

export const wireSession = z.looseObject({
  object: z.literal("session"),
  id: z.string(),
  user_id: z.string(),
  status: z.string(),
  created_at: epochMs,
  expire_at: z.nullish(epochMs),
  last_active_at: z.nullish(epochMs),
});
export type WireSession = z.infer<typeof wireSession>;
/** `GET /sessions?paginated=true`. */
export const wireSessionPage = z.looseObject({ data: z.array(wireSession), total_count: z.number() });

export const wireSignInToken = z.looseObject({
  object: z.literal("sign_in_token"),
  id: z.string(),
  status: z.string(),
  token: z.string(),
  url: z.nullish(z.string()),
  created_at: epochMs,
});
export const wireDeleted = z.looseObject({ id: z.string(), deleted: z.literal(true) });
export const wireVerified = z.looseObject({ verified: z.boolean() });
/** `GET /organizations`: `Organizations`. */
export const wireOrganizationList = z.looseObject({
  data: z.array(
    z.looseObject({
      /** Always `organization`. */
      object: z.literal("organization"),
      /** The organization's id (`org_…`). */
      id: z.string(),
      /** Its name. */
      name: z.string(),
      /** Its slug. */
      slug: z.string(),
    }),
  ),
  total_count: z.number(),
});
export type WireOrganization = z.infer<typeof wireOrganizationList>["data"][number];
export const wireCount = z.looseObject({ object: z.literal("total_count"), total_count: z.number() });
