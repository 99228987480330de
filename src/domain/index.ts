export * from "./ids.js";
export * from "./logger.js";
export * from "./types.js";
