import { optionsFromEnv, type ProviderDefinition } from "@authmux/core";
import { STYTCH_ENV, type StytchOptions, stytchOptionsSchema } from "./config.js";
import { STYTCH_CAPABILITIES, stytch, type StytchProvider } from "./stytch.js";

/** How `loadProvider({ provider: "stytch" })` and `AUTHMUX_PROVIDER=stytch` build the adapter. */
export const definition: ProviderDefinition<"stytch", StytchOptions, StytchProvider> = {
  name: "stytch",
  capabilities: [...STYTCH_CAPABILITIES, "loginLinks", "webhooks"],
  optionsSchema: stytchOptionsSchema as never,
  envVariables: STYTCH_ENV,
  fromEnv: (env) => optionsFromEnv(env, STYTCH_ENV),
  create: (options) => stytch(options) as StytchProvider,
};
