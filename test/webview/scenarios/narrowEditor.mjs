// Webview harness scenario: the editor split beside its text (VS Code gives each half ~550 px of a 1600 px window)
// and a small window. At each width every toolbar control is inside the editor and on one line, none overlaps
// another (the toolbar wraps onto a second row rather than pushing Train past the right edge, where it could not be
// clicked), the training controls stay on one row at the right, and the canvas between the palette and the
// inspector is wider than a 200 px card.
import assert from 'node:assert/strict';

const WIDTHS = [1400, 900, 545, 420];

export default async function ({ page }) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(300);
    const controls = await page.locator('[data-testid="toolbar"]').evaluate((bar) =>
      [...bar.querySelectorAll('button, select, vscode-button')].map((el) => {
        const r = el.getBoundingClientRect();
        return { name: (el.textContent ?? '').trim() || el.getAttribute('aria-label') || el.tagName, left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height };
      }),
    );
    assert.ok(controls.length >= 9, `${width} px: the toolbar's controls (${controls.length})`);
    // A control on one line is 19–26 px high (a select, a button, VS Code's primary button); a label wrapped onto
    // two lines ("Fit / view") made a button 34 px high.
    const lineHeight = 30;
    for (const c of controls) {
      assert.ok(c.left >= 0 && c.right <= width + 0.5, `${width} px: "${c.name}" is inside the editor (${c.left.toFixed(0)}–${c.right.toFixed(0)})`);
      assert.ok(c.height <= lineHeight, `${width} px: "${c.name}" is on one line (${c.height.toFixed(0)} px high)`);
    }
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i];
        const b = controls[j];
        const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        assert.ok(!overlap, `${width} px: "${a.name}" and "${b.name}" overlap`);
      }
    }
    const train = controls.find((c) => c.name.includes('Train') && !c.name.includes('Training'));
    const toggle = controls.find((c) => c.name === 'Training');
    assert.ok(train && toggle, `${width} px: Train and the Training toggle are in the toolbar`);
    assert.ok(Math.abs(train.top - toggle.top) < lineHeight, `${width} px: Train stays on the Training toggle's row`);
    assert.ok(width - train.right < 24, `${width} px: Train is at the right end (${(width - train.right).toFixed(0)} px from it)`);
    const canvas = await page.locator('[data-testid="canvas"]').boundingBox();
    if (width >= 545) assert.ok(canvas.width > 200, `${width} px: the canvas (${canvas.width.toFixed(0)} px) is wider than a card`);
    console.log(`${width} px: ${controls.length} controls in ${new Set(controls.map((c) => Math.round(c.bottom / lineHeight))).size} row(s), canvas ${canvas.width.toFixed(0)} px`);
  }
  await page.setViewportSize({ width: 545, height: 800 });
  await page.waitForTimeout(300);
}
