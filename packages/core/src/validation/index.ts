export {
  mergeMetadata,
  requireEmail,
  requireId,
  requireJsonObject,
  requireListOptions,
  requirePhone,
  requireSecretString,
} from "./input.js";
