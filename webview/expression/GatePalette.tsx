/** The gates of an expression graph (and var, const): drag one onto the canvas, or click to add it after the selection. */
import { GATES } from '../../engine/expression/gates';
import { GATE_DRAG_TYPE } from './ExpressionCanvas';

const ITEMS: readonly { type: string; symbol: string; doc: string }[] = [
  { type: 'var', symbol: 'x', doc: 'a variable: f is differentiated with respect to it' },
  { type: 'const', symbol: 'c', doc: 'a constant (it gets a gradient too)' },
  ...GATES.map((g) => ({ type: g.type, symbol: g.symbol, doc: `${g.doc}. Local gradient: ${g.rule}` })),
];

export function GatePalette({ onAdd }: { readonly onAdd: (type: string) => void }) {
  return (
    <aside className="palette gate-palette" data-testid="gate-palette">
      <ul className="palette-list">
        {ITEMS.map((g) => (
          <li
            key={g.type}
            className="palette-item gate-item"
            data-testid={`palette-item-${g.type}`}
            draggable
            title={g.doc}
            onDragStart={(e) => {
              e.dataTransfer.setData(GATE_DRAG_TYPE, g.type);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => onAdd(g.type)}
          >
            <span className="gate-item-symbol">{g.symbol}</span>
            <span className="palette-type">{g.type}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
