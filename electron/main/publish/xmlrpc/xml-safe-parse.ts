import { SaxesParser } from 'saxes';

/** An element of a parsed document: name, attributes, child elements and its own text (CDATA included). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** An answer that is not well-formed XML, or one Kladde refuses to read (DOCTYPE, too large, too deep). */
export class XmlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlRefused';
  }
}

export interface XmlLimits {
  /** Largest document in characters. */
  maxChars: number;
  /** Deepest element nesting. */
  maxDepth: number;
}

/**
 * Blog answers are at most a few MB (a page of posts); nesting beyond a few dozen levels is never XML-RPC or RSD.
 * Both bounds stop a hostile server from making the parser eat memory or stack.
 */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxChars: 24 * 1024 * 1024, maxDepth: 64 };

/**
 * Parses an XML document from an untrusted server into a small element tree, with saxes (a maintained,
 * conformant parser that expands only XML's five entities and character references). A DOCTYPE is refused
 * outright: it is the door to entity declarations (billion laughs, external entities), which XML-RPC never needs.
 */
export function parseXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  if (text.length > limits.maxChars) throw new XmlRefused(`Dokument zu groß (${text.length} Zeichen)`);
  const parser = new SaxesParser({ xmlns: false, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('doctype', () => {
    throw new XmlRefused('DOCTYPE ist nicht erlaubt');
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= limits.maxDepth) throw new XmlRefused(`Zu tief verschachtelt (mehr als ${limits.maxDepth} Ebenen)`);
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = value;
    const element: XmlElement = { name: tag.name, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (t: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (error) => {
    throw error instanceof XmlRefused ? error : new XmlRefused(`Kein gültiges XML: ${error.message.split('\n')[0] ?? ''}`);
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof XmlRefused) throw error;
    throw new XmlRefused(`Kein gültiges XML: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'unbekannt'}`);
  }
  if (root === null) throw new XmlRefused('Leeres Dokument');
  return root;
}

/** The child elements named `name` (namespace prefixes ignored). */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => localName(c.name) === name);
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
