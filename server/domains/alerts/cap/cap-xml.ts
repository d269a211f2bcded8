/** The little XML writing a CAP document needs: escaped text inside named elements. */

// Characters XML 1.0 cannot carry at all (C0 controls but tab, line feed and carriage return;
// lone surrogates; U+FFFE and U+FFFF). They are dropped: they cannot be escaped either.
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

/** Text made safe for an XML element or attribute value. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}

/** `<name>text</name>`, indented by `depth` steps. */
export function element(name: string, text: string, depth: number): string {
  return `${indent(depth)}<${name}>${xmlText(text)}</${name}>`
}

/** An element holding other elements, each already written one per line. */
export function parent(name: string, children: string[], depth: number): string {
  return [`${indent(depth)}<${name}>`, ...children, `${indent(depth)}</${name}>`].join('\n')
}

/** CAP's `<valueName>`/`<value>` pair, as `<parameter>`, `<geocode>` and `<eventCode>` hold it. */
export function valuePair(
  name: string,
  pair: { valueName: string; value: string },
  depth: number,
): string {
  return parent(
    name,
    [element('valueName', pair.valueName, depth + 1), element('value', pair.value, depth + 1)],
    depth,
  )
}

function indent(depth: number): string {
  return '  '.repeat(depth)
}
