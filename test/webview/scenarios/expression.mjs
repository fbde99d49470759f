// The backprop lab in the webview harness: (x + y)·z shows values above and gradients below the wires; the Step
// control walks backward gate by gate (and back); a value edited on a card updates everything; Check numerically.
import assert from 'node:assert/strict';

export default async function ({ page, sent }) {
  const text = async (id) => (await page.getByTestId(id).innerText()).replace(/\s+/g, ' ').trim();
  assert.equal(await text('wire-value-x-q'), '−2');
  assert.equal(await text('wire-grad-x-q'), '−4');
  assert.equal(await text('wire-grad-y-q'), '−4');
  assert.equal(await text('wire-grad-z-f'), '3');
  assert.equal(await text('wire-grad-q-f'), '−4');
  await page.getByTestId('step-start').click();
  assert.equal(await text('step-count'), 'step 0 / 2');
  assert.equal(await page.getByTestId('wire-grad-x-q').count(), 0);
  await page.getByTestId('step-next').click();
  assert.match(await text('step-pattern'), /mul gate swaps and scales/);
  assert.equal(await text('wire-grad-q-f'), '−4');
  assert.equal(await text('wire-grad-z-f'), '3');
  assert.equal(await page.getByTestId('wire-grad-x-q').count(), 0);
  await page.getByTestId('step-next').click();
  assert.match(await text('step-pattern'), /add gate distributes/);
  assert.equal(await text('step-upstream'), '−4');
  assert.equal(await text('wire-grad-x-q'), '−4');
  await page.getByTestId('step-back').click();
  assert.equal(await page.getByTestId('wire-grad-x-q').count(), 0);
  await page.getByTestId('step-next').click();
  await page.getByTestId('check-numerically').click();
  assert.match(await text('numeric-verdict'), /Every gradient agrees/);
  // Edit x = −2 → 1 on its card: q = 6, f = −24, ∂f/∂z = 6.
  await page.getByTestId('value-x-0').fill('1');
  await page.getByTestId('value-x-0').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="wire-grad-z-f"]')?.textContent === '6');
  assert.equal(await text('expr-f'), 'f = −24');
  assert.ok(sent.some((m) => m.type === 'intent' && m.intent.kind === 'set-attribute' && m.intent.value === 1));
  await page.getByTestId('value-x-0').fill('-2');
  await page.getByTestId('value-x-0').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="wire-grad-z-f"]')?.textContent === '3');
}
