export { connectycube, CONNECTYCUBE_CAPABILITIES, type ConnectyCubeCapability, type ConnectyCubeProvider, definition } from "./connectycube.js";
export { CONNECTYCUBE_API_URL, CONNECTYCUBE_ENV, type ConnectyCubeOptions, connectycubeOptionsSchema, DEFAULT_TOKEN_CACHE_MS } from "./config.js";
export type { ConnectyCubeUserSession, ConnectyCubeVendor, OwnProfilePatch, SearchDateField, SearchField, UserSearchFilters, UserSearchOptions } from "./vendor.js";
export { signatureString, signParams } from "./signature.js";
export { toAuthmuxError } from "./errors.js";
