/** React Flow's colour mode, following VS Code's theme: the body's theme class changes when the user switches themes. */
import { useEffect, useState } from 'react';
import type { ColorMode } from '@xyflow/react';

function themeMode(): ColorMode {
  const c = document.body.classList;
  return c.contains('vscode-light') || c.contains('vscode-high-contrast-light') ? 'light' : 'dark';
}

export function useColorMode(): ColorMode {
  const [colorMode, setColorMode] = useState<ColorMode>(themeMode);
  useEffect(() => {
    const observer = new MutationObserver(() => setColorMode(themeMode()));
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return colorMode;
}
