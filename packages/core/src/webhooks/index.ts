export { getHeader } from "./headers.js";
export { signStandardWebhook, verifyStandardWebhook, type StandardWebhookOptions, type VerifiedDelivery } from "./standard-webhooks.js";
