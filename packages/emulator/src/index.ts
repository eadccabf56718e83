export { type RequestHandler, type Served, type ServeOptions, serveFake } from "./serve.js";
export { DEFAULT_PORT, type Emulator, type EmulatorOptions, startEmulator } from "./emulator.js";
export { UsageError } from "./usage-error.js";
export {
  type EmulatedFake,
  type EmulatedVendor,
  type EmulatorControls,
  type EnvLine,
  environmentFor,
  formatEnvironment,
  isVendorName,
  type SeedUser,
  VENDOR_NAMES,
  type VendorName,
  VENDORS,
} from "./vendors.js";
