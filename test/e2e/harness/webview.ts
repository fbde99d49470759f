/**
 * Our editor's webview, addressed through the DOM contract the Designer implements (data-testid attributes and
 * React Flow's own classes). Locators from playwright cross the two iframes VS Code puts around a webview.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { EXTENSION_ID } from './paths';
import { waitUntil } from './poll';

export class GraphWebview {
  readonly frame: FrameLocator;

  constructor(readonly page: Page) {
    // The outer iframe is VS Code's webview host; the inner #active-frame holds our document. With several
    // webviews alive, the last one created is the editor just opened.
    this.frame = page
      .locator(`iframe.webview[src*="extensionId=${EXTENSION_ID}"]`)
      .last()
      .contentFrame()
      .locator('#active-frame')
      .contentFrame();
  }

  byTestId(id: string): Locator {
    return this.frame.locator(`[data-testid="${id}"]`);
  }

  get canvas(): Locator {
    return this.byTestId('canvas');
  }

  node(id: string): Locator {
    return this.byTestId(`node-${id}`);
  }

  /** React Flow's wrapper of a node: what is clicked to select it and what holds its handles. */
  flowNode(id: string): Locator {
    return this.frame.locator(`.react-flow__node[data-id="${id}"]`);
  }

  shapeOf(id: string): Locator {
    return this.node(id).locator('[data-testid="node-shape"]');
  }

  paramsOf(id: string): Locator {
    return this.node(id).locator('[data-testid="node-params"]');
  }

  badgeOf(id: string): Locator {
    return this.node(id).locator('[data-testid="node-badge"]');
  }

  async waitForCanvas(timeoutMs = 30_000): Promise<void> {
    await this.canvas.waitFor({ timeout: timeoutMs });
    await this.frame.locator('.react-flow__node').first().waitFor({ timeout: timeoutMs });
  }

  /** The ids of the nodes on the canvas, in DOM order. */
  async nodeIds(): Promise<string[]> {
    const ids = await this.frame.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    return ids.filter((id) => id !== '');
  }

  async label(id: string): Promise<{ type: string; shape: string; params: string }> {
    const node = this.node(id);
    const text = async (testId: string): Promise<string> => ((await node.locator(`[data-testid="${testId}"]`).textContent({ timeout: 5000 })) ?? '').trim();
    return { type: await text('node-type'), shape: await text('node-shape'), params: await text('node-params') };
  }

  async select(id: string): Promise<void> {
    const node = this.flowNode(id);
    // Its top-left corner (the type line): the centre can lie under the minimap when the graph is fitted.
    await node.click({ position: { x: 6, y: 4 } });
    await this.byTestId('inspector').waitFor({ timeout: 10_000 });
  }

  /**
   * Clicks an empty spot of the canvas (React Flow then clears the selection). The spot is found by asking the
   * document what lies under a grid of points, so that no node, minimap, toolbar or panel is hit.
   */
  async deselect(): Promise<void> {
    const pane = this.frame.locator('.react-flow__pane');
    const onPage = await pane.boundingBox();
    const spot = await pane.evaluate((el) => {
      const r = el.getBoundingClientRect();
      for (let fy = 0.1; fy < 1; fy += 0.1) {
        for (let fx = 0.9; fx > 0; fx -= 0.1) {
          const x = r.left + fx * r.width;
          const y = r.top + fy * r.height;
          if (el.ownerDocument.elementFromPoint(x, y) === el) return { dx: x - r.left, dy: y - r.top };
        }
      }
      return undefined;
    });
    if (!onPage || !spot) throw new Error('no empty spot on the canvas to click');
    await this.page.mouse.click(onPage.x + spot.dx, onPage.y + spot.dy);
  }

  /** Adds a block from the palette (after the selected node, if any); resolves to the new node's id. */
  async addFromPalette(type: string): Promise<string> {
    const before = new Set(await this.nodeIds());
    const search = this.byTestId('palette-search');
    if (await search.isVisible().catch(() => false)) await search.fill(type);
    await this.byTestId(`palette-item-${type}`).click();
    const after = await waitUntil(`a new ${type} node on the canvas`, () => this.nodeIds(), (ids) => ids.some((id) => !before.has(id)));
    return after.find((id) => !before.has(id))!;
  }

  /** Drags a connection from `from`'s output handle to `to`'s input handle, in small mouse steps as a user would. */
  async connect(from: string, to: string): Promise<void> {
    const source = await this.flowNode(from).locator('.react-flow__handle.source').first().boundingBox();
    const target = await this.flowNode(to).locator('.react-flow__handle.target').first().boundingBox();
    if (!source || !target) throw new Error(`cannot drag ${from} → ${to}: a handle is not visible (source ${!!source}, target ${!!target})`);
    const mouse = this.page.mouse;
    await mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await mouse.down();
    await mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 20 });
    await mouse.up();
  }

  attr(name: string): Locator {
    return this.byTestId('inspector').locator(`[data-testid="attr-${name}"]`);
  }

  /** Types a value into an inspector field and commits it with Enter. */
  async setAttr(name: string, value: string): Promise<void> {
    const input = this.attr(name);
    await input.fill(value);
    await input.press('Enter');
  }

  /** Body class VS Code sets on a webview for the current theme kind: vscode-light, vscode-dark, … */
  async themeKind(): Promise<string> {
    return this.frame.locator('body').evaluate((b) => b.className);
  }

  /**
   * Takes the canvas's cards, edges and minimap out of the page's rendering (display: none) or puts them back, by a
   * rule added to the webview's own style sheet (its CSP forbids a <style> element; CSSOM rules are allowed). The
   * cards drawn stay in the DOM and their labels are still written: what changes is what the workbench's renderer
   * lays out and paints, so the same edit with and without them tells what drawing them costs. One side effect:
   * React Flow's size observer sees the hidden cards at 0×0 and reacts to it, so read the difference as an estimate.
   */
  async hideCanvasDom(hidden: boolean): Promise<void> {
    await this.frame.locator('body').evaluate((_body, hidden) => {
      const w = window as unknown as { __e2eHidingRule?: CSSRule };
      const sheet = [...document.styleSheets].find((x) => x.cssRules.length > 0);
      if (!sheet) throw new Error('the webview has no style sheet');
      const at = w.__e2eHidingRule ? [...sheet.cssRules].indexOf(w.__e2eHidingRule) : -1;
      if (at >= 0) sheet.deleteRule(at);
      w.__e2eHidingRule = undefined;
      if (!hidden) return;
      const index = sheet.insertRule('.react-flow__nodes, .react-flow__edges, .react-flow__edgelabel-renderer, .react-flow__minimap { display: none !important; }', sheet.cssRules.length);
      w.__e2eHidingRule = sheet.cssRules[index];
    }, hidden);
  }
}

