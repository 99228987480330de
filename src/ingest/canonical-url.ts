const TRACKING_PARAMS = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|yclid)$/i;

/**
 * The one address a story is stored under: http(s) only, host lower-cased and default port
 * dropped (by URL itself),
 * fragment and tracking parameters (utm_*, fbclid, gclid…) removed. Undefined when `raw` is
 * not an absolute http(s) URL (relative links are resolved against `base` first).
 */
export function canonicalUrl(raw: string | undefined, base?: string): string | undefined {
  const trimmed = raw?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  url.hash = "";
  if (url.search === "") return url.href;
  // Most queries are all tracking or none of it, and then the query string is dropped or
  // kept whole. Only a mix goes through URLSearchParams (slow), which re-encodes what it keeps.
  const keys = url.search
    .slice(1)
    .split("&")
    .map((pair) => pair.split("=", 1)[0] as string);
  if (keys.every((k) => !/[%+]/.test(k))) {
    const tracking = keys.filter((k) => TRACKING_PARAMS.test(k)).length;
    if (tracking === 0) return url.href;
    if (tracking === keys.length) {
      url.search = "";
      return url.href;
    }
  }
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  }
  return url.href;
}
