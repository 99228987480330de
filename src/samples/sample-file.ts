import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fillSamplePlaceholders, type PlaceholderValues } from "./sample-placeholders.js";

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  ".rss": "application/rss+xml",
  ".atom": "application/atom+xml",
  ".xml": "application/xml",
  ".html": "text/html",
};

export type SampleFile =
  | { readonly status: "found"; readonly body: Buffer; readonly contentType: string; readonly etag: string }
  | { readonly status: "not-found" };

/**
 * Read one servable file of the sample folder with its placeholders filled. Only feeds and
 * pages are served, and only from inside `dir`.
 */
export async function readSampleFile(dir: string, urlPath: string, values: PlaceholderValues): Promise<SampleFile> {
  const root = resolve(dir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: "not-found" };
  }
  const path = resolve(root, `.${decoded}`);
  const mediaType = MEDIA_TYPES[extname(path)];
  if (mediaType === undefined || !path.startsWith(root + sep)) return { status: "not-found" };
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch {
    return { status: "not-found" };
  }
  // latin1 maps each byte to one character and back, so the ASCII placeholders can be replaced
  // in UTF-8, windows-1258 and ISO-8859-1 files alike without re-encoding the text around them.
  const body = Buffer.from(fillSamplePlaceholders(raw.toString("latin1"), values), "latin1");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  return { status: "found", body, contentType: `${mediaType}; charset=${declaredCharset(raw)}`, etag };
}

/** The charset the file declares (XML declaration or HTML meta), which the header must repeat. */
function declaredCharset(raw: Buffer): string {
  const head = raw.subarray(0, 1024).toString("latin1");
  const match =
    /<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head) ??
    /<meta[^>]*charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return (match?.[1] ?? "utf-8").toLowerCase();
}
