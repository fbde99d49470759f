/**
 * Driving VS Code's own UI (not our webview): Quick Open, the command palette, the Problems panel, editors and
 * dialogs. Selectors are VS Code 1.100's DOM.
 */
import type { Page } from 'playwright-core';

export class Workbench {
  constructor(readonly page: Page) {}

  /** Waits until the window is up and the Explorer lists `fileInWorkspace` (the remote file service answers). */
  async open(url: string, fileInWorkspace: string): Promise<void> {
    // The workbench's first load (a large bundle) can take longer than the page's default 10 s on a loaded machine.
    await this.page.goto(url, { timeout: 90_000 });
    await this.ready(fileInWorkspace);
  }

  /**
   * Reloads the window (a new extension host; the old one is told to shut down) and waits until it is up again: the
   * editor part drawn and the Explorer listing rows (the remote file service answers). Not a row for a given file:
   * the Explorer is a virtualised list, and by the time a scenario reloads, the workspace holds the earlier
   * scenarios' files, so a late name in the alphabet can be below the rows drawn (it failed that way once).
   */
  async reload(): Promise<void> {
    await this.page.reload({ timeout: 90_000 });
    await this.page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 90_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  }

  private async ready(fileInWorkspace: string): Promise<void> {
    await this.page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 90_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileInWorkspace }).first().waitFor({ timeout: 90_000 });
  }

  /** Types into the open quick input and clicks the row labelled exactly `label` (the fuzzy order varies). */
  private async quickInput(text: string, label: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(text);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.getByText(label, { exact: true }) }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }

  /**
   * Opens a workspace file with Quick Open (Ctrl+P), which honours the custom editor's "priority": "default".
   * (A file opened through the URL would open as plain text.)
   */
  async quickOpen(fileName: string): Promise<void> {
    await this.dismissQuickInput();
    await this.page.keyboard.press('Control+P');
    await this.ensureQuickInput();
    await this.quickInput(fileName, fileName);
  }

  /**
   * Makes sure the quick input a shortcut asked for is showing. Right after an editor beside a webview closes, VS
   * Code can hand the focus to the webview a moment after the shortcut, and the box closes as it loses the focus (or
   * the key never reaches the workbench): then the title bar's command center opens it by the mouse, which no
   * keyboard focus can intercept. The text typed next chooses the mode (">" for commands).
   */
  private async ensureQuickInput(): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await input.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
        // Still showing a moment later: the focus did not move away from it.
        await this.page.waitForTimeout(100);
        if (await input.isVisible()) return;
      }
      await this.page.locator('.command-center .command-center-center').first().click();
    }
  }

  /** Runs a command by its palette label, e.g. "View: Focus Problems". */
  async command(label: string): Promise<void> {
    await this.dismissQuickInput();
    await this.page.keyboard.press('F1');
    await this.ensureQuickInput();
    await this.quickInput(`>${label}`, label);
  }

  /** Answers a command's question: in the quick pick whose placeholder is `placeholder`, clicks the row `label`. */
  async pick(placeholder: string, label: string): Promise<void> {
    await this.page.locator(`.quick-input-widget input[placeholder="${placeholder}"]`).waitFor({ timeout: 10_000 });
    await this.quickInput('', label);
  }

  /** Closes a quick input left open (a failed step), so that the next shortcut reaches the workbench. */
  async dismissQuickInput(): Promise<void> {
    const quickInputOpen = await this.page.locator('.quick-input-widget').isVisible().catch(() => false);
    if (quickInputOpen) await this.page.keyboard.press('Escape');
  }

  /** The rows of the Problems panel, as text ("message … [Ln 12, Col 5]"), file rows included. */
  async problems(): Promise<string[]> {
    await this.command('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ timeout: 10_000 });
    return panel.locator('.monaco-list-row').allInnerTexts();
  }

  /** Waits until some Problems row satisfies `accept`; returns all rows then. */
  async waitForProblems(accept: (rows: string[]) => boolean, timeoutMs = 15_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let rows = await this.problems();
    while (!accept(rows) && Date.now() < deadline) {
      await this.page.waitForTimeout(250);
      rows = await this.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    }
    if (!accept(rows)) throw new Error(`Problems panel never showed the expected rows; it shows:\n  ${rows.join('\n  ') || '(nothing)'}`);
    return rows;
  }

  /** The visible text of the active text editor (Monaco draws spaces as no-break spaces). */
  async editorText(): Promise<string> {
    const lines = this.page.locator('.editor-instance .monaco-editor .view-lines').first();
    return (await lines.innerText()).replace(/\u00a0/g, ' ');
  }

  /** Hides the panel (Problems, Output…) if it is shown; "Hide Panel" only exists while it is. */
  async closePanel(): Promise<void> {
    const classes = (await this.page.locator('.monaco-workbench').getAttribute('class')) ?? '';
    if (!classes.split(' ').includes('nopanel')) await this.command('View: Hide Panel');
  }

  /**
   * Switches the colour theme as a user does (Preferences: Color Theme). Editing settings.json on disk is not
   * enough: code-server's web client does not pick up that change in an open window.
   */
  async setColorTheme(theme: string): Promise<void> {
    await this.command('Preferences: Color Theme');
    await this.quickInput(theme, theme);
  }

  /** True while the tab of `fileName` shows the unsaved-changes dot. */
  async isDirty(fileName: string): Promise<boolean> {
    return (await this.page.locator('.tab.dirty', { hasText: fileName }).count()) > 0;
  }

  async waitForDirty(fileName: string, dirty: boolean, timeoutMs = 10_000): Promise<void> {
    const tab = this.page.locator('.tab.dirty', { hasText: fileName });
    await tab.first().waitFor({ state: dirty ? 'visible' : 'detached', timeout: timeoutMs });
  }

  /** Closes every editor, discarding unsaved changes, so the next scenario starts from a clean window. */
  async closeAllEditors(): Promise<void> {
    await this.command('View: Revert and Close Editor');
    await this.command('View: Close All Editors');
    const dontSave = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
  }
}
