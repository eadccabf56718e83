/** Every capability name of the contract, in a stable order. */
export const CAPABILITIES = [
  "users.read",
  "users.list",
  "users.create",
  "users.update",
  "users.delete",
  "users.metadata",
  "tokens.verify",
  "tokens.issue",
  "sessions.authenticate",
  "sessions.list",
  "sessions.revoke",
  "quotas",
  "permissions",
  "loginLinks",
  "passwords",
  "passwords.import",
  "passwords.set",
  "webhooks",
] as const;

/** One of {@link CAPABILITIES}. */
export type Capability = (typeof CAPABILITIES)[number];

const capabilitySet: ReadonlySet<string> = new Set(CAPABILITIES);

/** True when `value` names a capability. */
export function isCapability(value: unknown): value is Capability {
  return typeof value === "string" && capabilitySet.has(value);
}
