/** HTML entities feeds use as if XML knew them; XML defines only amp, lt, gt, quot, apos. */
const HTML_ENTITIES: Readonly<Record<string, number>> = {
  nbsp: 160,
  iexcl: 161,
  cent: 162,
  pound: 163,
  yen: 165,
  sect: 167,
  copy: 169,
  laquo: 171,
  reg: 174,
  deg: 176,
  plusmn: 177,
  middot: 183,
  raquo: 187,
  frac12: 189,
  iquest: 191,
  agrave: 224,
  aacute: 225,
  acirc: 226,
  atilde: 227,
  auml: 228,
  ccedil: 231,
  egrave: 232,
  eacute: 233,
  ecirc: 234,
  euml: 235,
  igrave: 236,
  iacute: 237,
  ocirc: 244,
  ograve: 242,
  oacute: 243,
  otilde: 245,
  ouml: 246,
  ugrave: 249,
  uacute: 250,
  uuml: 252,
  yacute: 253,
  times: 215,
  divide: 247,
  ndash: 8211,
  mdash: 8212,
  lsquo: 8216,
  rsquo: 8217,
  sbquo: 8218,
  ldquo: 8220,
  rdquo: 8221,
  bdquo: 8222,
  dagger: 8224,
  bull: 8226,
  hellip: 8230,
  prime: 8242,
  euro: 8364,
  trade: 8482,
  larr: 8592,
  rarr: 8594,
};
const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

/**
 * Make common feed mistakes well-formed before strict parsing: a bare "&" (unescaped query
 * strings) becomes "&amp;", and HTML named entities become numeric references. Any other
 * named reference is left alone, so a DTD-declared entity (billion laughs, external
 * entities) still fails to parse instead of expanding.
 */
export function repairEntities(xml: string): string {
  return xml.replace(
    /&(#\d+;|#x[0-9a-fA-F]+;|([A-Za-z][A-Za-z0-9._-]*);)?/g,
    (match, ref: string | undefined, name?: string) => {
      if (ref === undefined) return "&amp;";
      if (name === undefined || XML_ENTITIES.has(name)) return match;
      const code = HTML_ENTITIES[name] ?? HTML_ENTITIES[name.toLowerCase()];
      return code === undefined ? match : `&#${code};`;
    },
  );
}
