import * as z from "zod/mini";

// ConnectyCube's response shapes (vendors/connectycube.md §3.3, §5, §6), checked at the HTTP boundary.
// Loose objects: newer payloads add fields (`_id`, `is_guest`, `timezone`) and older ones lack them, so
// everything but the ids is optional or nullable.

const date = z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), "an ISO date"));

/** A user, bare (v2 search items) or inside `{ user }`. */
export const wireUser = z.looseObject({
  id: z.number().check(z.int()),
  login: z.nullish(z.string()),
  email: z.nullish(z.string()),
  full_name: z.nullish(z.string()),
  phone: z.nullish(z.string()),
  created_at: date,
  updated_at: z.nullish(date),
  custom_data: z.nullish(z.string()),
});
export type WireUser = z.infer<typeof wireUser>;

/** A session: application (`user_id` null or 0), user or guest (with the user embedded). */
export const wireSession = z.looseObject({
  id: z.number(),
  application_id: z.number(),
  token: z.string().check(z.minLength(1)),
  user_id: z.nullish(z.number()),
  created_at: date,
  updated_at: z.nullish(date),
  user: z.optional(wireUser),
});
export type WireSession = z.infer<typeof wireSession>;

export const wireSessionEnvelope = z.looseObject({ session: wireSession });
export const wireUserEnvelope = z.looseObject({ user: wireUser });

/** `GET /users/v2`: items are bare users. */
export const wireUserSearch = z.looseObject({
  limit: z.number(),
  skip: z.number(),
  total_entries: z.number(),
  items: z.array(wireUser),
});

/** The Administration API's answer to a delete. */
export const wireAdminAck = z.looseObject({ success: z.literal(true) });
