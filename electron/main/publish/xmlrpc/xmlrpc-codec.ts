import { childrenNamed, localName, parseXml, XmlRefused, type XmlElement, type XmlLimits } from './xml-safe-parse.js';

/**
 * XML-RPC's `dateTime.iso8601` as written (`20130103T10:00:00`, maybe with `Z` or an offset). XML-RPC dates carry
 * no zone of their own; what they mean (site time, GMT) depends on the field, so the codec keeps the text.
 */
export class XmlRpcDateTime {
  constructor(readonly text: string) {}

  /** `2013-01-03T10:00:00` from the basic (`20130103T10:00:00`) or extended form; the zone is dropped. */
  toLocalString(): string {
    const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(this.text.trim());
    return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : '';
  }

  /** From `YYYY-MM-DDTHH:MM:SS` (what Kladde's dates become) to the basic form every XML-RPC server reads. */
  static fromLocal(local: string, zone: '' | 'Z' = ''): XmlRpcDateTime {
    return new XmlRpcDateTime(`${local.slice(0, 10).replace(/-/g, '')}T${local.slice(11, 19)}${zone}`);
  }
}

/** XML-RPC's `<base64>`, kept apart from strings so it is encoded as such. */
export class XmlRpcBase64 {
  constructor(readonly bytes: Uint8Array) {}
}

export type XmlRpcValue = string | number | boolean | null | XmlRpcDateTime | XmlRpcBase64 | XmlRpcValue[] | XmlRpcStruct;
export interface XmlRpcStruct {
  [member: string]: XmlRpcValue;
}

/** A `<fault>` answer: WordPress sends these with HTTP 200 (403 wrong password, 401 not allowed, 404 no such post …). */
export class XmlRpcFault extends Error {
  constructor(
    readonly faultCode: number,
    readonly faultString: string,
  ) {
    super(`XML-RPC-Fehler ${faultCode}`);
    this.name = 'XmlRpcFault';
  }
}

// ── Encoding ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The request body of a call. */
export function encodeCall(method: string, params: readonly XmlRpcValue[]): string {
  const body = params.map((p) => `<param>${encodeValue(p)}</param>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<methodCall><methodName>${escapeXml(method)}</methodName><params>${body}</params></methodCall>\n`;
}

export function encodeValue(value: XmlRpcValue): string {
  return `<value>${encodeInner(value)}</value>`;
}

function encodeInner(value: XmlRpcValue): string {
  if (value === null) return '<nil/>';
  if (typeof value === 'string') return `<string>${escapeXml(value)}</string>`;
  if (typeof value === 'boolean') return `<boolean>${value ? 1 : 0}</boolean>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('XML-RPC kennt kein NaN/Infinity');
    return Number.isInteger(value) && Math.abs(value) <= 2147483647 ? `<int>${value}</int>` : `<double>${value}</double>`;
  }
  if (value instanceof XmlRpcDateTime) return `<dateTime.iso8601>${escapeXml(value.text)}</dateTime.iso8601>`;
  if (value instanceof XmlRpcBase64) return `<base64>${Buffer.from(value.bytes).toString('base64')}</base64>`;
  if (Array.isArray(value)) return `<array><data>${value.map(encodeValue).join('')}</data></array>`;
  const members = Object.entries(value).map(([name, v]) => `<member><name>${escapeXml(name)}</name>${encodeValue(v)}</member>`);
  return `<struct>${members.join('')}</struct>`;
}

/**
 * Text as XML 1.0 character data: the three markup characters escaped, and the characters XML 1.0 cannot carry at
 * all (control characters other than tab and line ends, lone surrogates, U+FFFE/U+FFFF) dropped, since the server's
 * parser would refuse the whole call for one of them.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

// ── Decoding ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The value of a `<methodResponse>`; throws {@link XmlRpcFault} for a fault, {@link XmlRefused} for anything else. */
export function decodeResponse(text: string, limits?: XmlLimits): XmlRpcValue {
  // A plugin or theme file that prints a BOM or blank lines before `<?xml` is a classic cause of broken XML-RPC on
  // WordPress; the document itself is fine, so that prefix is skipped.
  const start = text.search(/[^\uFEFF\s]/);
  const root = parseXml(start > 0 ? text.slice(start) : text, limits);
  if (localName(root.name) !== 'methodResponse') throw new XmlRefused(`Keine XML-RPC-Antwort (<${root.name}>)`);
  const fault = childrenNamed(root, 'fault')[0];
  if (fault) {
    const value = decodeValueElement(only(fault, 'value'));
    const struct = isStruct(value) ? value : {};
    const code = struct['faultCode'];
    const message = struct['faultString'];
    throw new XmlRpcFault(typeof code === 'number' ? code : Number(code) || 0, typeof message === 'string' ? message : '');
  }
  const params = only(root, 'params');
  const param = childrenNamed(params, 'param')[0];
  if (!param) return null;
  return decodeValueElement(only(param, 'value'));
}

function only(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name)[0];
  if (!found) throw new XmlRefused(`<${name}> fehlt in <${element.name}>`);
  return found;
}

/** One `<value>`: a typed child, or bare text (a string, as the spec says). */
export function decodeValueElement(value: XmlElement): XmlRpcValue {
  const typed = value.children[0];
  if (!typed) return value.text;
  if (value.children.length > 1) throw new XmlRefused('<value> mit mehreren Typen');
  const text = typed.text;
  switch (localName(typed.name)) {
    case 'string':
      return text;
    case 'i4':
    case 'i8':
    case 'int': {
      if (!/^\s*[+-]?\d{1,19}\s*$/.test(text)) throw new XmlRefused(`Keine Ganzzahl: ${text.slice(0, 40)}`);
      return Number(text);
    }
    case 'double': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new XmlRefused(`Keine Zahl: ${text.slice(0, 40)}`);
      return n;
    }
    case 'boolean': {
      const t = text.trim();
      if (t === '1' || t === 'true') return true;
      if (t === '0' || t === 'false') return false;
      throw new XmlRefused(`Kein Wahrheitswert: ${t.slice(0, 40)}`);
    }
    case 'dateTime.iso8601':
      return new XmlRpcDateTime(text.trim());
    case 'base64':
      return new XmlRpcBase64(new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64')));
    case 'nil':
      return null;
    case 'array': {
      const data = only(typed, 'data');
      return childrenNamed(data, 'value').map(decodeValueElement);
    }
    case 'struct': {
      const struct: XmlRpcStruct = Object.create(null) as XmlRpcStruct;
      for (const member of childrenNamed(typed, 'member')) {
        const name = only(member, 'name').text;
        struct[name] = decodeValueElement(only(member, 'value'));
      }
      return struct;
    }
    default:
      throw new XmlRefused(`Unbekannter XML-RPC-Typ <${typed.name}>`);
  }
}

export function isStruct(value: XmlRpcValue | undefined): value is XmlRpcStruct {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value) && !(value instanceof XmlRpcDateTime) && !(value instanceof XmlRpcBase64);
}

/** A member read as text: strings as they are, numbers (ids are `<string>` on WordPress, `<int>` elsewhere) as digits. */
export function textOf(value: XmlRpcValue | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value instanceof XmlRpcDateTime) return value.text;
  return '';
}
