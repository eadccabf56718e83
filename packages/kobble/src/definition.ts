import { optionsFromEnv, type ProviderDefinition } from "@authmux/core";
import { KOBBLE_ENV, type KobbleOptions, kobbleOptionsSchema } from "./config.js";
import { KOBBLE_CAPABILITIES, kobble, type KobbleProvider } from "./kobble.js";

/** How `loadProvider({ provider: "kobble" })` and `AUTHMUX_PROVIDER=kobble` build the adapter. */
export const definition: ProviderDefinition<"kobble", KobbleOptions, KobbleProvider> = {
  name: "kobble",
  capabilities: [...KOBBLE_CAPABILITIES, "webhooks"],
  optionsSchema: kobbleOptionsSchema as never,
  envVariables: KOBBLE_ENV,
  fromEnv: (env) => optionsFromEnv(env, KOBBLE_ENV),
  create: (options) => kobble(options),
};
