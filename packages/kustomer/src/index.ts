export { definition, kustomer, KUSTOMER_CAPABILITIES, type KustomerCapability, type KustomerProvider } from "./kustomer.js";
export { KUSTOMER_ENV, KUSTOMER_SIGNATURE_HEADER, type KustomerOptions, kustomerOptionsSchema, kustomerOrgUrl } from "./config.js";
export { CUSTOM_ATTRIBUTE_NAME } from "./custom-attributes.js";
export { CHAT_TOKEN_WINDOW_SEC, type ChatIdentity, type ChatTokenOptions } from "./chat-token.js";
export type { KustomerSearchCriterion, KustomerSearchHit, KustomerSearchQuery, KustomerVendor } from "./vendor.js";
export { toAuthmuxError } from "./errors.js";
