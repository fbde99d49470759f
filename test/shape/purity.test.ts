/** The engine runs in the CLI, worker threads and tests: it must not import vscode or touch the DOM. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('engine purity', () => {
  it('no engine file imports vscode, react or the webview', () => {
    const offenders = files(path.join(__dirname, '..', '..', 'engine')).filter((f) =>
      /from ['"](vscode|react|react-dom|@xyflow\/react)['"]|from ['"][./]+\/(extension|webview)\//.test(fs.readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
