/**
 * The graph editor: toolbar, palette, canvas, inspector, and the summary and training panels. The document text
 * comes from the extension; everything shown is derived from it (parse + incremental shape analysis).
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { applyIntent } from '../engine/document/intents';
import { isExpressionGraph, type Graph, type NodePosition } from '../engine/graph/types';
import type { Intent, TrainingView } from '../extension/protocol';
import { Canvas } from './canvas/Canvas';
import { focusCard } from './canvas/FindWidget';
import { emitCommand } from './commandBus';
import { ErrorBoundary } from './ErrorBoundary';
import { answerRasterize } from './export/rasterize';
import { onHostMessage, onIntentSent, send, sendIntent } from './host';
import { DocumentModel, type DocumentView } from './model/documentModel';
import { HeldText } from './model/heldText';
import { COLUMN, ROW, isHorizontal, positionsFor } from './model/fallbackLayout';
import { diagnosticsByNode } from './model/flowModel';
import { sameGraph, samePlacement } from './model/sameGraph';
import { ExpressionEditor } from './expression/ExpressionEditor';
import { ErrorView } from './panels/ErrorView';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { SummaryPanel } from './panels/SummaryPanel';
import { Toolbar } from './panels/Toolbar';
import { TrainingPanel } from './training/TrainingPanel';
import { TrainingPlacementBar, type TrainingPlacement } from './training/TrainingPlacement';
import { GradientFlagContext } from './canvas/gradientFlagContext';

const NOTICE_MS = 6000;

/**
 * Edits drawn before the host confirms them: they change texts only, and the host applies the very same
 * applyIntent to the document, so the canvas can show the result at once instead of after VS Code's round trip
 * (webview → extension host → WorkspaceEdit → change event → webview; most of an edit's latency in a big graph).
 * The document that comes back replaces the prediction (unchanged cards are reused, so nothing redraws); a refused
 * edit puts the last document back.
 */
const PREDICTED: ReadonlySet<Intent['kind']> = new Set(['set-attribute', 'remove-attribute', 'set-label']);

