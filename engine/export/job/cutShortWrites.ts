/**
 * After a cancelled export (its worker terminated), the temporary file of a write that was cut short may remain:
 * engine/io/atomicWrite.ts names it `.NAME.wiregrad-PID-TIME.tmp` and renames it over NAME only once it is complete,
 * so NAME itself is whole (old or new). This removes those temporary files — only this process's (a worker thread
 * shares its PID) and only of the files the export writes, so a training run's weights write beside the graph is
 * left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportTargetKind } from './exportJob';

/** The folders an export writes into, and which of their files are its own. */
function exportFolders(graphFile: string, target: ExportTargetKind): { dir: string; ours: (name: string) => boolean }[] {
  const base = graphFile.replace(/\.nn\.json$|\.json$/i, '');
  if (target === 'onnx') return [{ dir: path.dirname(graphFile), ours: (name) => name === `${path.basename(base)}.onnx` }];
  const out = `${base}.pytorch`;
  return [out, path.join(out, 'data')].map((dir) => ({ dir, ours: () => true }));
}

/** Removes them; returns the paths removed. */
export function removeCutShortWrites(graphFile: string, target: ExportTargetKind, pid = process.pid): string[] {
  const temp = new RegExp(`^\\.(.+)\\.wiregrad-${pid}-[0-9a-z]+\\.tmp$`);
  const removed: string[] = [];
  for (const { dir, ours } of exportFolders(graphFile, target)) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue; // the export had not created it yet
    }
    for (const name of names) {
      const match = temp.exec(name);
      if (match && ours(match[1])) {
        fs.rmSync(path.join(dir, name), { force: true });
        removed.push(path.join(dir, name));
      }
    }
  }
  return removed;
}
