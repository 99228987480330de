import { decodeHTMLStrict } from "entities";

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** The text of an HTML named entity (the `entities` package's full table), or undefined for an unknown name. */
function htmlEntity(name: string): string | undefined {
  const reference = `&${name};`;
  const text = decodeHTMLStrict(reference);
  return text === reference ? undefined : text;
}

/**
 * Make common feed mistakes well-formed before strict parsing: a bare "&" (unescaped query
 * strings) becomes "&amp;", and HTML named entities (all of HTML's, from `entities`) become
 * numeric references. Any other named reference is left alone, so a DTD-declared entity
 * (billion laughs, external entities) still fails to parse instead of expanding.
 */
export function repairEntities(xml: string): string {
  return xml.replace(
    /&(#\d+;|#x[0-9a-fA-F]+;|([A-Za-z][A-Za-z0-9._-]*);)?/g,
    (match, ref: string | undefined, name?: string) => {
      if (ref === undefined) return "&amp;";
      if (name === undefined || XML_ENTITIES.has(name)) return match;
      const text = htmlEntity(name) ?? htmlEntity(name.toLowerCase());
      return text === undefined ? match : [...text].map((c) => `&#${c.codePointAt(0)};`).join("");
    },
  );
}
