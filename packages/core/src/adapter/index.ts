export {
  defineAdapter,
  type Adapter,
  type AdapterDescription,
  type AdapterKit,
  type AdapterParts,
  type EnabledCapabilities,
  type OptionalCapabilities,
  type OptionsSchema,
} from "./define-adapter.js";
export type { Implementation, ImplementationOf } from "./implementation.js";
