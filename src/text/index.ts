export * from "./fold.js";
export * from "./normalize.js";
export * from "./tokens.js";
