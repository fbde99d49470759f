/**
 * The expression graph on a React Flow canvas, left to right as on the slides. Like the network canvas it never
 * edits the graph itself: moves, connections, deletions and drops become intents, and the canvas redraws when the
 * document comes back. Graphs here are small (tens of nodes), so nodes and edges are rebuilt on each document.
 */
import {
  Background,
  Controls,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type ColorMode,
  type Connection,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { ExpressionDiagnostic } from '../../engine/expression/diagnostics';
import type { ExpressionResult } from '../../engine/expression/evaluate';
import { gateFor } from '../../engine/expression/gates';
import type { Graph, JsonValue, NodePosition } from '../../engine/graph/types';
import { expressionConnectionProblem } from '../../engine/expression/intents';
import { onCommand } from '../commandBus';
import { sendIntent } from '../host';
import { GateNode, type GateNodeType } from './GateNode';
import type { StepView } from './stepView';
import { WireEdge, type WireEdgeType } from './WireEdge';

export const GATE_DRAG_TYPE = 'application/x-wiregrad-gate';

const nodeTypes: NodeTypes = { gate: GateNode };
const edgeTypes: EdgeTypes = { wire: WireEdge };
const DELETE_KEYS = ['Delete', 'Backspace'];
const PRO_OPTIONS = { hideAttribution: true };

const onValue = (node: string, value: JsonValue) => sendIntent({ kind: 'set-attribute', node, attribute: 'value', value });

const onNodeDragStop = (_e: unknown, _node: GateNodeType, dragged: GateNodeType[]) =>
  sendIntent({ kind: 'move', positions: Object.fromEntries(dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }])) });

const onBeforeDelete = async ({ nodes, edges }: { nodes: GateNodeType[]; edges: WireEdgeType[] }) => {
  if (nodes.length || edges.length) sendIntent({ kind: 'delete', nodes: nodes.map((n) => n.id), edges: edges.map((e) => ({ from: e.source, to: e.target })) });
  return false;
};

function themeMode(): ColorMode {
  const c = document.body.classList;
  return c.contains('vscode-light') || c.contains('vscode-high-contrast-light') ? 'light' : 'dark';
}

export function symbolOf(type: string): string {
  return type === 'var' ? 'var' : type === 'const' ? 'const' : gateFor(type)?.symbol ?? type;
}

interface Props {
  readonly graph: Graph;
  readonly result: ExpressionResult;
  readonly steps: StepView;
  /** Whether the Step control is on (the current step's gate and wires are highlighted). */
  readonly stepping: boolean;
  readonly positions: ReadonlyMap<string, NodePosition>;
  readonly onSelection: (ids: ReadonlySet<string>) => void;
  readonly onNotice: (message: string) => void;
}

export function ExpressionCanvas({ graph, result, steps, stepping, positions, onSelection, onNotice }: Props) {
  const flow = useReactFlow<GateNodeType, WireEdgeType>();
  const problems = useMemo(() => firstProblemByNode(result.diagnostics), [result]);
  const current = stepping ? steps.current : null;
  const built = useMemo<GateNodeType[]>(
    () =>
      graph.nodes.map((n) => {
        const r = result.byId.get(n.id);
        const problem = problems.get(n.id);
        return {
          id: n.id,
          type: 'gate',
          position: positions.get(n.id) ?? { x: 0, y: 0 },
          data: {
            id: n.id,
            label: n.label ?? n.id,
            type: n.type,
            symbol: symbolOf(n.type),
            leaf: n.type === 'var' || n.type === 'const',
            isOutput: result.output === n.id,
            value: r?.value ?? null,
            grad: steps.nodeGrads.get(n.id) ?? null,
            highlight: current?.node === n.id ? 'gate' : current?.inputs.some((s) => s.input === n.id) ? 'input' : null,
            severity: problem ? (problem.severity === 'error' ? 'error' : 'warning') : null,
            message: problem?.message ?? null,
            onValue,
          },
        };
      }),
    [graph, result, steps, positions, problems, current],
  );
  const edges = useMemo<WireEdgeType[]>(
    () =>
      graph.edges.map((e, i) => ({
        id: `${e.from}->${e.to}#${i}`,
        source: e.from,
        target: e.to,
        type: 'wire',
        data: { value: result.byId.get(e.from)?.value ?? null, grad: steps.wireGrads[i], active: current?.node === e.to },
      })),
    [graph, result, steps, current],
  );
  // Local copies only for what React Flow changes while the user acts (drag positions, sizes, selection).
  const [nodes, setNodes] = useState(built);
  const [shown, setShown] = useState(built);
  if (shown !== built) {
    setShown(built);
    setNodes((local) => built.map((n) => {
      const old = local.find((o) => o.id === n.id);
      return old ? { ...n, measured: old.measured, selected: old.selected } : n;
    }));
  }
  const onNodesChange = useCallback((changes: NodeChange<GateNodeType>[]) => {
    const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions' || c.type === 'select');
    if (local.length) setNodes((ns) => applyNodeChanges(local, ns));
  }, []);

  const [colorMode, setColorMode] = useState<ColorMode>(themeMode);
  useEffect(() => {
    const observer = new MutationObserver(() => setColorMode(themeMode()));
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);

  useEffect(() => onCommand((m) => m.command === 'fit-view' && void flow.fitView({ padding: 0.2, duration: 250 })), [flow]);

  const graphRef = useRef(graph);
  graphRef.current = graph;
  const onConnect = useCallback(
    (c: Connection) => {
      const problem = expressionConnectionProblem(graphRef.current, c.source, c.target);
      if (problem) onNotice(problem);
      else sendIntent({ kind: 'connect', from: c.source, to: c.target });
    },
    [onNotice],
  );
  const onSelectionChange = useCallback(({ nodes: ns }: OnSelectionChangeParams) => onSelection(new Set(ns.map((n) => n.id))), [onSelection]);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(GATE_DRAG_TYPE);
      if (!type) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      sendIntent({ kind: 'add-node', type, position: { x: Math.round(p.x - 60), y: Math.round(p.y - 30) } });
    },
    [flow],
  );

  return (
    <div className="canvas expression-canvas" data-testid="expression-canvas" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <ReactFlow<GateNodeType, WireEdgeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={colorMode}
        onNodesChange={onNodesChange}
        onSelectionChange={onSelectionChange}
        onConnect={onConnect}
        onNodeDragStop={onNodeDragStop}
        onBeforeDelete={onBeforeDelete}
        deleteKeyCode={DELETE_KEYS}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
        minZoom={0.1}
        proOptions={PRO_OPTIONS}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

function firstProblemByNode(diagnostics: readonly ExpressionDiagnostic[]): Map<string, ExpressionDiagnostic> {
  const out = new Map<string, ExpressionDiagnostic>();
  for (const d of diagnostics) {
    if (d.node === null) continue;
    const old = out.get(d.node);
    if (!old || (old.severity !== 'error' && d.severity === 'error')) out.set(d.node, d);
  }
  return out;
}
