// Chart colours from VS Code's theme variables (so plots are right in light, dark and high-contrast themes), and a
// hook to redraw when the theme changes.

export interface ChartColors {
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly certified: string;
  readonly counterexample: string;
  readonly unresolved: string;
  readonly fold: string;
  readonly orbit: string;
  readonly pi: string;
  /** The panel's own background: tooltips and saved figures are filled with it. */
  readonly background: string;
  readonly fontFamily: string;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

export function chartColors(): ChartColors {
  return {
    foreground: cssVar('--vscode-charts-foreground', cssVar('--vscode-foreground', '#cccccc')),
    muted: cssVar('--vscode-descriptionForeground', '#999999'),
    grid: cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    certified: cssVar('--vscode-charts-green', '#89d185'),
    counterexample: cssVar('--vscode-charts-red', '#f14c4c'),
    unresolved: cssVar('--vscode-charts-yellow', '#cca700'),
    fold: cssVar('--vscode-charts-purple', '#b180d7'),
    orbit: cssVar('--vscode-charts-blue', '#3794ff'),
    pi: cssVar('--vscode-charts-orange', '#d18616'),
    background: cssVar('--vscode-sideBar-background', cssVar('--vscode-editor-background', '#1e1e1e')),
    fontFamily: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

/** Calls `redraw` when VS Code switches theme (it rewrites the <html> style and the body class). */
export function onThemeChange(redraw: () => void): void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      redraw();
    });
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
