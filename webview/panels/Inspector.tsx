/**
 * The selected node in full: every attribute (validated as you type), each computed number with its formula and
 * the numbers substituted, receptive field, MACs, and its diagnostics with their fixes. With nothing selected it
 * shows the graph's own diagnostics.
 */
import { blockFor } from '../../engine/blocks/specs';
import { isModuleUse, MODULE_TYPE_PREFIX, type Graph, type GraphNode } from '../../engine/graph/types';
import { innerNode } from '../../engine/modules/innerNode';
import type { Diagnostic } from '../../engine/shape/diagnostics';
import { formatCount } from '../../engine/shape/format';
import type { GraphAnalysis } from '../../engine/shape/types';
import { ExpandIntoGates } from '../expression/ExpandIntoGates';
import { focusCard } from '../canvas/FindWidget';
import { sendIntent } from '../host';
import { valueToText } from '../model/attributeInput';
import { AttributeField } from './AttributeField';
import { Diagnostics } from './Diagnostics';
import { InnerNodeInspector } from './InnerNodeInspector';
import { ModuleUseInspector } from './ModuleUseInspector';
import { Doc, Explanations, NodeFacts } from './NodeFacts';

interface InspectorProps {
  readonly graph: Graph;
  readonly analysis: GraphAnalysis;
  /** A node of the file, or a node inside an expanded module use (its path: l2b0/conv1). */
  readonly selected: string | null;
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
}

/** The display name shown on the card instead of the id. */
function LabelField({ node }: { readonly node: GraphNode }) {
  return (
    <label className="attr" title="A display name shown on the card instead of the id">
      <span className="attr-name">label</span>
      <input
        key={`${node.id}/label/${node.label ?? ''}`}
        data-testid="node-label"
        defaultValue={node.label ?? ''}
        placeholder={node.id}
        spellCheck={false}
        onBlur={(e) => {
          const label = e.target.value.trim();
          if (label !== (node.label ?? '')) sendIntent({ kind: 'set-label', node: node.id, label: label === '' ? null : label });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape') focusCard(node.id);
        }}
      />
    </label>
  );
}

/** The default shown in an empty box: the engine's resolved value when it has one. */
function placeholderFor(resolved: unknown): string {
  if (resolved === undefined) return 'required';
  if (typeof resolved === 'object' && resolved !== null && 'kind' in resolved) return 'default';
  return `default ${valueToText(resolved as never)}`;
}

export function Inspector({ graph, analysis, selected, diagnostics }: InspectorProps) {
  const node = selected ? graph.nodes.find((n) => n.id === selected) : undefined;
  const inner = !node && selected ? innerNode(graph, analysis.expansion, selected) : null;
  if (inner) return <InnerNodeInspector inner={inner} analysis={analysis.byId.get(inner.path)} diagnostics={analysis.diagnostics.filter((d) => d.node === inner.path)} />;
  if (node && isModuleUse(node)) {
    const module = node.type.slice(MODULE_TYPE_PREFIX.length);
    const definition = graph.modules && Object.hasOwn(graph.modules, module) ? graph.modules[module] : undefined;
    return (
      <ModuleUseInspector
        node={node}
        module={module}
        definition={definition}
        analysis={analysis.byId.get(node.id)}
        diagnostics={diagnostics.get(node.id) ?? []}
        label={<LabelField node={node} />}
      />
    );
  }
  if (!node) {
    const t = analysis.totals;
    return (
      <aside className="inspector" data-testid="inspector">
        <h2>{graph.name}</h2>
        {graph.description && <p className="muted">{graph.description}</p>}
        <dl className="facts">
          <dt>params</dt>
          <dd>{formatCount(t.totalParams)}</dd>
          <dt>MACs</dt>
          <dd>{formatCount(t.totalMacs)}</dd>
          <dt>nodes</dt>
          <dd>{graph.nodes.length}</dd>
        </dl>
        <Diagnostics diagnostics={diagnostics.get('') ?? []} />
        <p className="muted">Select a block to see its attributes and how each number is computed.</p>
      </aside>
    );
  }
  const block = blockFor(node.type);
  const a = analysis.byId.get(node.id);
  const declared = Object.entries(block?.attributes ?? {});
  const extra = Object.keys(node.attrs).filter((k) => !block?.attributes[k]);
  return (
    <aside className="inspector" data-testid="inspector">
      <h2>
        <span className={`swatch family-${block?.family ?? 'unknown'}`} /> {node.label ?? node.id}
      </h2>
      <p className="muted">
        {block ? (
          <>
            {block.title} — <Doc text={block.doc} />
          </>
        ) : (
          `Unknown block type '${node.type}'.`
        )}
      </p>
      <NodeFacts analysis={a} />
      <Diagnostics diagnostics={diagnostics.get(node.id) ?? []} />
      <ExpandIntoGates node={node.id} analysis={a} />
      <section className="attrs">
        <LabelField node={node} />
        {declared.map(([name, spec]) => (
          <AttributeField
            key={`${node.id}/${name}`}
            node={node.id}
            type={node.type}
            name={name}
            value={node.attrs[name]}
            placeholder={spec.fallback ? placeholderFor(a?.attrs[name]) : 'required'}
            doc={spec.doc}
            known
          />
        ))}
        {extra.map((name) => (
          <AttributeField key={`${node.id}/${name}`} node={node.id} type={node.type} name={name} value={node.attrs[name]} placeholder="" doc="" known={false} />
        ))}
      </section>
      <Explanations analysis={a} />
    </aside>
  );
}
