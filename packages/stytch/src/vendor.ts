import {
  AuthmuxError,
  type HttpRequest,
  nullIfNotFound,
  optionsObject,
  requireEmail,
  requireId,
  requireJsonObject,
  requirePhone,
  requireSecretString,
  type ResponseSchema,
  type User,
  vendorPath,
} from "@authmux/core";
import type { StytchContext } from "./context.js";
import { optionalHttpUrl, optionalMinutes, SESSION_MINUTES } from "./input.js";
import { requireStytchMetadata, toUser } from "./users.js";
import { wireAuthResult, wireEmailSent, wireMigrate, wireSmsSent, wireStrength, wireTotp, wireUserGet } from "./wire.js";

/** The hash types Stytch imports with `passwords.migrate`. */
export type StytchHashType = "bcrypt" | "md_5" | "argon_2i" | "argon_2id" | "sha_1" | "sha_512" | "scrypt" | "phpass" | "pbkdf_2";

/** Fields of `passwords.migrate` besides email, hash and hash type (the per-type config among them). */
export interface StytchMigrateOptions {
  /** For `md_5`: the salt added before and after the password. */
  md_5_config?: {
    /** Salt before the password. */
    prepend_salt: string;
    /** Salt after the password. */
    append_salt: string;
  };
  /** For `sha_1`: the salt added before and after the password. */
  sha_1_config?: {
    /** Salt before the password. */
    prepend_salt: string;
    /** Salt after the password. */
    append_salt: string;
  };
  /** For `sha_512`: the salt added before and after the password. */
  sha_512_config?: {
    /** Salt before the password. */
    prepend_salt: string;
    /** Salt after the password. */
    append_salt: string;
  };
  /** For a bare argon2 hash: its parameters. */
  argon_2_config?: {
    /** The salt. */
    salt: string;
    /** Passes (t). */
    iteration_amount: number;
    /** Memory in KiB (m). */
    memory: number;
    /** Lanes (p). */
    threads: number;
    /** Hash length in bytes. */
    key_length: number;
  };
  /** For `scrypt`: its parameters. */
  scrypt_config?: {
    /** The salt. */
    salt: string;
    /** CPU/memory cost N. */
    n_parameter: number;
    /** Block size r. */
    r_parameter: number;
    /** Parallelism p. */
    p_parameter: number;
    /** Hash length in bytes. */
    key_length: number;
  };
  /** For `pbkdf_2`: its parameters. */
  pbkdf_2_config?: {
    /** The salt. */
    salt: string;
    /** Iterations. */
    iteration_amount: number;
    /** Hash length in bytes. */
    key_length: number;
    /** The HMAC hash. */
    algorithm?: "sha256" | "sha512";
  };
  /** Trusted metadata for a user the call creates. */
  trusted_metadata?: Record<string, unknown>;
  /** Untrusted metadata for a user the call creates. */
  untrusted_metadata?: Record<string, unknown>;
  /** Mark the email as verified. */
  set_email_verified?: boolean;
  /** Your own id for the user (1–128 characters of A–Z a–z 0–9 . _ - |). */
  external_id?: string;
}

/** What Stytch's authenticate-style calls return. */
export interface StytchAuthResult {
  /** The signed-in user. */
  user: User;
  /** The session's opaque token (empty when no session was asked for). */
  sessionToken: string;
  /** The session's JWT (empty when no session was asked for). */
  sessionJwt: string;
  /** Stytch's response. */
  raw: Record<string, unknown>;
}

