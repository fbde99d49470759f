/**
 * Auto layout with elkjs ("layered", as in the ELK demos). The 1.5 MB layout engine is a separate bundle
 * (dist/webview/elk.js) loaded with this page's nonce on first use, so the canvas's first paint does not wait for it.
 */
import type { NodePosition } from '../../engine/graph/types';
import { scriptNonce } from '../host';

export type Direction = 'DOWN' | 'RIGHT';

interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  children?: ElkNode[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
  layoutOptions?: Record<string, string>;
}

interface Elk {
  layout(graph: ElkNode): Promise<ElkNode>;
}

declare global {
  interface Window {
    wiregradElk?: Elk;
  }
}

let loading: Promise<Elk> | null = null;

function loadElk(): Promise<Elk> {
  loading ??= new Promise<Elk>((resolve, reject) => {
    if (window.wiregradElk) return resolve(window.wiregradElk);
    const script = document.createElement('script');
    script.src = document.getElementById('root')?.dataset.layoutScript ?? 'elk.js';
    script.nonce = scriptNonce;
    script.onload = () => (window.wiregradElk ? resolve(window.wiregradElk) : reject(new Error('the layout engine did not start')));
    script.onerror = () => {
      loading = null;
      reject(new Error('could not load the layout engine (dist/webview/elk.js)'));
    };
    document.head.appendChild(script);
  });
  return loading;
}

export interface LayoutInput {
  readonly nodes: readonly { readonly id: string; readonly width: number; readonly height: number }[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

export async function autoLayout(input: LayoutInput, direction: Direction): Promise<Record<string, NodePosition>> {
  const elk = await loadElk();
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: input.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: input.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
  const out: Record<string, NodePosition> = {};
  for (const c of result.children ?? []) out[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return out;
}
