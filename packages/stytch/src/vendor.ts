import { AuthmuxError, type HttpRequest, nullIfNotFound, requireEmail, requireId, requirePhone, requireSecretString, type User } from "@authmux/core";
import type { StytchContext } from "./context.js";
import { toUser } from "./users.js";
import { wireUserGet } from "./wire.js";

/** The hash types Stytch imports with `passwords.migrate`. */
export type StytchHashType = "bcrypt" | "md_5" | "argon_2i" | "argon_2id" | "sha_1" | "sha_512" | "scrypt" | "phpass" | "pbkdf_2";

/** Fields of `passwords.migrate` besides email, hash and hash type (the per-type config among them). */
export interface StytchMigrateOptions {
  md_5_config?: { prepend_salt: string; append_salt: string };
  sha_1_config?: { prepend_salt: string; append_salt: string };
  sha_512_config?: { prepend_salt: string; append_salt: string };
  argon_2_config?: { salt: string; iteration_amount: number; memory: number; threads: number; key_length: number };
  scrypt_config?: { salt: string; n_parameter: number; r_parameter: number; p_parameter: number; key_length: number };
  pbkdf_2_config?: { salt: string; iteration_amount: number; key_length: number; algorithm?: "sha256" | "sha512" };
  trusted_metadata?: Record<string, unknown>;
  set_email_verified?: boolean;
  external_id?: string;
}

/** What Stytch's authenticate-style calls return. */
export interface StytchAuthResult {
  user: User;
  sessionToken: string;
  sessionJwt: string;
  raw: Record<string, unknown>;
}

