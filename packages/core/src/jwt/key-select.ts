import { AuthmuxError } from "../errors/authmux-error.js";
import type { JwtAlgorithm } from "./algorithms.js";
import { fits, type KeyEntry } from "./key-entry.js";

/** The outcome of looking for a token's key in a key set. */
export type Selection = { entry: KeyEntry } | { unknownKid: string } | { error: AuthmuxError };

const invalid = (why: string) => ({ error: new AuthmuxError("token_invalid", `token rejected: ${why}`) });

/**
 * Picks the key for a token: by `kid` when the token names one; otherwise only when exactly one key fits
 * the algorithm. With no `kid` and several fitting keys the token is refused: no trying keys in turn.
 */
export function selectKey(entries: readonly KeyEntry[], alg: JwtAlgorithm, kid: string | undefined): Selection {
  const fitting = entries.filter((e) => fits(e, alg));
  if (kid !== undefined) {
    const named = fitting.filter((e) => e.kid === kid);
    if (named.length === 1) return { entry: named[0] as KeyEntry };
    if (named.length > 1) return invalid(`several keys have kid "${kid}"`);
    // A key configured without a kid (a PEM, say) is "the" key when it is the only one that fits.
    const unnamed = fitting.filter((e) => e.kid === undefined);
    if (unnamed.length === 1 && fitting.length === 1) return { entry: unnamed[0] as KeyEntry };
    if (entries.some((e) => e.kid === kid)) return invalid(`the key with kid "${kid}" cannot verify ${alg}`);
    return { unknownKid: kid };
  }
  if (fitting.length === 1) return { entry: fitting[0] as KeyEntry };
  if (fitting.length === 0) return invalid(`no configured key can verify ${alg}`);
  return invalid(`the token has no kid and ${fitting.length} keys could verify it; refusing to guess`);
}
