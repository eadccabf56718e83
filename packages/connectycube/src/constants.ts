/** The provider name carried by users, sessions and errors. */
export const PROVIDER = "connectycube";

/** A session lives two hours after its last request (vendors/connectycube.md §1). */
export const SESSION_TTL_MS = 2 * 3600_000;
