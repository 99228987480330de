import { existsSync } from "node:fs";
import { z } from "zod";
import { loadYamlFile } from "./yaml-file.js";

/**
 * Operational settings (config/bantin.yaml). Every key has a default, so the file is optional;
 * unknown keys are refused so a typo does not silently fall back to a default.
 */
export const settingsSchema = z
  .strictObject({
    ingest: z
      .strictObject({
        intervalMinutes: z.number().int().min(1).max(1440).default(15),
        timeoutMs: z.number().int().min(100).default(15_000),
        maxBodyBytes: z
          .number()
          .int()
          .min(1024)
          .default(5 * 1024 * 1024),
        maxRedirects: z.number().int().min(0).max(20).default(5),
        globalConcurrency: z.number().int().min(1).max(64).default(6),
        pauseAfterFailures: z.number().int().min(1).default(5),
        userAgent: z.string().min(1).default("BantinBot/0.1 (+https://github.com/bantin; news briefing bot)"),
      })
      .prefault({}),
    analysis: z
      .strictObject({
        relevanceThreshold: z.number().min(0).max(1).default(0.5),
        eventWindowHours: z
          .number()
          .min(1)
          .max(24 * 14)
          .default(72),
      })
      .prefault({}),
    digest: z
      .strictObject({
        maxEntries: z.number().int().min(1).max(30).default(7),
        defaultSince: z.enum(["24h", "3d", "7d"]).default("24h"),
      })
      .prefault({}),
    schedule: z
      .strictObject({
        defaultTimes: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM")).default(["07:00"]),
        graceHours: z.number().min(0).max(48).default(6),
      })
      .prefault({}),
    alerts: z
      .strictObject({
        minOutlets: z.number().int().min(1).default(3),
        withinHours: z.number().min(0.25).default(2),
      })
      .prefault({}),
    llm: z
      .strictObject({
        timeoutMs: z.number().int().min(100).default(20_000),
        dailyBudget: z.number().int().min(0).default(200),
      })
      .prefault({}),
  })
  .prefault({});

export type Settings = z.infer<typeof settingsSchema>;

/** Settings from the YAML file if it exists, else every default. */
export function loadSettings(path: string): Settings {
  if (!existsSync(path)) return settingsSchema.parse({});
  return loadYamlFile(path, settingsSchema);
}
