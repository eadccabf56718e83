import * as z from "zod/mini";

// Stytch's consumer API shapes (vendors/stytch.md §4–§11), checked at the HTTP boundary. Loose objects:
// Stytch adds fields often; everything outside the documented required list may be null or absent.

const rfc3339 = z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), "an RFC 3339 date"));

export const wireUser = z.looseObject({
  user_id: z.string().check(z.minLength(1)),
  status: z.string(),
  created_at: z.nullish(rfc3339),
  name: z.nullish(z.looseObject({ first_name: z.nullish(z.string()), middle_name: z.nullish(z.string()), last_name: z.nullish(z.string()) })),
  emails: z.array(z.looseObject({ email_id: z.string(), email: z.string(), verified: z.boolean() })),
  phone_numbers: z.array(z.looseObject({ phone_id: z.string(), phone_number: z.string(), verified: z.boolean() })),
  trusted_metadata: z.nullish(z.record(z.string(), z.unknown())),
  untrusted_metadata: z.nullish(z.record(z.string(), z.unknown())),
  external_id: z.nullish(z.string()),
});
export type WireUser = z.infer<typeof wireUser>;

/** `GET /v1/users/{id}` answers the user's fields at the top level. */
export const wireUserGet = wireUser;
/** Writes answer `{ user, … }`. */
export const wireUserEnvelope = z.looseObject({ user: wireUser });

export const wireSearch = z.looseObject({
  results: z.array(wireUser),
  results_metadata: z.looseObject({ total: z.number(), next_cursor: z.nullish(z.string()) }),
});

export const wireSession = z.looseObject({
  session_id: z.string(),
  user_id: z.string(),
  started_at: z.nullish(rfc3339),
  last_accessed_at: z.nullish(rfc3339),
  expires_at: z.nullish(rfc3339),
});
export type WireSession = z.infer<typeof wireSession>;

export const wireSessionAuth = z.looseObject({ session: wireSession, user: wireUser, session_token: z.string(), session_jwt: z.string() });
export const wireSessionList = z.looseObject({ sessions: z.array(wireSession) });
/** What every call that signs a user in answers (passwords, magic links, OTPs, OAuth, TOTP); no session unless one was asked for. */
export const wireAuthResult = z.looseObject({
  user: wireUser,
  session: z.nullish(wireSession),
  session_token: z.string(),
  session_jwt: z.string(),
});
export const wireMagicLinkToken = z.looseObject({ user_id: z.string(), token: z.string().check(z.minLength(1)) });
export const wireMigrate = z.looseObject({ user: wireUser, user_created: z.boolean() });
export const wireStrength = z.looseObject({ valid_password: z.boolean(), score: z.number(), breached_password: z.boolean() });
/** `…/email/send` and `…/reset/start` answer the user and the email they went to. */
export const wireEmailSent = z.looseObject({ user_id: z.string(), email_id: z.string() });
export const wireSmsSent = z.looseObject({ user_id: z.string(), phone_id: z.string() });
export const wireTotp = z.looseObject({ totp_id: z.string(), secret: z.string(), qr_code: z.string(), recovery_codes: z.array(z.string()) });
/** Every Stytch answer carries these two. */
export const wireAck = z.looseObject({ request_id: z.string(), status_code: z.number() });
