/**
 * The graph canvas: React Flow with the node cards and shape-labelled edges. It never changes the graph itself:
 * moves, connections, deletions, pastes and drops become intents for the extension, and the canvas redraws when
 * the document comes back. Only a node being dragged is moved locally, for smoothness.
 */
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Graph, NodePosition } from '../../engine/graph/types';
import type { GraphAnalysis } from '../../engine/shape/types';
import { connectionProblem } from '../../engine/document/connection';
import { onCommand } from '../commandBus';
import { sendIntent } from '../host';
import { autoLayout, type Direction } from '../layout/autoLayout';
import { FlowModel, keepShown, keepShownEdges, type CardNode, type ShapeEdge } from '../model/flowModel';
import { copyText, pasteIntent } from './clipboard';
import { isTyping, useDesignKeys } from './designKeys';
import { FindWidget, type FindMode } from './FindWidget';
import { selectedAfter } from './selectChanges';
import { LabelContext, LabelStore } from './labelStore';
import { NodeCard } from './NodeCard';
import { ModuleActions } from './ModuleActions';
import { ModuleGroup } from './ModuleGroup';
import { cardOf, expandedView, makeRoom } from '../model/moduleView';
import { searchableNodes } from './nodeSearch';
import { useModuleKeys } from './moduleKeys';
import { useTabThroughCards } from './tabThroughCards';
import { ShapeEdgeView } from './ShapeEdgeView';
import { useColorMode } from './useColorMode';
import { useFirstView } from './useFirstView';

export const BLOCK_DRAG_TYPE = 'application/x-wiregrad-block';

const nodeTypes: NodeTypes = { card: NodeCard, moduleGroup: ModuleGroup };
const edgeTypes: EdgeTypes = { shape: ShapeEdgeView };
const NUDGE = 10;

interface CanvasProps {
  readonly graph: Graph;
  readonly analysis: GraphAnalysis;
  readonly positions: ReadonlyMap<string, NodePosition>;
  readonly horizontal: boolean;
  readonly selection: ReadonlySet<string>;
  readonly onSelection: (ids: ReadonlySet<string>) => void;
  readonly onNotice: (message: string) => void;
}

// Stable handlers (module level): new function props on every render would make React Flow and its minimap
// redraw all 500 nodes of a big graph for nothing.
const minimapClass = (n: CardNode) => `minimap-${n.data.family}`;

// Array and object props too: React Flow copies changed props into its store and re-subscribes its key handlers.
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
const PRO_OPTIONS = { hideAttribution: true };
/**
 * Above this many nodes only the cards and edges in view are in the DOM (React Flow draws every node once, to
 * measure it, then only those in view). In VS Code the webview is painted by the workbench's own renderer: a digit
 * typed in the text editor beside a 2,000-node canvas waited ~86 ms longer (500 nodes: ~61 ms) while VS Code's
 * frames laid out and painted every card (e2e `big`, the same edits with the cards hidden and shown). A smaller
 * graph keeps every card in the DOM; in a bigger one Tab still goes from card to card in file order, bringing the
 * next one into view (tabThroughCards.ts), and Ctrl+F reaches any node.
 */
const DRAW_ONLY_VISIBLE_ABOVE = 200;
/**
 * The minimap is off until asked for (the Controls' ▣ button or M): over a canvas it always hides some cards, and a
 * network that fits the view needs none. When shown it is smaller than React Flow's default 200×150.
 */
const MINIMAP_SIZE = { width: 150, height: 100 };


/** Deleting is an intent: React Flow removes nothing itself; the nodes go when the document comes back. */
const onBeforeDelete = async ({ nodes: ns, edges: es }: { nodes: CardNode[]; edges: ShapeEdge[] }) => {
  if (ns.length || es.length) sendIntent({ kind: 'delete', nodes: ns.map((n) => n.id), edges: es.map((e) => ({ from: e.source, to: e.target })) });
  return false;
};

