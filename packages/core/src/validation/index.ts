export {
  checkCreateUserInput,
  checkUserPatch,
  type CheckedCreateUserInput,
  type CheckedUserPatch,
  type CreateUserRules,
  mergeMetadata, METADATA_LIMITS, optionalText, optionsObject, requireEmail, requireId, requireJsonObject, requireListOptions, requirePhone, requireSecretString } from "./input.js";
