/** A problem with what the emulator was asked to do (arguments, seed or state file): one line, exit code 2. */
export class UsageError extends Error {
  /** Always `"UsageError"`. */
  override readonly name = "UsageError";
}
