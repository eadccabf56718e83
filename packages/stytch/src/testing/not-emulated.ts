/**
 * Consumer endpoints of Stytch's OpenAPI spec (vendors/stytch-openapi/openapi.yml) the fake does not implement: they
 * answer 501 `not_emulated`, never Stytch's 404, so a test that reaches one learns the fake is the limit, not the
 * call. The B2B API (`/v1/b2b/…`) is left whole for the same answer. test/openapi-schemas.test.ts keeps this list
 * equal to the spec minus the fake's routes.
 */
export const NOT_EMULATED: readonly string[] = [
  "GET /v1/connected_apps/clients/{client_id}",
  "PUT /v1/connected_apps/clients/{client_id}",
  "DELETE /v1/connected_apps/clients/{client_id}",
  "POST /v1/connected_apps/clients/search",
  "POST /v1/connected_apps/clients",
  "POST /v1/connected_apps/clients/{client_id}/secrets/rotate/start",
  "POST /v1/connected_apps/clients/{client_id}/secrets/rotate/cancel",
  "POST /v1/connected_apps/clients/{client_id}/secrets/rotate",
  "DELETE /v1/users/emails/{email_id}",
  "DELETE /v1/users/phone_numbers/{phone_id}",
  "DELETE /v1/users/webauthn_registrations/{webauthn_registration_id}",
  "DELETE /v1/users/biometric_registrations/{biometric_registration_id}",
  "DELETE /v1/users/totps/{totp_id}",
  "DELETE /v1/users/crypto_wallets/{crypto_wallet_id}",
  "DELETE /v1/users/passwords/{password_id}",
  "DELETE /v1/users/oauth/{oauth_user_registration_id}",
  "DELETE /v1/users/{user_id}/external_id",
  "GET /v1/users/{user_id}/connected_apps",
  "POST /v1/users/{user_id}/connected_apps/{connected_app_id}/revoke",
  "POST /v1/sessions/migrate",
  "POST /v1/sessions/exchange_access_token",
  "POST /v1/sessions/attest",
  "GET /v1/rbac/policy",
  "POST /v1/crypto_wallets/authenticate/start",
  "POST /v1/crypto_wallets/authenticate",
  "GET /v1/debug/whoami",
  "POST /v1/fingerprint/lookup",
  "POST /v1/rules/set",
  "POST /v1/rules/list",
  "POST /v1/verdict_reasons/override",
  "POST /v1/verdict_reasons/list",
  "POST /v1/email/risk",
  "POST /v1/idp/oauth/authorize/start",
  "POST /v1/idp/oauth/authorize",
  "POST /v1/impersonation/authenticate",
  "GET /v1/m2m/clients/{client_id}",
  "PUT /v1/m2m/clients/{client_id}",
  "DELETE /v1/m2m/clients/{client_id}",
  "POST /v1/m2m/clients/search",
  "POST /v1/m2m/clients",
  "POST /v1/m2m/clients/{client_id}/secrets/rotate/start",
  "POST /v1/m2m/clients/{client_id}/secrets/rotate/cancel",
  "POST /v1/m2m/clients/{client_id}/secrets/rotate",
  "POST /v1/magic_links/email/send",
  "POST /v1/magic_links/email/login_or_create",
  "POST /v1/magic_links/email/invite",
  "POST /v1/magic_links/email/revoke_invite",
  "POST /v1/passwords/email/reset/start",
  "POST /v1/passwords/email/reset",
  "POST /v1/passwords/existing_password/reset",
  "POST /v1/passwords/session/reset",
  "POST /v1/oauth/attach",
  "POST /v1/oauth/authenticate",
  "POST /v1/otps/authenticate",
  "POST /v1/otps/sms/send",
  "POST /v1/otps/sms/login_or_create",
  "POST /v1/otps/whatsapp/send",
  "POST /v1/otps/whatsapp/login_or_create",
  "POST /v1/otps/email/send",
  "POST /v1/otps/email/login_or_create",
  "GET /v1/projects/metrics",
  "POST /v1/totps",
  "POST /v1/totps/authenticate",
  "POST /v1/totps/recovery_codes",
  "POST /v1/totps/recover",
  "POST /v1/webauthn/register/start",
  "POST /v1/webauthn/register",
  "POST /v1/webauthn/authenticate/start",
  "POST /v1/webauthn/authenticate",
  "PUT /v1/webauthn/{webauthn_registration_id}",
  "GET /v1/webauthn/credentials/{user_id}/{domain}",
];

/** The B2B API, none of which the fake (a consumer project) emulates. */
export const NOT_EMULATED_PREFIX = "/v1/b2b/";

let patterns: { method: string; pattern: RegExp }[] | undefined;

/** Whether Stytch documents this call although the fake does not implement it. */
export function isNotEmulated(method: string, path: string): boolean {
  patterns ??= NOT_EMULATED.map((endpoint) => {
    const [verb, template] = endpoint.split(" ") as [string, string];
    return { method: verb, pattern: new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`) };
  });
  return path.startsWith(NOT_EMULATED_PREFIX) || patterns.some((p) => p.method === method && p.pattern.test(path));
}