/** Stytch operations with no neutral counterpart: thin typed calls; `request` reaches everything else. */
export interface StytchVendor {
  /** Stytch's password endpoints. */
  passwords: {
    /** Creates a user with a password and starts a session. */
    create(input: { email: string; password: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
    /** Gives a user (created if new) a password hash from another system. */
    migrate(input: { email: string; hash: string; hashType: StytchHashType } & StytchMigrateOptions): Promise<{
      /** The user. */
      user: User;
      /** Whether Stytch created it. */
      userCreated: boolean;
    }>;
    /** Stytch's strength and breach check of a password. */
    strengthCheck(input: { password: string; email?: string }): Promise<{
      /** Whether Stytch would accept it. */
      validPassword: boolean;
      /** The zxcvbn score, 1–4 (3 or more passes). */
      score: number;
      /** Whether it appears in known breaches. */
      breachedPassword: boolean;
      /** Stytch's response. */
      raw: Record<string, unknown>;
    }>;
    /** Emails a password-reset link. */
    resetStart(input: { email: string; resetPasswordRedirectUrl?: string; expirationMinutes?: number }): Promise<{
      /** The user. */
      userId: string;
      /** The email address's id. */
      emailId: string;
    }>;
    /** Sets the password with the token of a reset link and starts a session. */
    reset(input: { token: string; password: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  /** Stytch's email magic links. */
  magicLinks: {
    /** Emails a login magic link to an existing user. */
    sendEmail(input: { email: string; loginMagicLinkUrl?: string; loginExpirationMinutes?: number }): Promise<{
      /** The user. */
      userId: string;
      /** The email address's id. */
      emailId: string;
    }>;
    /** Exchanges a magic-link token (from a login link) for a session. */
    authenticate(input: { token: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  /** Stytch's one-time passcodes. */
  otps: {
    /** Texts a passcode to an existing user's phone. */
    sendSms(input: { phoneNumber: string; expirationMinutes?: number }): Promise<{
      /** The user. */
      userId: string;
      /** The phone number's id, for `authenticate`. */
      methodId: string;
    }>;
    /** Emails a passcode to an existing user. */
    sendEmail(input: { email: string; expirationMinutes?: number }): Promise<{
      /** The user. */
      userId: string;
      /** The email address's id, for `authenticate`. */
      methodId: string;
    }>;
    /** Checks a passcode and starts a session. */
    authenticate(input: { methodId: string; code: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  /** Stytch's OAuth. */
  oauth: {
    /** The browser URL that starts an OAuth flow (needs the project's public token). */
    startUrl(provider: string, input: { publicToken: string; loginRedirectUrl?: string; signupRedirectUrl?: string }): string;
    /** Exchanges the token of an OAuth callback for a session. */
    authenticate(input: { token: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  /** Stytch's authenticator-app codes. */
  totps: {
    /** Registers an authenticator app for the user. */
    create(input: { userId: string; expirationMinutes?: number }): Promise<{
      /** The registration's id. */
      totpId: string;
      /** The shared secret. */
      secret: string;
      /** A QR code of it: an image, base64-encoded. */
      qrCode: string;
      /** One-time recovery codes. */
      recoveryCodes: string[];
    }>;
    /** Checks a code and starts a session. */
    authenticate(input: { userId: string; code: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  /** The user with this external id, or its Stytch user id. */
  getByExternalId(externalId: string): Promise<User | null>;
  /** An authenticated, retried, error-mapped call to any Stytch endpoint. */
  request: HttpRequest;
}

type Body = Record<string, unknown>;
const compact = (o: Body): Body => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const HASH_TYPES: ReadonlySet<unknown> = new Set<StytchHashType>(["bcrypt", "md_5", "argon_2i", "argon_2id", "sha_1", "sha_512", "scrypt", "phpass", "pbkdf_2"]);
const code = (v: unknown, what: string) => {
  if (typeof v !== "string" || !/^\d{6}$/.test(v)) throw new AuthmuxError("invalid_input", `${what} must be the 6-digit code`);
  return v;
};
const password = (v: unknown) => requireSecretString(v, "password", 256);
const sessionMinutes = (v: unknown) => optionalMinutes(v, "sessionDurationMinutes", ...SESSION_MINUTES);
/** Stytch's external ids: 1–128 characters of A–Z a–z 0–9 . _ - | */
const externalId = (v: unknown, what: string) => {
  if (typeof v !== "string" || !/^[A-Za-z0-9._\-|]{1,128}$/.test(v)) throw new AuthmuxError("invalid_input", `${what} must be 1–128 characters of A–Z a–z 0–9 . _ - |`);
  return v;
};

/** The rest of a `passwords.migrate` input: JSON, each `…_config` an object, the known fields of their type. */
function migrateFields(rest: Body): Body {
  const fields = requireJsonObject(compact(rest), "passwords.migrate options");
  for (const [key, value] of Object.entries(fields)) {
    if (key.endsWith("_config") && (typeof value !== "object" || value === null || Array.isArray(value))) throw new AuthmuxError("invalid_input", `passwords.migrate ${key} must be an object`);
  }
  for (const key of ["trusted_metadata", "untrusted_metadata"]) if (fields[key] !== undefined) requireStytchMetadata(fields[key], key);
  if (fields.external_id !== undefined) externalId(fields.external_id, "external_id");
  if (fields.set_email_verified !== undefined && typeof fields.set_email_verified !== "boolean") throw new AuthmuxError("invalid_input", "set_email_verified must be true or false");
  return fields;
}

export function stytchVendor({ http }: StytchContext): StytchVendor {
  /** A POST of the caller's input, its answer checked by `schema`; `secrets` (what the caller gave) never reach an error. */
  const post = async <S extends ResponseSchema>(path: string, body: Body, schema: S, secrets: readonly string[] = []) =>
    (await http.request("POST", path, { body: compact(body), schema, secrets })).data;
  /** A call that signs a user in: the user, and the session's token and JWT (empty when no session was asked for). */
  const auth = async (path: string, body: Body, secrets: readonly string[]): Promise<StytchAuthResult> => {
    const data = await post(path, body, wireAuthResult, secrets);
    return { user: toUser(data.user), sessionToken: data.session_token, sessionJwt: data.session_jwt, raw: data };
  };
  /** Exchanges a single-use token (a magic link's, an OAuth callback's) for the user and a session. */
  const tokenAuth = (path: string, what: string) => async (given: { token: string; sessionDurationMinutes?: number }) => {
    const i = optionsObject(given, what);
    const token = requireSecretString(i.token, "token");
    return auth(path, { token, session_duration_minutes: sessionMinutes(i.sessionDurationMinutes) }, [token]);
  };
  /** A link Stytch emails (a password reset, a login): the address, and where it points and how long it lasts in `link`. */
  const emailLink = async (path: string, email: unknown, link: Body) => {
    const data = await post(path, { email: requireEmail(email), ...link }, wireEmailSent);
    return { userId: data.user_id, emailId: data.email_id };
  };
  return {
    passwords: {
      async create(given) {
        const i = optionsObject(given, "passwords.create input");
        const secret = password(i.password);
        return auth("/v1/passwords", { email: requireEmail(i.email), password: secret, session_duration_minutes: sessionMinutes(i.sessionDurationMinutes) }, [secret]);
      },
      async migrate(given) {
        const { email, hash, hashType, ...rest } = optionsObject(given, "passwords.migrate input");
        const secret = requireSecretString(hash, "hash");
        if (!HASH_TYPES.has(hashType)) throw new AuthmuxError("invalid_input", `hashType must be one of ${[...HASH_TYPES].join(", ")}`);
        const data = await post("/v1/passwords/migrate", { email: requireEmail(email), hash: secret, hash_type: hashType, ...migrateFields(rest) }, wireMigrate, [secret]);
        return { user: toUser(data.user), userCreated: data.user_created };
      },
      async strengthCheck(given) {
        const i = optionsObject(given, "passwords.strengthCheck input");
        const secret = password(i.password);
        const data = await post("/v1/passwords/strength_check", { password: secret, email: i.email === undefined ? undefined : requireEmail(i.email) }, wireStrength, [secret]);
        return { validPassword: data.valid_password, score: data.score, breachedPassword: data.breached_password, raw: data };
      },
      async resetStart(given) {
        const i = optionsObject(given, "passwords.resetStart input");
        return emailLink("/v1/passwords/email/reset/start", i.email, {
          reset_password_redirect_url: optionalHttpUrl(i.resetPasswordRedirectUrl, "resetPasswordRedirectUrl"),
          reset_password_expiration_minutes: optionalMinutes(i.expirationMinutes, "expirationMinutes", 5, 10080),
        });
      },
      async reset(given) {
        const i = optionsObject(given, "passwords.reset input");
        const [token, secret] = [requireSecretString(i.token, "token"), password(i.password)];
        return auth("/v1/passwords/email/reset", { token, password: secret, session_duration_minutes: sessionMinutes(i.sessionDurationMinutes) }, [token, secret]);
      },
    },
    magicLinks: {
      async sendEmail(given) {
        const i = optionsObject(given, "magicLinks.sendEmail input");
        return emailLink("/v1/magic_links/email/send", i.email, {
          login_magic_link_url: optionalHttpUrl(i.loginMagicLinkUrl, "loginMagicLinkUrl"),
          login_expiration_minutes: optionalMinutes(i.loginExpirationMinutes, "loginExpirationMinutes", 5, 10080),
        });
      },
      authenticate: tokenAuth("/v1/magic_links/authenticate", "magicLinks.authenticate input"),
    },
    otps: {
      async sendSms(given) {
        const i = optionsObject(given, "otps.sendSms input");
        const body = { phone_number: requirePhone(i.phoneNumber, "phoneNumber"), expiration_minutes: optionalMinutes(i.expirationMinutes, "expirationMinutes", 1, 10) };
        const data = await post("/v1/otps/sms/send", body, wireSmsSent);
        return { userId: data.user_id, methodId: data.phone_id };
      },
      async sendEmail(given) {
        const i = optionsObject(given, "otps.sendEmail input");
        const body = { email: requireEmail(i.email), expiration_minutes: optionalMinutes(i.expirationMinutes, "expirationMinutes", 1, 10) };
        const data = await post("/v1/otps/email/send", body, wireEmailSent);
        return { userId: data.user_id, methodId: data.email_id };
      },
      async authenticate(given) {
        const i = optionsObject(given, "otps.authenticate input");
        const otp = code(i.code, "code");
        return auth("/v1/otps/authenticate", { method_id: requireId(i.methodId, "methodId"), code: otp, session_duration_minutes: sessionMinutes(i.sessionDurationMinutes) }, [otp]);
      },
    },
    oauth: {
      startUrl(provider, given) {
        if (typeof provider !== "string" || !/^[a-z_]{1,64}$/.test(provider)) throw new AuthmuxError("invalid_input", "provider must be a Stytch OAuth provider name such as google or github");
        const i = optionsObject(given, "oauth.startUrl input");
        const url = new URL(vendorPath`/v1/public/oauth/${provider}/start`, http.baseUrl);
        url.searchParams.set("public_token", requireSecretString(i.publicToken, "publicToken"));
        const login = optionalHttpUrl(i.loginRedirectUrl, "loginRedirectUrl");
        const signup = optionalHttpUrl(i.signupRedirectUrl, "signupRedirectUrl");
        if (login !== undefined) url.searchParams.set("login_redirect_url", login);
        if (signup !== undefined) url.searchParams.set("signup_redirect_url", signup);
        return url.toString();
      },
      authenticate: tokenAuth("/v1/oauth/authenticate", "oauth.authenticate input"),
    },
    totps: {
      async create(given) {
        const i = optionsObject(given, "totps.create input");
        const body = { user_id: requireId(i.userId, "userId"), expiration_minutes: optionalMinutes(i.expirationMinutes, "expirationMinutes", 5, 1440) };
        const data = await post("/v1/totps", body, wireTotp);
        return { totpId: data.totp_id, secret: data.secret, qrCode: data.qr_code, recoveryCodes: data.recovery_codes };
      },
      async authenticate(given) {
        const i = optionsObject(given, "totps.authenticate input");
        const otp = code(i.code, "code");
        return auth("/v1/totps/authenticate", { user_id: requireId(i.userId, "userId"), totp_code: otp, session_duration_minutes: sessionMinutes(i.sessionDurationMinutes) }, [otp]);
      },
    },
    async getByExternalId(given) {
      const id = externalId(given, "externalId");
      return nullIfNotFound(http.request("GET", vendorPath`/v1/users/${id}`, { schema: wireUserGet }).then((r) => toUser(r.data)));
    },
    request: http.request,
  };
}