/**
 * Commits `value` into an inspector field and measures, inside the webview's own clock, the time from the Enter
 * key to the moment every target node's shape label reads its expected text: the user-visible latency of one edit
 * (intent → WorkspaceEdit → re-analysis → message back → React render).
 */
export async function timeEditToLabels(view: GraphWebview, attr: string, value: string, targets: Record<string, string>): Promise<number> {
  return (await timeEdit(view, attr, value, targets)).labels;
}

/** One edit's times from the Enter key (webview clock, ms). */
export interface EditTimes {
  /** … to the document arriving back in the webview (VS Code's round trip; the canvas draws an attribute edit
   *  before that, so this can be later than `labels`). */
  readonly received: number;
  /** … to every target label reading its new text in the DOM. */
  readonly labels: number;
  /** … to the frame after that having been laid out and painted (the next animation frame, then a task). */
  readonly painted: number;
}

/** In the webview: calls `onShown` once, at the first moment every target's shape label reads its text and `ready()`. */
type WatchLabels = (targets: Record<string, string>, ready: () => boolean, onShown: () => void) => void;

/**
 * Defines `__e2eWatchLabels` in the webview (the timing probes below share it). Only the target labels are watched:
 * a subtree observer on the whole page made each of the ~6,000 label writes of a 2,000-node edit queue a record
 * (9–72 ms observed against 1–4 ms unobserved in the chromium harness), so it measured itself. A check at every
 * frame catches a label whose element was replaced.
 */
async function installLabelWatch(view: GraphWebview): Promise<void> {
  await view.frame.locator('body').evaluate((body) => {
    const doc = body.ownerDocument;
    const watch: WatchLabels = (targets, ready, onShown) => {
      const labelOf = (id: string) => doc.querySelector(`[data-testid="node-${id}"] [data-testid="node-shape"]`);
      let shown = false;
      const seen = (): void => {
        if (shown || !ready() || !Object.entries(targets).every(([id, shape]) => labelOf(id)?.textContent?.trim() === shape)) return;
        shown = true;
        observer.disconnect();
        onShown();
      };
      const observer = new MutationObserver(seen);
      for (const id of Object.keys(targets)) {
        const label = labelOf(id);
        if (label) observer.observe(label, { subtree: true, childList: true, characterData: true });
      }
      const everyFrame = (): void => {
        seen();
        if (!shown) requestAnimationFrame(everyFrame);
      };
      requestAnimationFrame(everyFrame);
    };
    (window as unknown as { __e2eWatchLabels: WatchLabels }).__e2eWatchLabels = watch;
  });
}

