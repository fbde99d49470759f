import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../engine/data/csvParse';
import { DataError } from '../../engine/data/errors';
import { loadDataset } from '../../engine/data/load';
import { tmpDir, write } from './helpers';

const dir = tmpDir();
const IRIS = `sepal,petal,species
1.0,0.5,setosa
1.1,0.4,setosa
1.2,0.6,setosa
1.3,0.5,setosa
5.0,2.0,virginica
5.1,2.1,virginica
5.2,1.9,virginica
5.3,2.2,virginica
3.0,1.0,versicolor
3.1,1.1,versicolor
`;
write(dir, 'iris.csv', IRIS);
const load = (spec: string, inputShape?: number[]) => loadDataset(spec, { baseDir: dir, inputShape, seed: 1, testFraction: 0.2 });
const failure = async (spec: string, inputShape?: number[]) => {
  const err = await load(spec, inputShape).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return (err as DataError).message;
};

describe('CSV parsing', () => {
  it('reads quoted fields, doubled quotes, CRLF, and remembers line numbers past blank lines', () => {
    const rows = parseCsv('a,"b, c"\r\n\r\n"say ""hi""",2\n', 'f.csv');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b, c'] },
      { line: 3, cells: ['say "hi"', '2'] },
    ]);
  });
});

describe("loadDataset('csv:…')", () => {
  it('takes text labels as sorted class names, the header by detection, and splits stratified', async () => {
    const ds = await load('csv:iris.csv');
    expect(ds.task).toBe('classification');
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(ds.inputShape).toEqual([2]);
    expect([ds.train.count, ds.test.count]).toEqual([8, 2]);
    // Every row's features come through with its label: setosa rows have sepal < 2.
    const all = [ds.train, ds.test];
    for (const split of all) {
      for (let i = 0; i < split.count; i++) {
        const sepal = split.x[i * 2];
        expect(ds.classNames[split.y[i]]).toBe(sepal < 2 ? 'setosa' : sepal < 4 ? 'versicolor' : 'virginica');
      }
    }
  });

  it('chooses the label column by name or index and reads regression targets', async () => {
    write(dir, 'reg.csv', 'x,y,z\n0,0.5,1\n1,1.5,2\n2,2.5,3\n3,3.5,4\n4,4.5,5\n');
    const byName = await load('csv:reg.csv?label=y');
    expect(byName.task).toBe('regression');
    expect(byName.classNames).toEqual(['y']);
    const pairs = [byName.train, byName.test].flatMap((s) => Array.from({ length: s.count }, (_, i) => [s.x[2 * i], s.x[2 * i + 1], s.y[i]]));
    expect(pairs.sort((a, b) => a[0] - b[0])).toEqual([[0, 1, 0.5], [1, 2, 1.5], [2, 3, 2.5], [3, 4, 3.5], [4, 5, 4.5]]);
    const byIndex = await load('csv:reg.csv?label=0&task=regression');
    expect(byIndex.train.y.every((v, i) => v === byIndex.train.x[2 * i] - 0.5)).toBe(true);
  });

  it('reads headerless files with whole-number labels as class indices, reshaped to the input', async () => {
    write(dir, 'digits.csv', '0,1,2,3,0\n4,5,6,7,1\n8,9,10,11,0\n12,13,14,15,1\n1,1,1,1,1\n');
    const ds = await load('csv:digits.csv?header=no', [2, 2, 1]);
    expect([ds.task, ds.numClasses, ds.inputShape]).toEqual(['classification', 2, [2, 2, 1]]);
    expect(ds.train.count + ds.test.count).toBe(5);
  });

  it('names the line of a row with the wrong column count', async () => {
    write(dir, 'short.csv', 'a,b,label\n1,2,0\n3,4,1\n5,1\n');
    expect(await failure('csv:short.csv')).toBe(`${path.join(dir, 'short.csv')} line 4: 2 columns, expected 3 (as in line 1)`);
  });

  it('names the line and column of a non-numeric cell', async () => {
    write(dir, 'text.csv', 'a,b,label\n1,2,0\n3,four,1\n');
    expect(await failure('csv:text.csv')).toBe(`${path.join(dir, 'text.csv')} line 3, column 'b': 'four' is not a number`);
  });

  it('rejects a label out of range, a regression label that is text, and a single class', async () => {
    write(dir, 'range.csv', 'a,label\n1,0\n2,1\n3,7\n');
    expect(await failure('csv:range.csv?classes=3')).toMatch(/range.csv line 4, column 'label': class label 7 is out of range \(0 to 2\)/);
    write(dir, 'neg.csv', 'a,label\n1,0\n2,-1\n');
    expect(await failure('csv:neg.csv?task=classification')).toMatch(/neg.csv line 3, column 'label': class label -1 is out of range/);
    expect(await failure('csv:iris.csv?task=regression')).toMatch(/iris.csv line 2, column 'species': label 'setosa' is not a number/);
    write(dir, 'one.csv', 'a,label\n1,cat\n2,cat\n');
    expect(await failure('csv:one.csv')).toMatch(/one.csv: column 'label' has only one class \('cat'\)/);
  });

  it('reports a missing file, an unknown label column, an unknown option and a mismatched input shape', async () => {
    expect(await failure('csv:nope.csv')).toBe(`${path.join(dir, 'nope.csv')}: file not found`);
    expect(await failure('csv:iris.csv?label=colour')).toMatch(/label column 'colour' not found \(columns: sepal, petal, species\)/);
    expect(await failure('csv:iris.csv?lable=species')).toMatch(/unknown option 'lable'/);
    expect(await failure('csv:iris.csv', [28, 28, 1])).toMatch(/iris.csv: 2 feature columns make inputs of shape \[2\] but the graph's input is \[28, 28, 1\]/);
    write(dir, 'huge.csv', 'a,label\n1,0\n1e39,1\n');
    expect(await failure('csv:huge.csv')).toMatch(/huge.csv line 3, column 'a': 1e39 is too large for float32/);
    write(dir, 'empty.csv', '\n\n');
    expect(await failure('csv:empty.csv')).toMatch(/empty.csv: empty file/);
  });
});

describe('a data file that is a device', () => {
  it.runIf(fs.existsSync('/dev/zero'))('csv:/dev/zero is refused by name instead of being read forever', async () => {
    await expect(loadDataset('csv:/dev/zero', { baseDir: '.' })).rejects.toThrow('/dev/zero: a device, not a regular file');
  });
});
