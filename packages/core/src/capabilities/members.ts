import type {
  AuthenticatedSession,
  CreateUserInput,
  HeadersLike,
  IssueTokenOptions,
  JsonObject,
  ListOptions,
  LoginLink,
  LoginLinkOptions,
  Page,
  PasswordAuthResult,
  PasswordCredentials,
  PasswordImportSupport,
  Quota,
  Session,
  UpdateUserInput,
  User,
  VerifiedToken,
  WebhookEvent,
  WebhookVerifyOptions,
} from "../types/neutral.js";
import type { PasswordHash } from "../passwords/hash.js";
import type { RawBody } from "../webhooks/raw-body.js";
import type { Capability } from "./names.js";
import type { QuotaExceededError } from "../quotas/quota-exceeded.js";

/**
 * The members each capability brings to a provider. A provider's type is the intersection of the entries
 * of the capabilities it declares, so what it cannot do is absent and calling it does not compile.
 */
export interface CapabilityMembers {
  "users.read": {
    users: {
      /** The user, or `null` when there is none with this id. */
      get(id: string): Promise<User | null>;
      /** The user with this email (case-insensitive), or `null`. */
      getByEmail(email: string): Promise<User | null>;
    };
  };
  "users.list": {
    users: {
      /** One page of users in a stable order. */
      list(options?: ListOptions): Promise<Page<User>>;
      /** Every user, page after page. */
      iterate(options?: Omit<ListOptions, "cursor">): AsyncIterable<User>;
    };
  };
  "users.create": { users: { create(input: CreateUserInput): Promise<User> } };
  "users.update": { users: { update(id: string, patch: UpdateUserInput): Promise<User> } };
  "users.delete": { users: { delete(id: string): Promise<void> } };
  "users.metadata": {
    users: {
      /** Replaces the whole metadata bag with `data`. */
      replaceMetadata(id: string, data: JsonObject): Promise<User>;
      /** Merges `partial` into the top level of the bag; a `null` value removes that key. */
      patchMetadata(id: string, partial: JsonObject): Promise<User>;
    };
  };
  "tokens.verify": { tokens: { verify(token: string): Promise<VerifiedToken> } };
  "tokens.issue": { tokens: { issue(subject: string, options?: IssueTokenOptions): Promise<string> } };
  "sessions.authenticate": { sessions: { authenticate(token: string): Promise<AuthenticatedSession> } };
  "sessions.list": { sessions: { list(userId: string): Promise<Session[]> } };
  "sessions.revoke": { sessions: { revoke(sessionId: string): Promise<void> } };
  quotas: {
    quotas: {
      list(userId: string): Promise<Quota[]>;
      /** The quota, or `null` when the user has none of that name. */
      get(userId: string, name: string): Promise<Quota | null>;
      /**
       * True when every named quota has something left. A hint for display only: between it and a later
       * `increment` other requests may use the rest; enforce a limit with `consume`.
       */
      hasRemaining(userId: string, name: string | readonly string[]): Promise<boolean>;
      /**
       * Uses `amount` (default 1) of the quota if that keeps it within its limit, in one atomic step, and returns
       * it after; otherwise throws `quota_exceeded` ({@link QuotaExceededError}: the quota as it stands,
       * `retryAfter` = seconds to the reset) and counts nothing.
       */
      consume(userId: string, name: string, amount?: number): Promise<Quota>;
      /** Counts `by` (default 1) whatever the limit: usage that already happened. */
      increment(userId: string, name: string, by?: number): Promise<Quota>;
      decrement(userId: string, name: string, by?: number): Promise<Quota>;
      set(userId: string, name: string, used: number): Promise<Quota>;
    };
  };
  permissions: {
    permissions: {
      list(userId: string): Promise<string[]>;
      /** True when the user holds every one of the permissions. */
      has(userId: string, permission: string | readonly string[]): Promise<boolean>;
    };
  };
  loginLinks: { loginLinks: { create(userId: string, options?: LoginLinkOptions): Promise<LoginLink> } };
  passwords: { passwords: { authenticate(credentials: PasswordCredentials): Promise<PasswordAuthResult> } };
  "passwords.import": {
    passwords: {
      /** Whether this provider can take the hash, decided locally (no vendor call); the reason when it cannot. */
      canImport(hash: PasswordHash): PasswordImportSupport;
      /**
       * Gives an existing user this password hash: afterwards `passwords.authenticate` with the password succeeds.
       * Text is read with `parsePasswordHash`; a hash the provider cannot take is refused with `invalid_input` and the reason.
       */
      importHash(userId: string, hash: PasswordHash | string): Promise<void>;
    };
  };
  "passwords.set": {
    passwords: {
      /** Sets a user's password (for trickle migration: the password a user just signed in with at the old vendor). */
      set(userId: string, password: string): Promise<void>;
    };
  };
  webhooks: {
    webhooks: {
      /** Checks the signature over the raw body (string, bytes or the `Request`) and maps the event; throws `webhook_invalid`. */
      verify(rawBody: RawBody, headers: HeadersLike, options?: WebhookVerifyOptions): Promise<WebhookEvent>;
    };
  };
}

// Compile-time check that the runtime tuple and the member map name the same capabilities.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _membersCoverEveryCapability: Same<keyof CapabilityMembers, Capability> = true;
void _membersCoverEveryCapability;

/** The member names (namespace → methods) each capability adds at runtime, for picking and absence checks. */
export const CAPABILITY_METHODS = {
  "users.read": { users: ["get", "getByEmail"] },
  "users.list": { users: ["list", "iterate"] },
  "users.create": { users: ["create"] },
  "users.update": { users: ["update"] },
  "users.delete": { users: ["delete"] },
  "users.metadata": { users: ["replaceMetadata", "patchMetadata"] },
  "tokens.verify": { tokens: ["verify"] },
  "tokens.issue": { tokens: ["issue"] },
  "sessions.authenticate": { sessions: ["authenticate"] },
  "sessions.list": { sessions: ["list"] },
  "sessions.revoke": { sessions: ["revoke"] },
  quotas: { quotas: ["list", "get", "hasRemaining", "consume", "increment", "decrement", "set"] },
  permissions: { permissions: ["list", "has"] },
  loginLinks: { loginLinks: ["create"] },
  passwords: { passwords: ["authenticate"] },
  "passwords.import": { passwords: ["canImport", "importHash"] },
  "passwords.set": { passwords: ["set"] },
  webhooks: { webhooks: ["verify"] },
} as const satisfies { [C in Capability]: { [NS in keyof CapabilityMembers[C]]: readonly (keyof CapabilityMembers[C][NS])[] } };
