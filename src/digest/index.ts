export * from "./build-digest.js";
export * from "./digest-date.js";
export * from "./entry-limits.js";
export * from "./i18n.js";
export * from "./language-mark.js";
export * from "./render-plain-text.js";
export * from "./strong-signals.js";
