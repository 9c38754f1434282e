import { describe, expect, it } from 'vitest';
import {
  decodeResponse,
  encodeCall,
  encodeValue,
  escapeXml,
  XmlRpcBase64,
  XmlRpcDateTime,
  XmlRpcFault,
  type XmlRpcValue,
} from '../../../electron/main/publish/xmlrpc/xmlrpc-codec.js';
import { XmlRefused } from '../../../electron/main/publish/xmlrpc/xml-safe-parse.js';

const response = (value: string) => `<?xml version="1.0"?>\n<methodResponse><params><param><value>${value}</value></param></params></methodResponse>`;

describe('XML-RPC encoding', () => {
  const rows: [string, XmlRpcValue, string][] = [
    ['string with markup characters', 'Tom & Jerry <b>', '<value><string>Tom &amp; Jerry &lt;b&gt;</string></value>'],
    ['German text and emoji stay as they are', '„Größe“ – 😀', '<value><string>„Größe“ – 😀</string></value>'],
    ['characters XML 1.0 cannot carry are dropped', 'a\u0000b\u0007c\tok\n', '<value><string>abc\tok\n</string></value>'],
    ['int', 42, '<value><int>42</int></value>'],
    ['negative int', -7, '<value><int>-7</int></value>'],
    ['double', 1.5, '<value><double>1.5</double></value>'],
    ['boolean', true, '<value><boolean>1</boolean></value>'],
    ['nil', null, '<value><nil/></value>'],
    ['dateTime.iso8601', XmlRpcDateTime.fromLocal('2013-01-03T10:00:00'), '<value><dateTime.iso8601>20130103T10:00:00</dateTime.iso8601></value>'],
    ['base64', new XmlRpcBase64(new Uint8Array([0, 1, 2, 250])), '<value><base64>AAEC+g==</base64></value>'],
    ['array', ['a', 1], '<value><array><data><value><string>a</string></value><value><int>1</int></value></data></array></value>'],
    [
      'struct with an escaped member name',
      { 'a&b': 'x', n: [] },
      '<value><struct><member><name>a&amp;b</name><value><string>x</string></value></member><member><name>n</name><value><array><data></data></array></value></member></struct></value>',
    ],
  ];
  for (const [name, value, xml] of rows) it(name, () => expect(encodeValue(value)).toBe(xml));

  it('builds a methodCall that decodes back to the same values', () => {
    const call = encodeCall('wp.getPost', [1, 'admin', 'pa<ss', 7]);
    expect(call).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<methodCall><methodName>wp.getPost</methodName><params>' +
        '<param><value><int>1</int></value></param><param><value><string>admin</string></value></param>' +
        '<param><value><string>pa&lt;ss</string></value></param><param><value><int>7</int></value></param></params></methodCall>\n',
    );
  });

  it('refuses NaN', () => expect(() => encodeValue(Number.NaN)).toThrow(RangeError));
  it('escapes a CDATA end marker', () => expect(escapeXml(']]>')).toBe(']]&gt;'));
});

