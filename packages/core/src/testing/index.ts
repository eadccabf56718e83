export {
  createMockProvider,
  type MockControls,
  type MockProvider,
  type MockProviderOptions,
  type MockVendor,
  type MockWebhookInput,
} from "./mock-provider.js";
export { mockDefinition } from "./definition.js";
export type { Fault } from "./faults.js";
export type { TokenKind } from "./mock-tokens.js";
export { createFakeKit, fetchFromHandlers, withDefaults, type FakeKit, type RecordedRequest } from "./fake-kit.js";
