export { readRuntimeEnv, optionsFromEnv, type EnvRecord } from "./env.js";
export type { ProviderDefinition, AnyProviderDefinition } from "./definition.js";
export { parseOptions } from "./validate.js";
export { commonOptionsShape, jwtEngineOptions, jwtOptionsShape, type CommonOptions, type JwtOptions, type FetchLike } from "./common-options.js";
export {
  loadProvider,
  KNOWN_PROVIDERS,
  type LoadProviderOptions,
  type LoadProviderOwnOptions,
  type LoadUnregisteredProviderOptions,
  type NamedProvider,
  type ProviderFromEnv,
  type RegisteredProvider,
  type MockLoadOptions,
  type ProviderOptionsRegistry,
} from "./load-provider.js";
export { loadProviderFromEnv, type LoadProviderFromEnvOptions, type ProviderFromEnvironment } from "./load-provider-from-env.js";
