/**
 * "csv:PATH?label=COL&task=…&header=…&sep=…&classes=N": a table of numeric feature columns and one label column.
 *  - label: the label column, by header name or 0-based index (negative counts from the end); default the last.
 *  - header: yes | no | auto (default): auto takes the first row as a header when its cells are all non-numeric, or
 *    when it has text where the second row has a number.
 *  - task: classification | regression | auto (default): text labels are class names (sorted alphabetically); whole
 *    numbers 0..999 are class indices; anything else (fractions, negatives, large numbers) is a regression target.
 *  - classes=N: the number of classes when labels are indices (labels must then be below N).
 *  - sep: the separator (default ','; 'tab' for tab-separated).
 * Inputs have shape [number of features], or any input shape with as many values (e.g. 784 pixel columns as
 * [28, 28, 1]). Classification is split stratified, regression at random (seeded), by `testFraction`.
 */
import path from 'node:path';
import { Rng } from '../random/rng';
import { sizeOf } from '../tensor/types';
import type { LoadContext } from './context';
import { cellNumber, parseCsv, type CsvRow } from './csvParse';
import { DataError } from './errors';
import { readFileText } from './files';
import { shapeAsWritten } from '../shape/format';
import { gather, limitSplit, randomSplit, stratifiedSplit } from './split';
import type { Dataset } from './types';

const MAX_AUTO_CLASSES = 1000;

function detectHeader(rows: readonly CsvRow[]): boolean {
  const first = rows[0].cells;
  if (first.every((c) => Number.isNaN(cellNumber(c)))) return true;
  const second = rows[1]?.cells;
  return !!second && first.some((c, i) => Number.isNaN(cellNumber(c)) && i < second.length && !Number.isNaN(cellNumber(second[i])));
}

function labelColumn(spec: string | undefined, header: readonly string[] | null, columns: number, file: string): number {
  if (spec === undefined || spec === '') return columns - 1;
  if (header) {
    const byName = header.findIndex((h) => h.trim() === spec);
    if (byName >= 0) return byName;
  }
  const index = Number(spec);
  if (Number.isInteger(index) && index >= -columns && index < columns) return index < 0 ? columns + index : index;
  const names = header ? ` (columns: ${header.map((h) => h.trim()).join(', ')})` : ` (the file has no header; use a column index 0 to ${columns - 1})`;
  throw new DataError(`${file}: label column '${spec}' not found${names}`);
}

