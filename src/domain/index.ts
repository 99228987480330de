export * from "./concepts.js";
export * from "./digest-candidate.js";
export * from "./digest-window.js";
export * from "./ids.js";
export * from "./logger.js";
export * from "./source-fetch-state.js";
export * from "./types.js";
export * from "./zoned-time.js";
