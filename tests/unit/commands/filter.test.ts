import { describe, expect, it } from 'vitest';
import { filterCommands } from '../../../renderer/commands/filter.js';

const items = [
  { id: 'fixQuotes', label: 'Anführungszeichen im Dokument korrigieren' },
  { id: 'heading1', label: 'Überschrift 1' },
  { id: 'heading2', label: 'Überschrift 2' },
  { id: 'togglePreview', label: 'Vorschau ein/aus' },
  { id: 'toggleSidebar', label: 'Bibliothek ein/aus' },
  { id: 'librarySearch', label: 'In allen Texten suchen …' },
  { id: 'find', label: 'Suchen und Ersetzen' },
  { id: 'street', label: 'Straße öffnen' },
];
const ids = (query: string) => filterCommands(items, query).map((m) => m.id);

describe('filterCommands', () => {
  it.each([
    ['', items.map((i) => i.id)],
    ['anfuehrung', ['fixQuotes']],
    ['anführung', ['fixQuotes']],
    ['ANFÜHRUNG', ['fixQuotes']],
    ['ueberschrift', ['heading1', 'heading2']],
    ['uberschrift 2', ['heading2']],
    ['strasse', ['street']],
    ['oeffnen', ['street']],
    ['xyz', []],
  ])('%j finds %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('puts a run of the query at a word start before letters found apart', () => {
    // „suchen“ is a word of both; at the start of „Suchen und Ersetzen“ it wins.
    expect(ids('suchen').slice(0, 2)).toEqual(['find', 'librarySearch']);
    // Letters in order across words: v(orschau) a(us).
    expect(ids('vaus')).toEqual(['togglePreview']);
    expect(ids('bib ein')).toEqual(['toggleSidebar']);
  });

  it('reports the matched characters in the original label, umlauts included', () => {
    const [match] = filterCommands(items, 'ueber');
    expect(match?.id).toBe('heading1');
    // „Über“: the folded „ueber“ comes from the four characters Ü, b, e, r.
    expect(match?.positions).toEqual([0, 1, 2, 3]);
    const [loose] = filterCommands(items, 'vaus');
    expect(loose?.positions.map((p) => 'Vorschau ein/aus'[p]).join('')).toBe('Vaus');
  });
});
