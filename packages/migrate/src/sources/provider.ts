import type { ProviderWith } from "@authmux/core";
import type { Pacer } from "../pacing.js";
import { type SourceUser, sourceUserFromUser } from "../source-user.js";

/** Options of {@link providerSource}. */
export interface ProviderSourceOptions {
  /** Users a page; default 100 (every adapter takes at least that). */
  pageSize?: number;
  /** Paces the page reads (the vendor's rate limit). */
  pacer?: Pacer;
}

/**
 * Every user of a provider with `users.list`, page after page (the provider's stable order), one page in memory at
 * a time. No vendor API exports password hashes, so these users carry none (and say why).
 *
 * @example
 * const source = providerSource(await loadProvider({ provider: "clerk", requires: ["users.list"] }));
 */
export async function* providerSource(provider: ProviderWith<"users.list">, options: ProviderSourceOptions = {}): AsyncGenerator<SourceUser> {
  const limit = options.pageSize ?? 100;
  let cursor: string | null = null;
  do {
    await options.pacer?.take();
    const page = await provider.users.list({ limit, cursor });
    for (const user of page.items) yield sourceUserFromUser(user);
    cursor = page.nextCursor;
  } while (cursor !== null);
}
