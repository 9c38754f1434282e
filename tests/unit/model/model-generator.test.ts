import { describe, expect, it } from 'vitest';
import { describeOperation, generateOperations, MARKER, WEIGHTS, type OperationKind } from '../../e2e/model/operations.js';
import { locate, lostMarkers, TypedModel } from '../../e2e/model/oracle.js';
import { mulberry32 } from '../../e2e/model/prng.js';
import { modelConfig } from '../../e2e/model/config.js';

describe('the model test’s seeded random source', () => {
  it('gives the same numbers for the same seed and different ones for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('keeps int() inside its bounds and reaches both ends', () => {
    const rng = mulberry32(7);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(1, 4));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it('never picks a kind whose weight is 0', () => {
    const rng = mulberry32(1);
    for (let i = 0; i < 300; i++) expect(rng.weighted({ a: 1, b: 0, c: 2 })).not.toBe('b');
  });
});

describe('the operation generator', () => {
  it('produces the same sequence for the same seed (the run replays from the printed seed)', () => {
    expect(generateOperations(123, 200)).toEqual(generateOperations(123, 200));
    expect(generateOperations(123, 200)).not.toEqual(generateOperations(124, 200));
    // A shorter run is a prefix of the longer one: STEPS=n replays a failure at step n.
    expect(generateOperations(5, 60)).toEqual(generateOperations(5, 200).slice(0, 60));
  });

  it('uses every kind of step over a long run, and types unique marker words', () => {
    const ops = generateOperations(1, 2000);
    const kinds = new Set(ops.map((o) => o.kind));
    expect([...kinds].sort()).toEqual((Object.keys(WEIGHTS) as OperationKind[]).sort());
    const words = ops.flatMap((o) => ('words' in o ? o.words : []).concat('titleWords' in o ? o.titleWords : []));
    expect(new Set(words).size).toBe(words.length);
    for (const w of words) expect(w).toMatch(new RegExp(`^${MARKER.source}$`));
    for (const o of ops) expect(describeOperation(o)).not.toBe('');
  });
});

describe('the oracle', () => {
  it('finds typed words in the editor, on disk or in the journal, and reports the rest as lost', () => {
    const model = new TypedModel();
    model.add(['wort1x', 'wort2x', 'wort3x', 'wort4x'], 1, 'a', 'text');
    const snapshot = {
      editor: 'Hallo wort1x',
      disk: new Map([['/b/index.md', 'wort2x']]),
      journal: new Map([['/j/a.json', '{"text":"wort3x"}']]),
      localStorage: [],
    };
    expect(lostMarkers(model, snapshot).map((m) => m.word)).toEqual(['wort4x']);
    expect(locate(['wort1x'], snapshot).get('wort1x')).toEqual(['editor']);
  });

  it('does not take wort1x for a part of wort11x or wort21x', () => {
    const model = new TypedModel();
    model.add(['wort1x'], 1, 'a', 'text');
    const snapshot = { editor: 'wort11x wort21x', disk: new Map<string, string>(), journal: new Map<string, string>(), localStorage: [] };
    expect(lostMarkers(model, snapshot)).toHaveLength(1);
  });

  it('forgets words the user replaced on purpose (an old title)', () => {
    const model = new TypedModel();
    model.add(['wort5x', 'wort6x'], 3, 'a', 'title');
    model.forget('Titel wort5x');
    expect(model.all().map((m) => m.word)).toEqual(['wort6x']);
  });
});

describe('the model test’s configuration', () => {
  it('runs seeds 1 and 3 with 200 steps by default, one seed from SEED, and leaves out MODEL_SKIP kinds', () => {
    expect(modelConfig({})).toMatchObject({ seeds: [1, 3], steps: 200 });
    expect(modelConfig({ SEED: '123', STEPS: '50' })).toMatchObject({ seeds: [123], steps: 50 });
    const { weights } = modelConfig({ MODEL_SKIP: 'restart, reload' });
    expect(weights.restart).toBe(0);
    expect(weights.reload).toBe(0);
    expect(weights.type).toBe(WEIGHTS.type);
    expect(() => modelConfig({ MODEL_SKIP: 'fliegen' })).toThrow(/unbekannte Schrittart/);
    expect(() => modelConfig({ STEPS: 'viele' })).toThrow(/STEPS/);
  });
});
