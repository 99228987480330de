import { detectStrongSignals, type StrongSignal } from "../digest/index.js";

/** An event as the alert check sees it: its headline and who reported it when. */
export interface AlertCandidate {
  readonly eventId: string;
  readonly headline: string;
  readonly firstSeen: number;
  readonly reports: readonly { readonly sourceId: string; readonly publishedAt: number }[];
}

export interface AlertSettings {
  /** Distinct outlets that must report the event… */
  readonly minOutlets: number;
  /** …within this many hours of each other. */
  readonly withinHours: number;
}

/** Why an event is breaking news, and since when. */
export type AlertDecision =
  | { readonly alert: true; readonly reason: "outlets" | "strong-signal"; readonly since: number }
  | { readonly alert: false };

// Summits, treaties and sanctions rank a story higher in a digest but are not breaking by themselves.
const BREAKING: readonly StrongSignal[] = ["missile-launch", "nuclear-test"];

/** A headline that is breaking news by itself (a missile launch, a nuclear test), in Vietnamese or English. */
export function isStrongSignal(headline: string): boolean {
  return detectStrongSignals(headline).some((s) => BREAKING.includes(s));
}

/**
 * Whether an event crosses the alert threshold: `minOutlets` distinct outlets within
 * `withinHours` (the moment the last of them published is `since`), or a strong-signal headline.
 */
export function alertDecision(event: AlertCandidate, settings: AlertSettings): AlertDecision {
  const windowMs = settings.withinHours * 3_600_000;
  const reports = [...event.reports].sort((a, b) => a.publishedAt - b.publishedAt);
  for (let end = 0; end < reports.length; end += 1) {
    const until = reports[end]?.publishedAt ?? 0;
    const outlets = new Set(
      reports.filter((r) => r.publishedAt <= until && until - r.publishedAt <= windowMs).map((r) => r.sourceId),
    );
    if (outlets.size >= settings.minOutlets) return { alert: true, reason: "outlets", since: until };
  }
  if (isStrongSignal(event.headline)) return { alert: true, reason: "strong-signal", since: event.firstSeen };
  return { alert: false };
}
