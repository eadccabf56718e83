/** A vendor's default pace for a migration, and where the figure comes from. */
export interface DefaultRate {
  /** Requests per second; 0 = unpaced. */
  readonly rate: number;
  /** Where the figure comes from (the vendor's documented limit). */
  readonly basis: string;
}

/**
 * The default requests per second against a vendor, from its documented limits (vendors/*.md). Clerk's depend on
 * the instance: a `sk_live_` key is production (1,000 requests / 10 s), anything else development (100 / 10 s).
 * `--rate` overrides it.
 */
export function defaultRate(provider: string, options: { secretKey?: unknown } = {}): DefaultRate {
  switch (provider) {
    case "mock":
      return { rate: 0, basis: "in memory: unpaced" };
    case "clerk":
      return typeof options.secretKey === "string" && options.secretKey.startsWith("sk_live_")
        ? { rate: 100, basis: "Clerk production instance: 1,000 requests / 10 s" }
        : { rate: 10, basis: "Clerk development instance: 100 requests / 10 s" };
    case "stytch":
      return { rate: 65, basis: "Stytch advises at most 65 requests / s" };
    case "kustomer":
      // Org-wide, shared with every other API client of the org; the adapter exposes no bulk create.
      return { rate: 16, basis: "Kustomer Enterprise: 1,000 requests / min per org" };
    case "kobble":
      return { rate: 10, basis: "Kobble documents no limit: a conservative 10 requests / s" };
    case "connectycube":
      return { rate: 10, basis: "ConnectyCube documents no limit: a conservative 10 requests / s" };
    default:
      return { rate: 10, basis: "unknown vendor: a conservative 10 requests / s" };
  }
}
