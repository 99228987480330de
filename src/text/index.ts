export * from "./fold.js";
export * from "./normalize.js";
export * from "./sentences.js";
export * from "./tokens.js";
