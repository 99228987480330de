import { parseHTML } from "linkedom";

const BLOCK = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "BR",
  "DD",
  "DIV",
  "DL",
  "DT",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "TABLE",
  "TD",
  "TH",
  "TR",
  "UL",
]);
const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "SVG", "HEAD"]);

interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

/**
 * Visible text of an HTML fragment, block elements separated by blank lines (paragraphs
 * survive for normalizeParagraphs), scripts and styles dropped, entities decoded by a real
 * HTML parser. Plain text without markup or entities is returned as is, which is most titles.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const parts: string[] = [];
  collect(document.body as unknown as DomNode, parts);
  return parts.join("");
}

function collect(node: DomNode, parts: string[]): void {
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.nodeType === 3) {
      parts.push(child.textContent ?? "");
    } else if (child.nodeType === 1 && !SKIPPED.has(child.nodeName)) {
      const block = BLOCK.has(child.nodeName);
      if (block) parts.push("\n\n");
      collect(child, parts);
      if (block) parts.push("\n\n");
    }
  }
}
