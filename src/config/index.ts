export * from "./config-error.js";
export * from "./env.js";
export * from "./settings.js";
export * from "./yaml-file.js";
