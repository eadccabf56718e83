// What key-entry.ts loads from jose on first use of a PEM key. A module of its own so that a bundler, which keeps
// every export of a dynamically imported module, keeps only these two of jose's.
export { importSPKI, importX509 } from "jose";
