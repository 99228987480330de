import iconv from "iconv-lite";

export type CharsetSource = "header" | "bom" | "declaration" | "default";

export interface DecodedBody {
  readonly text: string;
  readonly charset: string;
  readonly from: CharsetSource;
}

const BOMS: readonly { readonly bytes: readonly number[]; readonly charset: string }[] = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: "utf-32be" },
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: "utf-32le" },
  { bytes: [0xef, 0xbb, 0xbf], charset: "utf-8" },
  { bytes: [0xfe, 0xff], charset: "utf-16be" },
  { bytes: [0xff, 0xfe], charset: "utf-16le" },
];

// Without a BOM, the first "<?" tells the code unit width (XML 1.0 appendix F), so the declaration can be read.
const XML_START: readonly { readonly bytes: readonly number[]; readonly charset: string }[] = [
  { bytes: [0x00, 0x00, 0x00, 0x3c], charset: "utf-32be" },
  { bytes: [0x3c, 0x00, 0x00, 0x00], charset: "utf-32le" },
  { bytes: [0x00, 0x3c, 0x00, 0x3f], charset: "utf-16be" },
  { bytes: [0x3c, 0x00, 0x3f, 0x00], charset: "utf-16le" },
];

/**
 * Decode a feed body. Trust, in order: the HTTP header's charset, a byte-order mark, the XML
 * declaration (or an HTML page's meta charset), then UTF-8. A label nobody can decode is skipped for the next clue, so a
 * typo in a server's header does not cost the feed.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): DecodedBody {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = usable(headerCharset(contentType));
  if (header !== undefined) return decodeAs(buffer, header, "header");
  const bom = BOMS.find((b) => startsWith(buffer, b.bytes));
  if (bom !== undefined) return decodeAs(buffer, bom.charset, "bom");
  const declared = usable(declarationCharset(buffer));
  if (declared !== undefined) return decodeAs(buffer, declared, "declaration");
  return decodeAs(buffer, "utf-8", "default");
}

/** The charset parameter of a Content-Type header, if any. */
export function headerCharset(contentType: string | undefined): string | undefined {
  const match = contentType === undefined ? null : /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase();
}

function declarationCharset(buffer: Buffer): string | undefined {
  const width = XML_START.find((s) => startsWith(buffer, s.bytes));
  const head = width
    ? iconv.decode(buffer.subarray(0, 400), width.charset)
    : buffer.subarray(0, 200).toString("latin1");
  const match =
    /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head) ??
    // An HTML page (article fetches) declares it in a meta tag instead.
    /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(width ? head : buffer.subarray(0, 2048).toString("latin1"));
  // A UTF-16 document that says "utf-16" still needs the byte order its first bytes showed.
  if (width && (match === null || /^utf-?(16|32)$/i.test(match[1] ?? ""))) return width.charset;
  return match?.[1]?.toLowerCase();
}

function usable(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  // Servers say "utf8", "x-sjis", "ISO_8859-1:1987"…; iconv-lite knows most aliases.
  const cleaned = label.replace(/^x-mac-/, "mac").replace(/_/g, "-");
  if (iconv.encodingExists(label)) return label;
  return iconv.encodingExists(cleaned) ? cleaned : undefined;
}

function decodeAs(buffer: Buffer, charset: string, from: CharsetSource): DecodedBody {
  // iconv-lite strips a BOM of the encoding it decodes; a stray U+FEFF of another is removed here.
  const text = iconv.decode(buffer, charset).replace(/^\uFEFF/, "");
  return { text, charset, from };
}

function startsWith(buffer: Buffer, bytes: readonly number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);
}