describe('XML-RPC decoding', () => {
  const rows: [string, string, XmlRpcValue][] = [
    ['bare text is a string', 'hallo', 'hallo'],
    ['string with entities and character references', '<string>Tom &amp; Jerry &#8211; &#x1F600;</string>', 'Tom & Jerry – 😀'],
    ['CDATA', '<string><![CDATA[<b>fett</b>]]></string>', '<b>fett</b>'],
    ['i4', '<i4>12</i4>', 12],
    ['int with spaces', '<int> 12 </int>', 12],
    ['double', '<double>-0.5</double>', -0.5],
    ['boolean', '<boolean>0</boolean>', false],
    ['nil', '<nil/>', null],
    ['base64 with line breaks', '<base64>AAEC\n+g==</base64>', new XmlRpcBase64(new Uint8Array([0, 1, 2, 250]))],
    ['dateTime', '<dateTime.iso8601>20130103T10:00:00</dateTime.iso8601>', new XmlRpcDateTime('20130103T10:00:00')],
    ['empty array', '<array><data></data></array>', []],
    [
      'struct in array, with whitespace between elements',
      '<array>\n <data>\n  <value><struct>\n   <member><name>post_id</name><value><string>5</string></value></member>\n  </struct></value>\n </data>\n</array>',
      [{ post_id: '5' }],
    ],
  ];
  for (const [name, xml, expected] of rows) {
    it(name, () => {
      const value = decodeResponse(response(xml));
      expect(value instanceof Object && !Array.isArray(value) ? { ...value } : value).toEqual(expected);
    });
  }

  it('turns a fault into XmlRpcFault (WordPress: wrong password is 403 with HTTP 200)', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><methodResponse><fault><value><struct>' +
      '<member><name>faultCode</name><value><int>403</int></value></member>' +
      '<member><name>faultString</name><value><string>Falscher Benutzername oder Passwort.</string></value></member>' +
      '</struct></value></fault></methodResponse>';
    const error = (() => {
      try {
        decodeResponse(xml);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(XmlRpcFault);
    expect(error).toMatchObject({ faultCode: 403, faultString: 'Falscher Benutzername oder Passwort.' });
  });

  it('skips a BOM and blank lines a plugin printed before the XML declaration', () => {
    expect(decodeResponse(`\uFEFF\n\n  ${response('<int>7</int>')}`)).toBe(7);
  });

  it('reads a dateTime in both forms as local time', () => {
    expect(new XmlRpcDateTime('20130103T10:00:00').toLocalString()).toBe('2013-01-03T10:00:00');
    expect(new XmlRpcDateTime('2013-01-03T10:00:00Z').toLocalString()).toBe('2013-01-03T10:00:00');
  });

  it('does not let a member called __proto__ reach any prototype', () => {
    const value = decodeResponse(response('<struct><member><name>__proto__</name><value><struct><member><name>polluted</name><value>ja</value></member></struct></value></member></struct>'));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(value).toBeTypeOf('object');
  });
});

describe('hostile or broken answers are refused', () => {
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
    '<methodResponse><params><param><value><string>&lol2;</string></value></param></params></methodResponse>';
  const external =
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><methodResponse><params><param><value>&xxe;</value></param></params></methodResponse>';
  const deep = response('<array><data><value>'.repeat(100) + 'x' + '</value></data></array>'.repeat(100));
  const rows: [string, string, RegExp][] = [
    ['entity declarations (billion laughs)', laughs, /DOCTYPE/],
    ['external entities', external, /DOCTYPE/],
    ['a bare DOCTYPE', '<!DOCTYPE methodResponse><methodResponse/>', /DOCTYPE/],
    ['an undeclared entity', response('<string>&nbsp;</string>'), /Kein gültiges XML/],
    ['deep nesting', deep, /verschachtelt/],
    ['HTML instead of XML', '<html><body><p>Wartung<br></body></html>', /Kein gültiges XML/],
    ['an empty answer', '', /Kein gültiges XML|Leeres Dokument/],
    ['another root element', '<rsd version="1.0"/>', /Keine XML-RPC-Antwort/],
    ['an unknown type', response('<date>heute</date>'), /Unbekannter XML-RPC-Typ/],
    ['an int that is no number', response('<int>zwölf</int>'), /Keine Ganzzahl/],
    ['two values in one', response('<int>1</int><int>2</int>'), /mehreren Typen/],
  ];
  for (const [name, xml, message] of rows) {
    it(name, () => {
      expect(() => decodeResponse(xml)).toThrow(XmlRefused);
      expect(() => decodeResponse(xml)).toThrow(message);
    });
  }

  it('refuses a document above the size cap before parsing it', () => {
    const big = response(`<string>${'a'.repeat(2000)}</string>`);
    expect(() => decodeResponse(big, { maxChars: 1000, maxDepth: 64 })).toThrow(/zu groß/);
  });
});
