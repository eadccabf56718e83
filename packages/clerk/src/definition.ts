import { optionsFromEnv, type ProviderDefinition } from "@authmux/core";
import { CLERK_ENV, type ClerkOptions, clerkOptionsSchema } from "./config.js";
import { CLERK_CAPABILITIES, clerk, type ClerkProvider } from "./clerk.js";

/** How `loadProvider({ provider: "clerk" })` and `AUTHMUX_PROVIDER=clerk` build the adapter. */
export const definition: ProviderDefinition<"clerk", ClerkOptions, ClerkProvider> = {
  name: "clerk",
  capabilities: [...CLERK_CAPABILITIES, "webhooks"],
  optionsSchema: clerkOptionsSchema as never,
  envVariables: CLERK_ENV,
  fromEnv: (env) => optionsFromEnv(env, CLERK_ENV),
  create: (options) => clerk(options) as ClerkProvider,
};
