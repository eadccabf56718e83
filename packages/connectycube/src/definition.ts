import { optionsFromEnv, type ProviderDefinition } from "@authmux/core";
import { CONNECTYCUBE_ENV, type ConnectyCubeOptions, connectycubeOptionsSchema } from "./config.js";
import { CONNECTYCUBE_CAPABILITIES, connectycube, type ConnectyCubeProvider } from "./connectycube.js";

/** How `loadProvider({ provider: "connectycube" })` and `AUTHMUX_PROVIDER=connectycube` build the adapter. */
export const definition: ProviderDefinition<"connectycube", ConnectyCubeOptions, ConnectyCubeProvider> = {
  name: "connectycube",
  capabilities: [...CONNECTYCUBE_CAPABILITIES, "users.delete"],
  optionsSchema: connectycubeOptionsSchema as never,
  envVariables: CONNECTYCUBE_ENV,
  fromEnv: (env) => optionsFromEnv(env, CONNECTYCUBE_ENV),
  create: (options) => connectycube(options) as ConnectyCubeProvider,
};
