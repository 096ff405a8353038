import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, toCsv } from '../../../src/main/core/export/csv';

describe('CSV writer', () => {
  it('leaves plain text, numbers and booleans as they are; null and undefined are empty', () => {
    expect(csvRecord(['AR-2026-0001', 42, -3.5, true, false, null, undefined, 'Lucía Pérez'])).toBe('AR-2026-0001,42,-3.5,true,false,,,Lucía Pérez\r\n');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('quotes (RFC 4180) a field with a comma, semicolon, double quote or line break, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hola"')).toBe('"say ""hola"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField('{"role":"supervisor"}')).toBe('"{""role"":""supervisor""}"');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+33 1 23', "'+33 1 23"],
    ['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['=HYPERLINK("http://example.org/?x="&A1,"open")', `"'=HYPERLINK(""http://example.org/?x=""&A1,""open"")"`],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralizes a text cell starting a formula: %j', (input, written) => {
    expect(csvField(input)).toBe(written);
  });

  it('does not touch a formula character that is not first, nor a negative number', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('2026-11-27')).toBe('2026-11-27');
    expect(csvField(-7)).toBe('-7');
  });

  it('writes a header and rows with CRLF, optionally after a UTF-8 BOM; a short row is refused', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [2, null]])).toBe('a,b\r\n1,x\r\n2,\r\n');
    expect(toCsv(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
    expect(() => toCsv(['a', 'b'], [[1]])).toThrow(/1 fields, the header 2/);
  });

  it('round-trips any text through a standard CSV parser (neutralized cells keep their apostrophe)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 3, maxLength: 3 }), { maxLength: 8 }), (rows) => {
        const text = toCsv(['x', 'y', 'z'], rows);
        const back = parse(text, { relax_column_count: false }) as string[][];
        const expected = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
        expect(back).toEqual([['x', 'y', 'z'], ...expected]);
      }),
    );
  });
});
