import { Parser } from "htmlparser2";
import { type Lang, type Source, sourceId } from "../domain/index.js";
import { foldDiacritics } from "../text/index.js";
import { canonicalUrl } from "./canonical-url.js";

export type OpmlOutcome =
  | { readonly status: "ok"; readonly sources: readonly Source[] }
  | { readonly status: "error"; readonly message: string };

const VERSIONS = new Set(["1.0", "1.1", "2.0"]);
const BARE_AMPERSAND = /&(?!(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)/;

/**
 * The feeds of an OPML 1.0/1.1/2.0 subscription list: every `<outline>` with an `xmlUrl`,
 * at any depth (folders are flattened). Ids come from the title, folded to a-z0-9-. A file
 * that is not OPML, has no body or no feed, or names a non-http feed is refused whole,
 * with the reason, so a half-imported list never happens.
 */
export function parseOpml(xml: string): OpmlOutcome {
  const bare = BARE_AMPERSAND.exec(xml);
  if (bare !== null) {
    const line = xml.slice(0, bare.index).split("\n").length;
    return { status: "error", message: `not well-formed XML: a bare "&" on line ${line}` };
  }
  let root: { name: string; version: string | undefined } | undefined;
  let hasBody = false;
  const outlines: Record<string, string>[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (root === undefined) root = { name, version: attributes.version };
        if (name === "body") hasBody = true;
        if (name === "outline" && attributes.xmlUrl !== undefined) outlines.push(attributes);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  if (root?.name !== "opml")
    return { status: "error", message: `not an OPML file: the root element is <${root?.name ?? "nothing"}>` };
  if (!VERSIONS.has(root.version ?? "")) {
    return {
      status: "error",
      message: `unsupported OPML version "${root.version ?? "(none)"}": expected 1.0, 1.1 or 2.0`,
    };
  }
  if (!hasBody) return { status: "error", message: "OPML has no <body>" };
  if (outlines.length === 0) return { status: "error", message: "no feeds in the OPML: no <outline> with an xmlUrl" };
  const taken = new Set<string>();
  const sources: Source[] = [];
  for (const o of outlines) {
    const name = (o.title ?? o.text ?? "").trim();
    const url = canonicalUrl(o.xmlUrl);
    if (url === undefined)
      return { status: "error", message: `outline "${name}": xmlUrl "${o.xmlUrl}" is not an http(s) URL` };
    const weight = Number(o.weight ?? "1");
    sources.push({
      id: sourceId(ownId(o.bantinId, taken) ?? uniqueId(name || new URL(url).host, taken)),
      url,
      name: name || new URL(url).host,
      lang: languageOf(o.language),
      fullText: o.fullText === "true",
      weight: Number.isFinite(weight) && weight >= 0 ? weight : 1,
    });
  }
  return { status: "ok", sources };
}

/** OPML 2.0 with one `<outline type="rss">` per source; `fullText` and `weight` ride along as extra attributes. */
export function renderOpml(sources: readonly Source[], title = "Bantin sources"): string {
  const outlines = sources.map(
    (s) =>
      `    <outline type="rss" text="${attr(s.name)}" title="${attr(s.name)}" xmlUrl="${attr(s.url)}" language="${s.lang}" fullText="${s.fullText}" weight="${s.weight}" bantinId="${attr(s.id)}"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>${attr(title)}</title>\n  </head>\n  <body>\n${outlines.join("\n")}\n  </body>\n</opml>\n`;
}

/** The id Bantin exported the source under, so export → import is a round trip. */
function ownId(id: string | undefined, taken: Set<string>): string | undefined {
  if (id === undefined || !/^[a-z0-9][a-z0-9-]*$/.test(id) || taken.has(id)) return undefined;
  taken.add(id);
  return id;
}

function uniqueId(name: string, taken: Set<string>): string {
  const base =
    foldDiacritics(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "feed";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function languageOf(value: string | undefined): Lang {
  return value?.toLowerCase().startsWith("en") ? "en" : "vi";
}

function attr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
