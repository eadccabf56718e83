export { CAPABILITIES, isCapability, type Capability } from "./names.js";
export { CAPABILITY_METHODS, type CapabilityMembers } from "./members.js";
export {
  supports,
  type AnyProvider,
  type CapabilitiesOf,
  type MembersOf,
  type Provider,
  type ProviderBase,
  type ProviderWith,
  type VendorRequestOptions,
} from "./provider.js";
export { assembleProvider, iterateFromList } from "./assemble.js";
