/**
 * Local names of XMP properties that give away where a photo was taken or which camera body took it: the GPS
 * block (`exif:GPSLatitude`, also nested in `Iptc4xmpExt:LocationCreated`, and drone makers' `GpsLatitude`) and
 * serial numbers (`aux:SerialNumber`, `exifEX:BodySerialNumber`, lens serials).
 */
const PRIVATE_NAME = String.raw`(?:[Gg][Pp][Ss][\w.-]*|SerialNumber|LensSerialNumber|BodySerialNumber|CameraSerialNumber|InternalSerialNumber)`;
const QNAME = String.raw`[A-Za-z_][\w.-]*:${PRIVATE_NAME}`;

const ATTRIBUTE = new RegExp(String.raw`\s${QNAME}\s*=\s*(?:"[^"]*"|'[^']*')`, 'g');
const EMPTY_ELEMENT = new RegExp(String.raw`<(${QNAME})\b[^>]*/>`, 'g');
const ELEMENT = new RegExp(String.raw`<(${QNAME})\b[^>]*>[\s\S]*?</\1\s*>`, 'g');

/**
 * The XMP packet without GPS position and serial numbers; every other property (creator, rights, credit,
 * captions, keywords) stays byte for byte. RDF writes a simple property either as an attribute or as an element,
 * so both forms go; a property nested inside a removed one goes with it.
 */
export function scrubXmp(xmp: string): string {
  let text = xmp;
  // Repeated because an element can hold another private one (a location struct with GPS inside).
  for (let pass = 0; pass < 4; pass++) {
    const next = text.replace(ELEMENT, '').replace(EMPTY_ELEMENT, '').replace(ATTRIBUTE, '');
    if (next === text) break;
    text = next;
  }
  return text;
}
