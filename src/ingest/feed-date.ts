import { localToInstant } from "../domain/index.js";

/** A zone the date names itself: Z, an offset, or a name Date.parse knows (RFC 822's GMT, EST…). */
const NAMED_OR_OFFSET = /(?:\dZ|[+-]\d{2}(?::?\d{2})?|\b(?:GMT|UTC|UT|[ECMP][SD]T))\s*$/i;

/** Zone abbreviations of the region that Date.parse does not know, as offsets it does. */
const REGIONAL_ZONES: Readonly<Record<string, string>> = {
  KST: "+0900",
  JST: "+0900",
  ICT: "+0700",
  HKT: "+0800",
  SGT: "+0800",
  CET: "+0100",
  CEST: "+0200",
  BST: "+0100",
};
const REGIONAL = new RegExp(`\\b(${Object.keys(REGIONAL_ZONES).join("|")})\\s*$`, "i");

/** "2017-02-18", "2017-02-18T23:21" or "2017-02-18 23:21:09": ISO-like, read by Date.parse with a "Z". */
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/**
 * The instant a feed's date names, or undefined when it names none. A date written without a
 * zone ("2/18/2017 11:21:09 PM", as Zing writes them) is the source's own wall clock in
 * `timezone`: read as UTC, it would be 7 hours late for a Vietnamese outlet.
 */
export function parseFeedDate(value: string, timezone: string): number | undefined {
  const text = value.trim();
  if (text === "") return undefined;
  const regional = REGIONAL.exec(text);
  if (regional !== null)
    return finite(Date.parse(`${text.slice(0, regional.index)}${REGIONAL_ZONES[regional[1]!.toUpperCase()]}`));
  if (NAMED_OR_OFFSET.test(text)) return finite(Date.parse(text));
  // No zone: read the wall clock as UTC (whatever the process's zone), then place it in the source's.
  const wall = Date.parse(ISO_LIKE.test(text) ? `${text.replace(" ", "T")}Z` : `${text} UTC`);
  if (Number.isNaN(wall)) return undefined;
  const d = new Date(wall);
  const local = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  const seconds = wall % 60_000;
  return (
    localToInstant(local, d.getUTCHours(), d.getUTCMinutes(), timezone) + (seconds < 0 ? seconds + 60_000 : seconds)
  );
}

function finite(n: number): number | undefined {
  return Number.isNaN(n) ? undefined : n;
}