export function loadCsv(ctx: LoadContext): Dataset {
  const file = path.resolve(ctx.baseDir, ctx.argument);
  const labelOption = ctx.options.string('label');
  const headerOption = ctx.options.choice('header', ['yes', 'no', 'auto'] as const) ?? 'auto';
  const taskOption = ctx.options.choice('task', ['classification', 'regression', 'auto'] as const) ?? 'auto';
  const classesOption = ctx.options.integer('classes', 2, 65535);
  const sepOption = ctx.options.string('sep');
  ctx.options.rejectUnknown();
  const separator = sepOption === undefined || sepOption === '' ? ',' : sepOption.toLowerCase() === 'tab' ? '\t' : sepOption;

  const rows = parseCsv(readFileText(file), file, separator);
  if (rows.length === 0) throw new DataError(`${file}: empty file (no rows)`);
  const hasHeader = headerOption === 'auto' ? detectHeader(rows) : headerOption === 'yes';
  const header = hasHeader ? rows[0].cells : null;
  const data = hasHeader ? rows.slice(1) : rows;
  if (data.length === 0) throw new DataError(`${file}: no data rows after the header`);
  const columns = rows[0].cells.length;
  if (columns < 2) throw new DataError(`${file}: line ${rows[0].line} has ${columns} column; a data table needs feature columns and a label column`);
  for (const row of data) {
    if (row.cells.length !== columns) {
      throw new DataError(`${file} line ${row.line}: ${row.cells.length} columns, expected ${columns} (as in line ${rows[0].line})`);
    }
  }
  const label = labelColumn(labelOption, header, columns, file);
  const columnName = (c: number) => (header ? `column '${header[c].trim()}'` : `column ${c}`);

  const features = columns - 1;
  const shape = ctx.inputShape ?? [features];
  if (sizeOf(shape) !== features) {
    throw new DataError(`${file}: ${features} feature columns make inputs of shape [${features}] but the graph's input is ${shapeAsWritten(shape)} (${sizeOf(shape)} values)`);
  }
  const x = new Float32Array(data.length * features);
  data.forEach((row, r) => {
    let f = 0;
    row.cells.forEach((cell, c) => {
      if (c === label) return;
      const value = cellNumber(cell);
      if (Number.isNaN(value)) throw new DataError(`${file} line ${row.line}, ${columnName(c)}: '${cell.trim()}' is not a number`);
      if (!Number.isFinite(Math.fround(value))) throw new DataError(`${file} line ${row.line}, ${columnName(c)}: ${cell.trim()} is too large for float32`);
      x[r * features + f++] = value;
    });
  });

  const labels = data.map((row) => row.cells[label].trim());
  const numeric = labels.map(cellNumber);
  const allNumbers = numeric.every((v) => !Number.isNaN(v));
  const allIndices = allNumbers && numeric.every((v) => Number.isInteger(v) && v >= 0 && v < MAX_AUTO_CLASSES);
  const task = taskOption !== 'auto' ? taskOption : !allNumbers || allIndices ? 'classification' : 'regression';
  const rng = new Rng(ctx.seed);
  const limited = (ds: Omit<Dataset, 'train' | 'test'>, y: Int32Array | Float32Array, split: { train: number[]; test: number[] }): Dataset => ({
    ...ds,
    train: limitSplit(gather(x, y, features, 1, split.train), ctx.trainCount, features, 1),
    test: limitSplit(gather(x, y, features, 1, split.test), ctx.testCount, features, 1),
  });
  const base = { spec: ctx.spec, inputShape: shape, name: `Table ${path.basename(file)}` };

  if (task === 'regression') {
    const bad = numeric.findIndex((v) => Number.isNaN(v));
    if (bad >= 0) throw new DataError(`${file} line ${data[bad].line}, ${columnName(label)}: label '${labels[bad]}' is not a number (regression needs numeric targets)`);
    const y = Float32Array.from(numeric);
    return limited({ ...base, task, numClasses: 1, classNames: [header ? header[label].trim() : 'y'] }, y, randomSplit(data.length, ctx.testFraction, rng));
  }

  let classNames: string[];
  let y: Int32Array;
  if (allNumbers) {
    const bad = numeric.findIndex((v) => !Number.isInteger(v) || v < 0 || (classesOption !== undefined && v >= classesOption));
    if (bad >= 0) {
      const range = classesOption !== undefined ? `0 to ${classesOption - 1}` : 'whole numbers from 0';
      throw new DataError(`${file} line ${data[bad].line}, ${columnName(label)}: class label ${labels[bad]} is out of range (${range})`);
    }
    const count = classesOption ?? Math.max(...numeric) + 1;
    classNames = Array.from({ length: count }, (_, i) => String(i));
    y = Int32Array.from(numeric);
  } else {
    if (classesOption !== undefined) throw new DataError(`${file}: classes=${classesOption} applies to numeric labels, but ${columnName(label)} holds text`);
    classNames = [...new Set(labels)].sort();
    const index = new Map(classNames.map((n, i) => [n, i]));
    y = Int32Array.from(labels, (l) => index.get(l)!);
  }
  if (classNames.length < 2) throw new DataError(`${file}: ${columnName(label)} has only one class ('${classNames[0]}'); a classifier needs at least two`);
  return limited({ ...base, task, numClasses: classNames.length, classNames }, y, stratifiedSplit(y, classNames.length, ctx.testFraction, rng));
}
