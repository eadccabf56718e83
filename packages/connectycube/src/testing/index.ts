export {
  createConnectyCubeFake,
  type ConnectyCubeFake,
  type ConnectyCubeFakeAdapterOptions,
  type ConnectyCubeFakeControls,
  type ConnectyCubeFakeOptions,
  type ConnectyCubeFakeSettings,
} from "./fake.js";
export type { RecordedRequest } from "@authmux/core/testing";
