// What chat-token.ts loads from jose on the first token signed. A module of its own so that a bundler, which keeps
// every export of a dynamically imported module, keeps only this one of jose's.
export { SignJWT } from "jose";