export function Canvas({ graph, analysis, positions, horizontal, selection, onSelection, onNotice }: CanvasProps) {
  const flow = useReactFlow<CardNode>();
  const model = useRef(new FlowModel()).current;
  // Module uses expanded in place (view state, not in the file): a frame with the cards of their nodes.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggleModule = useCallback((id: string) => setExpanded((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id]))), []);
  const built = useMemo(() => {
    const flowBuilt = model.build(graph, analysis, positions, selection, horizontal);
    if (expanded.size === 0) return flowBuilt;
    // The frames and their cards go through the same local state as every card: dragging a frame moves it (and
    // its cards with it) as it moves a card, and selecting an inner card is React Flow's selection like any other.
    const view = expandedView(graph, analysis, expanded, positions, horizontal, selection);
    const room = makeRoom([...flowBuilt.nodes.filter((n) => !expanded.has(n.id)), ...(view.nodes as CardNode[])], view.frames, horizontal);
    return {
      nodes: room.nodes,
      edges: [...flowBuilt.edges, ...view.edges],
      labels: { cards: new Map([...flowBuilt.labels.cards, ...view.cards]), edges: new Map([...flowBuilt.labels.edges, ...view.edgeShapes]) },
      offsets: room.offsets,
    };
  }, [model, graph, analysis, positions, selection, horizontal, expanded]);
  // Cards moved aside for an open frame are written back without that offset when dragged (see makeRoom).
  const offsets = useRef<ReadonlyMap<string, NodePosition>>(new Map());
  offsets.current = 'offsets' in built ? built.offsets : new Map();
  const onNodeDragStop = useCallback((_e: unknown, _node: CardNode, dragged: CardNode[]) => {
    const placed = dragged.map((n) => {
      const o = offsets.current.get(n.id);
      return [n.id, { x: n.position.x - (o?.x ?? 0), y: n.position.y - (o?.y ?? 0) }] as const;
    });
    sendIntent({ kind: 'move', positions: Object.fromEntries(placed) });
  }, []);
  const [nodes, setNodes] = useState<CardNode[]>(built.nodes);
  const [edges, setEdges] = useState<ShapeEdge[]>(built.edges);
  // A new document replaces the local nodes during this render (React's derived-state pattern), not in an effect
  // after it: one render pass per edit instead of two. Unchanged nodes stay the objects React Flow holds, and
  // changed ones keep their measured size, so React Flow re-measures none of them (see keepShown).
  const [shown, setShown] = useState(built);
  if (shown !== built) {
    setShown(built);
    setNodes((local) => keepShown(built.nodes, local));
    setEdges((local) => keepShownEdges(built.edges, local));
  }
  const onNodeDoubleClick = useCallback(
    (_e: unknown, n: CardNode) => {
      if ((n.type as string) === 'moduleGroup' || n.data.family === 'module') toggleModule(n.id);
    },
    [toggleModule],
  );
  // The texts go to the cards through the store, after the commit and before the paint (a layout effect's update
  // is rendered at once): only cards whose texts changed re-render.
  const [labels] = useState(() => new LabelStore(built.labels));
  useLayoutEffect(() => {
    performance.mark('wiregrad:labels-start');
    labels.set(built.labels);
    performance.mark('wiregrad:labels-written');
  }, [labels, built.labels]);
  const colorMode = useColorMode();

  const { onInit, onMoveStart, canvasRef } = useFirstView(flow, horizontal);
  const onlyVisible = nodes.length > DRAW_ONLY_VISIBLE_ABOVE;
  useTabThroughCards(flow, canvasRef, onlyVisible);

  const [minimap, setMinimap] = useState(false);
  const toggleMinimap = useCallback(() => setMinimap((m) => !m), []);
  const [find, setFind] = useState<FindMode | null>(null);
  const selectedNodes = useMemo(() => graph.nodes.filter((n) => selection.has(n.id)).map((n) => n.id), [graph.nodes, selection]);
  useDesignKeys(selectedNodes, selection.size, setFind, toggleMinimap);
  const selectOne = useCallback((id: string) => onSelection(new Set([id])), [onSelection]);
  const closeFind = useCallback(() => setFind(null), []);
  // Find searches inside module uses too; a match in a closed use opens it (the card must be drawn to be shown).
  const searchable = useMemo(() => searchableNodes(graph, analysis.expansion), [graph, analysis.expansion]);
  const showNode = useCallback((id: string) => {
    const use = cardOf(analysis, id);
    if (use !== id) setExpanded((s) => (s.has(use) ? s : new Set([...s, use])));
  }, [analysis]);
  useModuleKeys({ graph, analysis, selection, expanded, setExpanded, onSelection });

  const runLayout = useCallback(
    async (direction: Direction) => {
      try {
        const placed = await autoLayout(
          {
            nodes: flow.getNodes().map((n) => ({ id: n.id, width: n.measured?.width ?? 200, height: n.measured?.height ?? 80 })),
            edges: graph.edges,
          },
          direction,
        );
        sendIntent({ kind: 'move', positions: placed });
        setTimeout(() => void flow.fitView({ padding: 0.15, duration: 250 }), 150);
      } catch (e) {
        onNotice(`Auto layout failed: ${(e as Error).message}`);
      }
    },
    [flow, graph.edges, onNotice],
  );

  useEffect(
    () =>
      onCommand((m) => {
        if (m.command === 'fit-view') void flow.fitView({ padding: 0.15, duration: 250 });
        if (m.command === 'auto-layout') void runLayout(m.direction ?? 'DOWN');
        if (m.command === 'find-node') setFind({ kind: 'find' });
      }),
    [flow, runLayout],
  );

  // Keyboard: select all, Escape to select nothing, nudge with the arrows; copy and paste through the clipboard events.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        onSelection(new Set(graph.nodes.map((n) => n.id)));
        return;
      }
      if (e.key === 'Escape') {
        onSelection(new Set());
        return;
      }
      // The arrows move a selected card; focus on the toolbar, palette or a panel keeps them for itself.
      if (e.target instanceof HTMLElement && e.target.closest('.toolbar, .palette, .inspector, .training, .summary')) return;
      const step = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[e.key];
      const moving = graph.nodes.filter((n) => selection.has(n.id));
      if (!step || moving.length === 0) return;
      e.preventDefault();
      const d = e.shiftKey ? NUDGE * 5 : NUDGE;
      const moved: Record<string, NodePosition> = {};
      for (const n of moving) {
        const p = positions.get(n.id) ?? { x: 0, y: 0 };
        moved[n.id] = { x: p.x + step[0] * d, y: p.y + step[1] * d };
      }
      sendIntent({ kind: 'move', positions: moved });
    };
    const onCopy = (e: ClipboardEvent) => {
      if (isTyping(e.target)) return;
      const text = copyText(graph, selection, positions);
      if (!text || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target)) return;
      const intent = pasteIntent(e.clipboardData?.getData('text/plain') ?? '');
      if (!intent) return;
      e.preventDefault();
      sendIntent(intent);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [graph, selection, positions, onSelection]);

  // The app owns the selection and React Flow learns it through the nodes' and edges' `selected`, a commit and an
  // effect later. Only React Flow's select changes go back to the app: they are the user selecting inside React
  // Flow (a click, a box, Enter on a card, a click on the pane). Its onSelectionChange is not used: it reports the
  // store's selection whatever changed it, and while the store was a step behind two quick app selections (typing
  // "d" then "r" in the find box selects c1, then dropout_1) it reported the older one, which was written back;
  // the store then reported the newer one, and the two alternated until React stopped with error #185.
  const selectionRef = useRef(selection);
  const renderedSelection = useRef(selection);
  if (renderedSelection.current !== selection) {
    renderedSelection.current = selection;
    selectionRef.current = selection;
  }
  const takeSelectChanges = useCallback(
    (changes: readonly (NodeChange<CardNode> | EdgeChange<ShapeEdge>)[]) => {
      const current = selectionRef.current;
      const next = selectedAfter(current, changes);
      if (next === current) return;
      // Node and edge changes of one click arrive in two calls: the second builds on the first.
      selectionRef.current = next;
      onSelection(next);
    },
    [onSelection],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CardNode>[]) => {
      // Positions while dragging and measured sizes are local; removals go through onBeforeDelete.
      const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions' || c.type === 'select');
      if (local.length) setNodes((ns) => applyNodeChanges(local, ns));
      takeSelectChanges(changes);
    },
    [takeSelectChanges],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ShapeEdge>[]) => {
      const local = changes.filter((c) => c.type === 'select');
      if (local.length) setEdges((es) => applyEdgeChanges(local, es));
      takeSelectChanges(changes);
    },
    [takeSelectChanges],
  );

  // Stable across edits: a new onConnect each render is copied into React Flow's store, and that store update
  // runs every node wrapper's selectors (~15 ms per edit in a 500-node graph). The handler reads the latest graph.
  const graphRef = useRef(graph);
  graphRef.current = graph;
  const onConnect = useCallback(
    (c: Connection) => {
      const problem = connectionProblem(graphRef.current, c.source, c.target);
      if (problem) onNotice(problem);
      else sendIntent({ kind: 'connect', from: c.source, to: c.target });
    },
    [onNotice],
  );
  const connectByKeys = useCallback((from: string, to: string) => onConnect({ source: from, target: to, sourceHandle: null, targetHandle: null }), [onConnect]);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(BLOCK_DRAG_TYPE);
      if (!type) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      sendIntent({ kind: 'add-node', type, position: { x: p.x - 90, y: p.y - 30 } });
    },
    [flow],
  );

  return (
    <div className="canvas" data-testid="canvas" ref={canvasRef} onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <LabelContext value={labels}>
      <ReactFlow<CardNode, ShapeEdge>
        nodes={nodes}
        edges={edges}
        onNodeDoubleClick={onNodeDoubleClick}
        zoomOnDoubleClick={false}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={colorMode}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStop={onNodeDragStop}
        onBeforeDelete={onBeforeDelete}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        onInit={onInit}
        onMoveStart={onMoveStart}
        minZoom={0.05}
        onlyRenderVisibleElements={onlyVisible}
        proOptions={PRO_OPTIONS}
      >
        <Background gap={20} size={1} />
        {minimap && <MiniMap pannable zoomable nodeClassName={minimapClass} style={MINIMAP_SIZE} ariaLabel="Minimap of the network" />}
        <Controls showInteractive={false}>
          <ControlButton
            className={minimap ? 'on' : undefined}
            data-testid="toggle-minimap"
            onClick={toggleMinimap}
            title={minimap ? 'Hide the minimap (M)' : 'Show the minimap (M)'}
            aria-label={minimap ? 'Hide the minimap' : 'Show the minimap'}
            aria-pressed={minimap}
          >
            ▣
          </ControlButton>
        </Controls>
      </ReactFlow>
      </LabelContext>
      {find && (
        <FindWidget
          key={find.kind === 'connect' ? `connect-${find.from}` : 'find'}
          graph={graph}
          searchable={searchable}
          mode={find}
          onShow={showNode}
          onSelect={selectOne}
          onConnect={connectByKeys}
          onClose={closeFind}
        />
      )}
      <ModuleActions graph={graph} selection={selection} expanded={expanded} onToggle={toggleModule} />
    </div>
  );
}
