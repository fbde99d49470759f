/** Every block type, grouped by family, searchable; drag one onto the canvas or click to add it after the selection. */
import { memo, useMemo, useState } from 'react';
import { BLOCKS } from '../../engine/blocks/specs';
import { BLOCK_DRAG_TYPE } from '../canvas/Canvas';

function backToCanvas(): void {
  const card = document.querySelector<HTMLElement>('.react-flow__node.selected') ?? document.querySelector<HTMLElement>('.react-flow__node');
  card?.focus();
}

interface PaletteProps {
  readonly onAdd: (type: string) => void;
}

/** Memoized: it depends on nothing an edit changes, and its list of every block is the editor's longest. */
export const Palette = memo(function Palette({ onAdd }: PaletteProps) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return BLOCKS.filter((b) => !q || b.type.includes(q) || b.title.toLowerCase().includes(q) || b.family.includes(q) || b.doc.toLowerCase().includes(q));
  }, [query]);
  return (
    <aside className="palette" data-testid="palette">
      <input
        className="palette-search"
        data-testid="palette-search"
        type="search"
        placeholder="Search blocks…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="Search blocks; Enter adds the first match after the selected node"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && shown.length > 0) onAdd(shown[0].type);
          // Escape goes back to the canvas (the selected card), as the add shortcut A came from there.
          if (e.key === 'Escape') backToCanvas();
        }}
      />
      <ul className="palette-list">
        {shown.map((b) => (
          <li
            key={b.type}
            className={`palette-item family-${b.family}`}
            data-testid={`palette-item-${b.type}`}
            draggable
            title={b.doc}
            onDragStart={(e) => {
              e.dataTransfer.setData(BLOCK_DRAG_TYPE, b.type);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => onAdd(b.type)}
            role="button"
            tabIndex={0}
            aria-label={`Add ${b.title} (${b.type})`}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onAdd(b.type);
              }
            }}
          >
            <span className="palette-title">{b.title}</span>
            <span className="palette-type">{b.type}</span>
          </li>
        ))}
        {shown.length === 0 && <li className="palette-empty">No block matches “{query}”.</li>}
      </ul>
    </aside>
  );
});