/** Stytch operations with no neutral counterpart: thin typed calls; `request` reaches everything else. */
export interface StytchVendor {
  passwords: {
    create(input: { email: string; password: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
    migrate(input: { email: string; hash: string; hashType: StytchHashType } & StytchMigrateOptions): Promise<{ user: User; userCreated: boolean }>;
    strengthCheck(input: { password: string; email?: string }): Promise<{ validPassword: boolean; score: number; breachedPassword: boolean; raw: Record<string, unknown> }>;
    resetStart(input: { email: string; resetPasswordRedirectUrl?: string; expirationMinutes?: number }): Promise<{ userId: string; emailId: string }>;
    reset(input: { token: string; password: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  magicLinks: {
    /** Emails a login magic link to an existing user. */
    sendEmail(input: { email: string; loginMagicLinkUrl?: string; loginExpirationMinutes?: number }): Promise<{ userId: string; emailId: string }>;
    /** Exchanges a magic-link token (from a login link) for a session. */
    authenticate(input: { token: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  otps: {
    sendSms(input: { phoneNumber: string; expirationMinutes?: number }): Promise<{ userId: string; methodId: string }>;
    sendEmail(input: { email: string; expirationMinutes?: number }): Promise<{ userId: string; methodId: string }>;
    authenticate(input: { methodId: string; code: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  oauth: {
    /** The browser URL that starts an OAuth flow (needs the project's public token). */
    startUrl(provider: string, input: { publicToken: string; loginRedirectUrl?: string; signupRedirectUrl?: string }): string;
    authenticate(input: { token: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  totps: {
    create(input: { userId: string; expirationMinutes?: number }): Promise<{ totpId: string; secret: string; qrCode: string; recoveryCodes: string[] }>;
    authenticate(input: { userId: string; code: string; sessionDurationMinutes?: number }): Promise<StytchAuthResult>;
  };
  /** The user with this external id, or its Stytch user id. */
  getByExternalId(externalId: string): Promise<User | null>;
  /** An authenticated, retried, error-mapped call to any Stytch endpoint. */
  request: HttpRequest;
}

type Body = Record<string, unknown>;
const compact = (o: Body): Body => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const str = (v: unknown) => (typeof v === "string" ? v : "");
const code = (v: unknown, what: string) => {
  if (typeof v !== "string" || !/^\d{6}$/.test(v)) throw new AuthmuxError("invalid_input", `${what} must be the 6-digit code`);
  return v;
};

export function stytchVendor({ http }: StytchContext): StytchVendor {
  const post = async (path: string, body: Body) => (await http.request<Body>("POST", path, { body: compact(body) })).data;
  const auth = async (path: string, body: Body): Promise<StytchAuthResult> => {
    const data = await post(path, body);
    const user = data.user as Parameters<typeof toUser>[0] | undefined;
    if (!user || typeof user.user_id !== "string") {
      throw new AuthmuxError("provider_unavailable", `Stytch answered ${path} without a user, which its API promises`, { provider: "stytch", cause: data });
    }
    return { user: toUser(user), sessionToken: str(data.session_token), sessionJwt: str(data.session_jwt), raw: data };
  };
  return {
    passwords: {
      create: (i) => auth("/v1/passwords", { email: requireEmail(i.email), password: requireSecretString(i.password, "password", 256), session_duration_minutes: i.sessionDurationMinutes }),
      async migrate({ email, hash, hashType, ...rest }) {
        const data = await post("/v1/passwords/migrate", { email: requireEmail(email), hash: requireSecretString(hash, "hash"), hash_type: hashType, ...rest });
        return { user: toUser(data.user as Parameters<typeof toUser>[0]), userCreated: data.user_created === true };
      },
      async strengthCheck(i) {
        const data = await post("/v1/passwords/strength_check", { password: requireSecretString(i.password, "password", 256), email: i.email === undefined ? undefined : requireEmail(i.email) });
        return { validPassword: data.valid_password === true, score: Number(data.score), breachedPassword: data.breached_password === true, raw: data };
      },
      async resetStart(i) {
        const data = await post("/v1/passwords/email/reset/start", { email: requireEmail(i.email), reset_password_redirect_url: i.resetPasswordRedirectUrl, reset_password_expiration_minutes: i.expirationMinutes });
        return { userId: str(data.user_id), emailId: str(data.email_id) };
      },
      reset: (i) => auth("/v1/passwords/email/reset", { token: requireSecretString(i.token, "token"), password: requireSecretString(i.password, "password", 256), session_duration_minutes: i.sessionDurationMinutes }),
    },
    magicLinks: {
      async sendEmail(i) {
        const data = await post("/v1/magic_links/email/send", { email: requireEmail(i.email), login_magic_link_url: i.loginMagicLinkUrl, login_expiration_minutes: i.loginExpirationMinutes });
        return { userId: str(data.user_id), emailId: str(data.email_id) };
      },
      authenticate: (i) => auth("/v1/magic_links/authenticate", { token: requireSecretString(i.token, "token"), session_duration_minutes: i.sessionDurationMinutes }),
    },
    otps: {
      async sendSms(i) {
        const data = await post("/v1/otps/sms/send", { phone_number: requirePhone(i.phoneNumber, "phoneNumber"), expiration_minutes: i.expirationMinutes });
        return { userId: str(data.user_id), methodId: str(data.phone_id) };
      },
      async sendEmail(i) {
        const data = await post("/v1/otps/email/send", { email: requireEmail(i.email), expiration_minutes: i.expirationMinutes });
        return { userId: str(data.user_id), methodId: str(data.email_id) };
      },
      authenticate: (i) => auth("/v1/otps/authenticate", { method_id: requireId(i.methodId, "methodId"), code: code(i.code, "code"), session_duration_minutes: i.sessionDurationMinutes }),
    },
    oauth: {
      startUrl(provider, i) {
        if (!/^[a-z_]+$/.test(provider)) throw new AuthmuxError("invalid_input", "provider must be a Stytch OAuth provider name such as google or github");
        const url = new URL(`/v1/public/oauth/${provider}/start`, http.baseUrl);
        url.searchParams.set("public_token", requireSecretString(i.publicToken, "publicToken"));
        if (i.loginRedirectUrl) url.searchParams.set("login_redirect_url", i.loginRedirectUrl);
        if (i.signupRedirectUrl) url.searchParams.set("signup_redirect_url", i.signupRedirectUrl);
        return url.toString();
      },
      authenticate: (i) => auth("/v1/oauth/authenticate", { token: requireSecretString(i.token, "token"), session_duration_minutes: i.sessionDurationMinutes }),
    },
    totps: {
      async create(i) {
        const data = await post("/v1/totps", { user_id: requireId(i.userId, "userId"), expiration_minutes: i.expirationMinutes });
        return { totpId: str(data.totp_id), secret: str(data.secret), qrCode: str(data.qr_code), recoveryCodes: Array.isArray(data.recovery_codes) ? (data.recovery_codes as string[]) : [] };
      },
      authenticate: (i) => auth("/v1/totps/authenticate", { user_id: requireId(i.userId, "userId"), totp_code: code(i.code, "code"), session_duration_minutes: i.sessionDurationMinutes }),
    },
    async getByExternalId(externalId) {
      if (typeof externalId !== "string" || !/^[A-Za-z0-9._\-|]{1,128}$/.test(externalId)) {
        throw new AuthmuxError("invalid_input", "externalId must be 1–128 characters of A–Z a–z 0–9 . _ - |");
      }
      return nullIfNotFound(http.request("GET", `/v1/users/${encodeURIComponent(externalId)}`, { schema: wireUserGet }).then((r) => toUser(r.data)));
    },
    request: http.request,
  };
}
