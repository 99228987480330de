import { WEEKDAY_NAMES } from "../domain/index.js";

const HOUR_MS = 3_600_000;
/** Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

const PLACEHOLDER = /\{\{(?:hoursAgo:(\d+(?:\.\d+)?)(?::(rfc822|iso|vi))?|(base))\}\}/g;

export interface PlaceholderValues {
  /** Epoch milliseconds the relative dates count back from. */
  readonly now: number;
  /** The sample server's origin, e.g. `http://127.0.0.1:40123`. */
  readonly base: string;
}

/**
 * Fill the placeholders of a sample file: `{{hoursAgo:N}}` (RFC 822), `{{hoursAgo:N:iso}}`,
 * `{{hoursAgo:N:vi}}` (a Vietnamese page date) and `{{base}}`. Works on any ASCII-compatible
 * text, so callers may pass a file's bytes read as latin1 and keep its own encoding intact.
 */
export function fillSamplePlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (_match, hours: string | undefined, format: string | undefined, base) => {
    if (base !== undefined) return values.base;
    const at = values.now - Number(hours) * HOUR_MS;
    if (format === "iso") return new Date(at).toISOString();
    if (format === "vi") return formatVietnamesePageDate(at);
    return new Date(at).toUTCString();
  });
}

/** `Thứ Bảy, 22/11/2026 10:15 (GMT+7)`, as Vietnamese news pages print their dates. */
export function formatVietnamesePageDate(epochMs: number): string {
  const d = new Date(epochMs + VIETNAM_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, "0");
  const date = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return `${WEEKDAY_NAMES.vi[d.getUTCDay()]}, ${date} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} (GMT+7)`;
}

/** Round down to the hour, so served bytes (and their ETag) stay the same for an hour. */
export function startOfHour(epochMs: number): number {
  return Math.floor(epochMs / HOUR_MS) * HOUR_MS;
}
