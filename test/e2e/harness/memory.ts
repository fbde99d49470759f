/** Resident memory of the code-server process group and of chromium, for the printed figures. */
import { execFileSync } from 'node:child_process';

export function residentMegabytes(serverPgid: number | undefined, chromiumMarker: string): { server: number; chromium: number } {
  const rows = execFileSync('ps', ['-eo', 'pgid=,rss=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pgid: Number(m[1]), rss: Number(m[2]), args: m[3] }));
  const sum = (xs: { rss: number }[]): number => Math.round(xs.reduce((a, x) => a + x.rss, 0) / 1024);
  return {
    server: sum(rows.filter((r) => r.pgid === serverPgid)),
    chromium: sum(rows.filter((r) => r.args.includes(chromiumMarker))),
  };
}