/** timeEditToLabels, split at the webview's `wiregrad:document-received` mark and followed to the painted frame. */
export async function timeEdit(view: GraphWebview, attr: string, value: string, targets: Record<string, string>): Promise<EditTimes> {
  const input = view.attr(attr);
  await input.fill(value);
  await installLabelWatch(view);
  await view.frame.locator('body').evaluate((body, targets) => {
    const probe = { enter: 0, label: 0, received: 0, painted: 0 };
    (window as unknown as { __e2eEdit: typeof probe }).__e2eEdit = probe;
    const doc = body.ownerDocument;
    new PerformanceObserver((list, self) => {
      const mark = list.getEntries().find((e) => e.name === 'wiregrad:document-received' && probe.enter && e.startTime > probe.enter);
      if (mark) {
        probe.received = mark.startTime;
        self.disconnect();
      }
    }).observe({ type: 'mark' });
    doc.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !probe.enter) probe.enter = performance.now(); }, { capture: true });
    (window as unknown as { __e2eWatchLabels: WatchLabels }).__e2eWatchLabels(targets, () => probe.enter > 0, () => {
      probe.label = performance.now();
      requestAnimationFrame(() => setTimeout(() => (probe.painted = performance.now()), 0));
    });
  }, targets);
  await input.press('Enter');
  const probe = await waitUntil(
    `shape labels ${JSON.stringify(targets)}`,
    () => view.frame.locator('body').evaluate(() => (window as unknown as { __e2eEdit: { enter: number; label: number; received: number; painted: number } }).__e2eEdit),
    (p) => p.painted > 0 && p.received > 0,
  );
  return { received: probe.received - probe.enter, labels: probe.label - probe.enter, painted: probe.painted - probe.enter };
}

export function timeEditToLabel(view: GraphWebview, attr: string, value: string, nodeId: string, expectedShape: string): Promise<number> {
  return timeEditToLabels(view, attr, value, { [nodeId]: expectedShape });
}

/** One text edit's times from the key press in VS Code's text editor (ms). */
export interface TextEditTimes {
  /** … to the extension host posting the change to the webview (VS Code's share: the text editor → the host). */
  readonly posted: number;
  /** … to the document arriving in the webview (VS Code's change event, the host, postMessage). */
  readonly received: number;
  /** … to every target label reading its new text. */
  readonly labels: number;
}

/**
 * Types `key` into the focused text editor (its selection replaced) and measures the time to the canvas beside it
 * showing every target's new shape. The key press is seen in the workbench's page and the labels in the webview's
 * frame, two clocks: both are read as performance.timeOrigin + performance.now() (epoch milliseconds, sub-ms).
 */
export async function timeTextEdit(view: GraphWebview, key: string, targets: Record<string, string>): Promise<TextEditTimes> {
  await view.page.evaluate(() => {
    const probe = { key: 0 };
    (window as unknown as { __e2eKey: typeof probe }).__e2eKey = probe;
    window.addEventListener('keydown', () => { if (!probe.key) probe.key = performance.timeOrigin + performance.now(); }, { capture: true, once: true });
  });
  await installLabelWatch(view);
  await view.frame.locator('body').evaluate((_body, targets) => {
    const probe = { label: 0, received: 0, posted: 0 };
    (window as unknown as { __e2eText: typeof probe }).__e2eText = probe;
    const start = performance.now();
    new PerformanceObserver((list, self) => {
      const mark = list.getEntries().find((e) => e.name === 'wiregrad:document-received' && e.startTime > start);
      if (mark) {
        probe.received = performance.timeOrigin + mark.startTime;
        probe.posted = ((mark as PerformanceMark).detail as { sentAt?: number } | null)?.sentAt ?? 0;
        self.disconnect();
      }
    }).observe({ type: 'mark' });
    (window as unknown as { __e2eWatchLabels: WatchLabels }).__e2eWatchLabels(targets, () => true, () => {
      probe.label = performance.timeOrigin + performance.now();
    });
  }, targets);
  await view.page.keyboard.press(key);
  const probe = await waitUntil(
    `shape labels ${JSON.stringify(targets)} after typing ${key}`,
    () => view.frame.locator('body').evaluate(() => (window as unknown as { __e2eText: { label: number; received: number; posted: number } }).__e2eText),
    (p) => p.label > 0 && p.received > 0,
    30_000,
  );
  const pressed = await view.page.evaluate(() => (window as unknown as { __e2eKey: { key: number } }).__e2eKey.key);
  // The host's clock is Date.now() (whole ms) on the same machine as the browser's.
  return { posted: probe.posted - pressed, received: probe.received - pressed, labels: probe.label - pressed };
}