export function App() {
  const model = useRef(new DocumentModel()).current;
  const heldText = useRef(new HeldText()).current;
  const [view, setView] = useState<DocumentView | null>(null);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [summaryOpen, setSummaryOpen] = useState(false);
  const [trainingOpen, setTrainingOpen] = useState(false);
  const [placement, setPlacement] = useState<TrainingPlacement>('docked');
  const [training, setTraining] = useState<TrainingView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [trainingChangedAt, setTrainingChangedAt] = useState(0);

  // The last document from the host, and the view shown, for predicting an edit and taking a refused one back.
  const hostDocument = useRef<{ text: string; graph: Graph | undefined } | null>(null);
  const shownView = useRef<DocumentView | null>(null);
  shownView.current = view;
  const predictions = useRef(new Set<number>());
  const addedAfter = useRef<ReadonlySet<string> | null>(null);

  useEffect(
    () =>
      onIntentSent((intent, requestId) => {
        const current = shownView.current;
        // A block added (palette, keyboard) is selected and focused when it arrives, so the next key acts on it.
        if (intent.kind === 'add-node' && current?.graph) addedAfter.current = new Set(current.graph.nodes.map((n) => n.id));
        if (!PREDICTED.has(intent.kind) || !current?.graph) return;
        const r = applyIntent(current.graph, intent);
        if (!r.ok) return;
        predictions.current.add(requestId);
        performance.mark('wiregrad:edit-predicted');
        // The text is the last one the host sent: the prediction has a graph, not a text of its own.
        setView(model.read(hostDocument.current?.text ?? current.text, r.graph));
      }),
    [model],
  );

  useEffect(() => {
    const stop = onHostMessage((m) => {
      switch (m.type) {
        case 'document':
        case 'document-change': {
          // Marks let tests and benchmarks split edit → label time into host and webview shares.
          performance.mark('wiregrad:document-received', { detail: { sentAt: m.sentAt } });
          const received = heldText.receive(m);
          if (received.text === undefined) {
            if (received.request) send({ type: 'document-request' });
            return;
          }
          hostDocument.current = { text: received.text, graph: m.graph };
          // After a predicted edit the document comes back saying what the canvas already shows (the host ran the
          // same applyIntent): drawing it again would be a second render and commit of the whole editor for nothing.
          const shown = shownView.current?.graph;
          if (!(m.graph && shown && sameGraph(shown, m.graph))) {
            const next = model.read(received.text, m.graph, received.edit);
            // A block added (palette, keyboard) is selected and focused when it arrives, so the next key acts on it.
            const before = addedAfter.current;
            const added = before && next.graph?.nodes.find((n) => !before.has(n.id));
            if (added) {
              setView(next);
              addedAfter.current = null;
              setSelection(new Set([added.id]));
              // Now, not from a timer: focusCard judges the keys typed meanwhile by the element focused at the call.
              focusCard(added.id);
            } else {
              // Drawn now, in this task, as an edit on the canvas is (a key's update is rendered before the event
              // returns): a message's update would wait for a scheduler task of its own, behind whatever the page
              // queued meanwhile; in VS Code the webview can share its thread with the workbench, which has just
              // drawn the typed key.
              flushSync(() => setView(next));
            }
          }
          performance.mark('wiregrad:document-analyzed');
          return;
        }
        case 'intent-result': {
          const predicted = predictions.current.delete(m.requestId);
          if (!m.ok && m.error) setNotice(m.error);
          if (!m.ok && predicted && hostDocument.current) setView(model.read(hostDocument.current.text, hostDocument.current.graph));
          return;
        }
        case 'command':
          if (m.command === 'show-summary') setSummaryOpen((o) => !o);
          else if (m.command === 'show-training') setTrainingOpen(true);
          else if (m.command === 'training-tab') {
            setPlacement('tab');
            setTrainingOpen(true);
          }
          else emitCommand(m);
          return;
        case 'training':
          setTraining(m.view);
          setTrainingChangedAt(Date.now());
          return;
        case 'rasterize':
          answerRasterize(m);
          return;
      }
    });
    send({ type: 'ready' });
    return stop;
  }, [model]);

  const gradientFlags = training?.gradientFlags;
  const flagsByNode = useMemo(() => new Map((gradientFlags ?? []).map((f) => [f.node, f])), [gradientFlags]);

  // A run that starts opens the training panel.
  const status = training?.status;
  useEffect(() => {
    if (status === 'starting' || status === 'failed') setTrainingOpen(true);
  }, [status, trainingChangedAt]);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(t);
  }, [notice]);

  const graph = view?.graph ?? null;
  const analysis = view?.analysis ?? null;
  // Node positions only change when ids, edges or the layout do; an attribute edit keeps the computed ones.
  const placed = useRef<{ graph: Graph; positions: Map<string, NodePosition> } | null>(null);
  const positions = useMemo(() => {
    if (!graph) return new Map<string, NodePosition>();
    if (placed.current && samePlacement(placed.current.graph, graph)) return placed.current.positions;
    placed.current = { graph, positions: positionsFor(graph) };
    return placed.current.positions;
  }, [graph]);
  const horizontal = useMemo(() => (graph ? isHorizontal(graph, positions) : false), [graph, positions]);
  const diagnostics = useMemo(() => (analysis ? diagnosticsByNode(analysis) : new Map()), [analysis]);
  const selectedNodes = graph ? graph.nodes.filter((n) => selection.has(n.id)).map((n) => n.id) : [];
  const single = selectedNodes.length === 1 ? selectedNodes[0] : null;
  // A card inside an expanded module use (l2b0/conv1) is not a node of the file; the inspector shows it too.
  const innerSelected = analysis?.expansion ? [...selection].filter((id) => analysis.expansion!.origins.has(id)) : [];
  const inspected = single ?? (selectedNodes.length === 0 && innerSelected.length === 1 ? innerSelected[0] : null);

  // Stable across edits (it reads the latest state through a ref), so the palette does not re-render every edit.
  const addContext = useRef({ graph, single, positions, horizontal });
  addContext.current = { graph, single, positions, horizontal };
  const addBlock = useCallback((type: string) => {
    const { graph, single, positions, horizontal } = addContext.current;
    if (!graph) return;
    const anchor = single ? positions.get(single) : undefined;
    const position = anchor ? (horizontal ? { x: anchor.x + COLUMN, y: anchor.y } : { x: anchor.x, y: anchor.y + ROW }) : undefined;
    sendIntent({ kind: 'add-node', type, ...(single ? { after: single } : {}), ...(position ? { position } : {}) });
  }, []);

  if (!view) return <div className="loading">Loading…</div>;
  // An expression graph (the backprop lab) opens in the same editor, with its own canvas of gates.
  if (graph && isExpressionGraph(graph)) {
    return (
      <>
        <ExpressionEditor graph={graph} onNotice={setNotice} />
        {notice && (
          <div className="notice" data-testid="notice" role="alert">
            <span>{notice}</span>
            <button type="button" className="link" onClick={() => setNotice(null)}>
              dismiss
            </button>
          </div>
        )}
      </>
    );
  }
  if (!graph || !analysis) return <ErrorView problems={view.parsed.problems} />;

  return (
    <div className={`app training-${trainingOpen ? placement : 'closed'}`}>
      <Toolbar
        name={graph.name}
        summaryOpen={summaryOpen}
        trainingOpen={trainingOpen}
        training={training}
        onToggleSummary={() => setSummaryOpen((o) => !o)}
        onToggleTraining={() => setTrainingOpen((o) => !o)}
      />
      <div className="workspace">
        <Palette onAdd={addBlock} />
        <div className="center">
          <ReactFlowProvider>
            <GradientFlagContext.Provider value={flagsByNode}>
            <Canvas
              graph={graph}
              analysis={analysis}
              positions={positions}
              horizontal={horizontal}
              selection={selection}
              onSelection={setSelection}
              onNotice={setNotice}
            />
            </GradientFlagContext.Provider>
          </ReactFlowProvider>
          {summaryOpen && <SummaryPanel analysis={analysis} onSelect={(id) => setSelection(new Set([id]))} />}
          {trainingOpen && (
            <div className="training-area">
              <TrainingPlacementBar placement={placement} onPlacement={setPlacement} onClose={() => setTrainingOpen(false)} />
              <ErrorBoundary where="training panel">
                <TrainingPanel view={training} graph={graph} />
              </ErrorBoundary>
            </div>
          )}
        </div>
        <Inspector graph={graph} analysis={analysis} selected={inspected} diagnostics={diagnostics} />
      </div>
      {notice && (
        <div className="notice" data-testid="notice" role="alert">
          <span>{notice}</span>
          <button type="button" className="link" onClick={() => setNotice(null)}>
            dismiss
          </button>
        </div>
      )}
    </div>
  );
}
