import { AuthmuxError } from "../errors/authmux-error.js";
import type { Quota } from "../types/neutral.js";

/**
 * `quota_exceeded`: a `consume` that would pass the limit, refused with nothing counted. Carries the quota as
 * it stands and, for a quota that resets, `retryAfter` = whole seconds until it does.
 *
 * @example
 * try { await auth.quotas.consume(userId, "exports") }
 * catch (e) { if (isAuthmuxError(e) && e.code === "quota_exceeded") return tooMany(e.retryAfter) ; throw e }
 */
export class QuotaExceededError extends AuthmuxError {
  /** The quota as it stands: nothing of the refused amount was counted. */
  readonly quota: Quota;

  constructor(quota: Quota, amount: number, options: { provider?: string; now: number }) {
    const retryAfter = quota.resetsAt === null ? undefined : Math.max(1, Math.ceil((quota.resetsAt.getTime() - options.now) / 1000));
    const resets = quota.resetsAt === null ? "it does not reset" : `it resets at ${quota.resetsAt.toISOString()}`;
    super("quota_exceeded", `quota "${quota.name}" has ${quota.remaining ?? "unlimited"} of ${quota.limit} left, less than the ${amount} asked for; nothing was counted (${resets})`, {
      ...(options.provider !== undefined ? { provider: options.provider } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
    this.quota = quota;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), quota: { ...this.quota, resetsAt: this.quota.resetsAt?.toISOString() ?? null } };
  }
}
