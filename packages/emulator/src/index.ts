export { type RequestHandler, type Served, type ServeOptions, serveFake } from "./serve.js";
