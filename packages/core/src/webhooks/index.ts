export { getHeader } from "./headers.js";
export { parseWebhookJson, readRawBody, type RawBody } from "./raw-body.js";
export { signStandardWebhook, verifyStandardWebhook, type StandardWebhookOptions, type VerifiedDelivery } from "./standard-webhooks.js";
export { signHmacHex, verifyHmacHexWebhook, type HmacHexWebhookOptions } from "./hmac-hex.js";
