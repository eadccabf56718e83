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
  /** Reading users by id or email. */
  "users.read": {
    /** The user directory. */
    users: {
      /** The user, or `null` when there is none with this id. */
      get(id: string): Promise<User | null>;
      /** The user with this email (case-insensitive), or `null`. */
      getByEmail(email: string): Promise<User | null>;
    };
  };
  /** Listing every user, page by page. */
  "users.list": {
    /** The user directory. */
    users: {
      /** One page of users in a stable order. */
      list(options?: ListOptions): Promise<Page<User>>;
      /** Every user, page after page. */
      iterate(options?: Omit<ListOptions, "cursor">): AsyncIterable<User>;
    };
  };
  /** Creating users. */
  "users.create": {
    /** The user directory. */
    users: {
      /** Creates a user; `conflict` when the email is taken. */
      create(input: CreateUserInput): Promise<User>;
    };
  };
  /** Changing a user's email, name or phone. */
  "users.update": {
    /** The user directory. */
    users: {
      /** Changes the given fields and returns the user after; `not_found` when there is no such user. */
      update(id: string, patch: UpdateUserInput): Promise<User>;
    };
  };
  /** Deleting users. */
  "users.delete": {
    /** The user directory. */
    users: {
      /** Deletes the user; `not_found` when there is no such user. */
      delete(id: string): Promise<void>;
    };
  };
  /** Writing the backend-owned metadata bag. */
  "users.metadata": {
    /** The user directory. */
    users: {
      /** Replaces the whole metadata bag with `data`. */
      replaceMetadata(id: string, data: JsonObject): Promise<User>;
      /** Merges `partial` into the top level of the bag; a `null` value removes that key. */
      patchMetadata(id: string, partial: JsonObject): Promise<User>;
    };
  };
  /** Verifying the vendor's tokens locally. */
  "tokens.verify": {
    /** The token engine. */
    tokens: {
      /** The verified token; throws `token_invalid`, `token_expired` or `token_not_yet_valid`. */
      verify(token: string): Promise<VerifiedToken>;
    };
  };
  /** Issuing signed tokens (Kustomer chat login, the mock). */
  "tokens.issue": {
    /** The token engine. */
    tokens: {
      /** A signed token for `subject`. */
      issue(subject: string, options?: IssueTokenOptions): Promise<string>;
    };
  };
  /** Checking a session token with the vendor, so revocation is seen. */
  "sessions.authenticate": {
    /** The vendor's sessions. */
    sessions: {
      /** The active session and its user; `session_invalid` when the vendor no longer accepts it. */
      authenticate(token: string): Promise<AuthenticatedSession>;
    };
  };
  /** Listing a user's sessions. */
  "sessions.list": {
    /** The vendor's sessions. */
    sessions: {
      /** The user's sessions, as the vendor reports them. */
      list(userId: string): Promise<Session[]>;
    };
  };
  /** Revoking sessions at the vendor. */
  "sessions.revoke": {
    /** The vendor's sessions. */
    sessions: {
      /** Ends the session at the vendor; `not_found` when there is no such session. */
      revoke(sessionId: string): Promise<void>;
    };
  };
  /** Per-user usage counters with limits (native on Kobble; `withQuotas` on any provider). */
  quotas: {
    /** The user's usage counters. */
    quotas: {
      /** Every quota of the user. */
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
      /** Gives back `by` (default 1) of usage, never below zero. */
      decrement(userId: string, name: string, by?: number): Promise<Quota>;
      /** Sets the usage to `used`. */
      set(userId: string, name: string, used: number): Promise<Quota>;
    };
  };
  /** The permissions a user holds (Kobble; the mock). */
  permissions: {
    /** The user's permissions. */
    permissions: {
      /** The names of the permissions the user holds. */
      list(userId: string): Promise<string[]>;
      /** True when the user holds every one of the permissions. */
      has(userId: string, permission: string | readonly string[]): Promise<boolean>;
    };
  };
  /** Links that sign a user in with one click. */
  loginLinks: {
    /** The user's login links. */
    loginLinks: {
      /** A single-use link that signs the user in until `expiresAt`. */
      create(userId: string, options?: LoginLinkOptions): Promise<LoginLink>;
    };
  };
  /** Checking an email (or login) and password with the vendor. */
  passwords: {
    /** Password sign-in. */
    passwords: {
      /** The user (and session, where the vendor starts one); `invalid_credentials` for a wrong email or password alike. */
      authenticate(credentials: PasswordCredentials): Promise<PasswordAuthResult>;
    };
  };
  /** Giving users password hashes from another system. */
  "passwords.import": {
    /** Password hashes. */
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
  /** Setting a user's password. */
  "passwords.set": {
    /** Passwords. */
    passwords: {
      /** Sets a user's password (for trickle migration: the password a user just signed in with at the old vendor). */
      set(userId: string, password: string): Promise<void>;
    };
  };
  /** Verifying the vendor's signed webhook deliveries. */
  webhooks: {
    /** The webhook verifier. */
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
  /** The `users` methods of `users.read`. */
  "users.read": {
    /** Method names on `provider.users`. */
    users: ["get", "getByEmail"],
  },
  /** The `users` methods of `users.list`. */
  "users.list": {
    /** Method names on `provider.users`. */
    users: ["list", "iterate"],
  },
  /** The `users` methods of `users.create`. */
  "users.create": {
    /** Method names on `provider.users`. */
    users: ["create"],
  },
  /** The `users` methods of `users.update`. */
  "users.update": {
    /** Method names on `provider.users`. */
    users: ["update"],
  },
  /** The `users` methods of `users.delete`. */
  "users.delete": {
    /** Method names on `provider.users`. */
    users: ["delete"],
  },
  /** The `users` methods of `users.metadata`. */
  "users.metadata": {
    /** Method names on `provider.users`. */
    users: ["replaceMetadata", "patchMetadata"],
  },
  /** The `tokens` methods of `tokens.verify`. */
  "tokens.verify": {
    /** Method names on `provider.tokens`. */
    tokens: ["verify"],
  },
  /** The `tokens` methods of `tokens.issue`. */
  "tokens.issue": {
    /** Method names on `provider.tokens`. */
    tokens: ["issue"],
  },
  /** The `sessions` methods of `sessions.authenticate`. */
  "sessions.authenticate": {
    /** Method names on `provider.sessions`. */
    sessions: ["authenticate"],
  },
  /** The `sessions` methods of `sessions.list`. */
  "sessions.list": {
    /** Method names on `provider.sessions`. */
    sessions: ["list"],
  },
  /** The `sessions` methods of `sessions.revoke`. */
  "sessions.revoke": {
    /** Method names on `provider.sessions`. */
    sessions: ["revoke"],
  },
  /** The `quotas` methods of `quotas`. */
  quotas: {
    /** Method names on `provider.quotas`. */
    quotas: ["list", "get", "hasRemaining", "consume", "increment", "decrement", "set"],
  },
  /** The `permissions` methods of `permissions`. */
  permissions: {
    /** Method names on `provider.permissions`. */
    permissions: ["list", "has"],
  },
  /** The `loginLinks` methods of `loginLinks`. */
  loginLinks: {
    /** Method names on `provider.loginLinks`. */
    loginLinks: ["create"],
  },
  /** The `passwords` methods of `passwords`. */
  passwords: {
    /** Method names on `provider.passwords`. */
    passwords: ["authenticate"],
  },
  /** The `passwords` methods of `passwords.import`. */
  "passwords.import": {
    /** Method names on `provider.passwords`. */
    passwords: ["canImport", "importHash"],
  },
  /** The `passwords` methods of `passwords.set`. */
  "passwords.set": {
    /** Method names on `provider.passwords`. */
    passwords: ["set"],
  },
  /** The `webhooks` methods of `webhooks`. */
  webhooks: {
    /** Method names on `provider.webhooks`. */
    webhooks: ["verify"],
  },
} as const satisfies { [C in Capability]: { [NS in keyof CapabilityMembers[C]]: readonly (keyof CapabilityMembers[C][NS])[] } };
