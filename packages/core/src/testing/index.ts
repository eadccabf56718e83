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
export type { ProviderSurface } from "./provider-surface.js";
export { verifyPasswordHash, verifyPasswordHashText } from "./password-verify.js";
export type { TokenKind } from "./mock-tokens.js";
export {
  createFakeKit,
  fakeParams,
  withDefaults,
  type FakeCall,
  type FakeHandler,
  type FakeKit,
  type FakeKitControls,
  type FakeKitOptions,
  type FakeParam,
  type FakeParams,
  type FakeProblem,
  type FakeRoute,
  type FakeRoutes,
  type MswHttp,
  type RecordedRequest,
  type VendorFake,
} from "./fake-kit.js";
export { fakeSigningKeys, type FakeSigningKeys } from "./signing-keys.js";
export { mintFakeJwt, type FakeJwtOptions } from "./fake-jwt.js";
export type { ConformanceControls, StoredSession, StoredUser } from "../conformance/harness.js";
export {
  loadFakeProvider,
  type FakeFactory,
  type FakeProvider,
  type FakeProviderControls,
  type LoadableFake,
  type LoadFakeProviderOptions,
} from "./load-fake-provider.js";
