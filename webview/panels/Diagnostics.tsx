/** Diagnostics with a button per fix; a fix is sent as an intent and applied by the extension like any edit. */
import type { Diagnostic } from '../../engine/shape/diagnostics';
import { sendIntent } from '../host';

export function Diagnostics({ diagnostics }: { readonly diagnostics: readonly Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="diagnostics">
      {diagnostics.map((d, i) => (
        <li key={`${d.code}-${i}`} className={`diagnostic-item severity-${d.severity}`}>
          <div className="diagnostic-message" data-testid="diagnostic">
            {d.message}
          </div>
          {d.fixes.length > 0 && (
            <div className="fixes">
              {d.fixes.map((f, j) => (
                <button key={j} type="button" className="fix" data-testid="fix-button" onClick={() => sendIntent({ kind: 'apply-fix', edits: f.edits })}>
                  {f.title}
                </button>
              ))}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
