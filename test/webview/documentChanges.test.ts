/**
 * The webview's copy of the document kept by changes (engine/document/textChanges.ts, webview/model/heldText.ts):
 * random edits applied as VS Code reports them give the host's text exactly; a missed message is noticed and the
 * whole text asked for once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTextChanges, type TextChange } from '../../engine/document/textChanges';
import { parseHostMessage, parseWebviewMessage, type HostMessage } from '../../extension/protocol';
import { HeldText } from '../../webview/model/heldText';

/** The reference: the text as an array of UTF-16 units, each change spliced into it (not slice and concatenate). */
function spliceAll(text: string, changes: readonly TextChange[]): string {
  const units = text.split('');
  for (const c of changes) units.splice(c.offset, c.length, ...c.text.split(''));
  return units.join('');
}

/** One change event on `text`: 1–3 changes, each drawn against the text the previous one left (as VS Code orders them). */
const changesOn = (text: string): fc.Arbitrary<TextChange[]> =>
  fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.string({ unit: fc.constantFrom('a', '"', '\n', '\r\n', '{', '}', '5', 'é', '😀'), maxLength: 6 })), { minLength: 1, maxLength: 3 }).map((raw) => {
    let length = text.length;
    return raw.map(([at, len, inserted]) => {
      const offset = at % (length + 1);
      const removed = Math.min(len, length - offset);
      length += inserted.length - removed;
      return { offset, length: removed, text: inserted };
    });
  });

const SAMPLE = '{\n  "format": "wiregrad.graph",\n  "nodes": [\n    { "id": "c0", "type": "conv2d", "filters": 4 }\n  ]\n}\n';

describe('applyTextChanges', () => {
  it('gives the same text as splicing each change in turn, over random edit sequences', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }).chain((start) => fc.tuple(fc.constant(start), fc.array(fc.nat(), { maxLength: 8 }))), ([start, seeds]) => {
        let text = start;
        for (const seed of seeds) {
          const changes = fc.sample(changesOn(text), { numRuns: 1, seed })[0];
          const expected = spliceAll(text, changes);
          expect(applyTextChanges(text, changes)).toBe(expected);
          text = expected;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('applies a multi-cursor event in VS Code order (last range first) and a digit typed over a selection', () => {
    const at = SAMPLE.indexOf('4');
    expect(applyTextChanges(SAMPLE, [{ offset: at, length: 1, text: '5' }])).toBe(SAMPLE.replace('"filters": 4', '"filters": 5'));
    // Two cursors, on "c0" and "conv2d": VS Code reports the later range first, each offset valid in turn.
    const id = SAMPLE.indexOf('c0');
    const type = SAMPLE.indexOf('conv2d');
    const edited = applyTextChanges(SAMPLE, [{ offset: type, length: 0, text: 'X' }, { offset: id, length: 0, text: 'X' }]);
    expect(edited).toBe(SAMPLE.replace('"c0"', '"Xc0"').replace('"conv2d"', '"Xconv2d"'));
  });

  it('refuses a range outside the text (null), not a silently different text', () => {
    expect(applyTextChanges('abc', [{ offset: 2, length: 2, text: '' }])).toBeNull();
    expect(applyTextChanges('abc', [{ offset: 4, length: 0, text: 'x' }])).toBeNull();
    expect(applyTextChanges('abc', [{ offset: -1, length: 0, text: 'x' }])).toBeNull();
    expect(applyTextChanges('abc', [{ offset: 1.5, length: 0, text: 'x' }])).toBeNull();
    // The first change makes the second one's range valid: order matters.
    expect(applyTextChanges('abc', [{ offset: 3, length: 0, text: 'de' }, { offset: 4, length: 1, text: 'E' }])).toBe('abcdE');
  });
});

describe('HeldText: the webview copy of the host document', () => {
  it('follows the host over random edits, and after a lost message asks once for the whole text, then follows again', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.boolean()), { maxLength: 12 }), (start, steps) => {
        // The host's side: the document and its version, and what graphEditorProvider sends.
        let text = start;
        let version = 1;
        let held = version;
        const held_ = new HeldText();
        expect(held_.receive({ type: 'document', text, version })).toEqual({ text });
        let inSync = true;
        let requests = 0;
        for (const [seed, lost, resend] of steps) {
          const changes = fc.sample(changesOn(text), { numRuns: 1, seed })[0];
          const before = text;
          text = spliceAll(text, changes);
          version++;
          const message: HostMessage = { type: 'document-change', from: held, version, changes, length: text.length };
          held = version;
          if (lost) inSync = false;
          else {
            const received = held_.receive(message as Extract<HostMessage, { type: 'document-change' }>);
            // With the edit that made it: the text held before and the changes (the reader re-reads only those).
            if (inSync) expect(received).toEqual({ text, edit: { before, changes } });
            else {
              expect(received.text).toBeUndefined();
              if (received.request) requests++;
            }
          }
          if (resend && !inSync && requests > 0) {
            // The host answers document-request with the whole text of the current version.
            expect(held_.receive({ type: 'document', text, version })).toEqual({ text });
            inSync = true;
            requests = 0;
          }
          expect(requests).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a change of the right version whose result has another length than announced asks for the whole text', () => {
    const held = new HeldText();
    held.receive({ type: 'document', text: SAMPLE, version: 3 });
    expect(held.receive({ type: 'document-change', from: 3, version: 4, changes: [{ offset: 0, length: 0, text: ' ' }], length: SAMPLE.length })).toEqual({ request: true });
    expect(held.receive({ type: 'document-change', from: 4, version: 5, changes: [], length: SAMPLE.length + 1 })).toEqual({ request: false });
    expect(held.receive({ type: 'document', text: SAMPLE, version: 5 })).toEqual({ text: SAMPLE });
  });
});

describe('the protocol messages of changes', () => {
  it('a document-change is checked on arrival in the webview; document-request is a host-side message without fields', () => {
    const change = { type: 'document-change', from: 1, version: 2, changes: [{ offset: 3, length: 1, text: '5' }], length: 10 };
    expect(parseHostMessage(change)).toEqual(change);
    expect(parseHostMessage({ ...change, changes: [{ offset: '3', length: 1, text: '5' }] })).toBeNull();
    expect(parseHostMessage({ ...change, changes: [{ offset: 3, length: 1 }] })).toBeNull();
    expect(parseHostMessage({ ...change, changes: 'x' })).toBeNull();
    expect(parseHostMessage({ ...change, from: undefined })).toBeNull();
    expect(parseWebviewMessage({ type: 'document-request', text: 'ignored' })).toEqual({ ok: true, value: { type: 'document-request' } });
  });
});
