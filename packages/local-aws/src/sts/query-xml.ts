/** Escapes text for an XML element body. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A nested XML element tree: strings are text, objects are child elements in insertion order. */
export interface XmlTree {
  readonly [name: string]: string | XmlTree;
}

/** Renders an element tree as XML without indentation. */
export function renderXml(tree: XmlTree): string {
  return Object.entries(tree)
    .map(([name, value]) => `<${name}>${typeof value === 'string' ? escapeXml(value) : renderXml(value)}</${name}>`)
    .join('');
}
