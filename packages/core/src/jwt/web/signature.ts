import { ALGORITHM_SPECS, type VerifySignature } from "../algorithms.js";

/** Checks a JWS signature with Web Crypto (every runtime). */
export const verifySignature: VerifySignature = (alg, key, signature, data) => crypto.subtle.verify(ALGORITHM_SPECS[alg].verifyParams, key, signature, data);
