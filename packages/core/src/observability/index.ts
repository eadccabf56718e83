export {
  combineHooks,
  HOOK_NAMES,
  isProviderHooks,
  type JwksFetchHookEvent,
  type ProviderHooks,
  type RequestHookEvent,
  type ResponseHookEvent,
  type RetryHookEvent,
  type VendorCallEvent,
  type VerifyHookEvent,
} from "./hooks.js";
