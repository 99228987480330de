export * from "./fold.js";
export * from "./month-names.js";
export * from "./normalize.js";
export * from "./sentences.js";
export * from "./tokens.js";
