export {
  createConnectyCubeFake,
  type ConnectyCubeFake,
  type ConnectyCubeFakeAdapterOptions,
  type ConnectyCubeFakeControls,
  type ConnectyCubeFakeOptions,
} from "./fake.js";
export type { RecordedRequest } from "@authmux/core/testing";
