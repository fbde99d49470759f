// Webview harness scenario (issue 13): the toolbar asks the host for an image export, and a `rasterize` request
// (the extension's PNG export) comes back as a PNG of the diagram at 2×, drawn by the webview's canvas under the
// page's CSP. The golden SVGs are also read by the browser's own XML parser (well-formed, no parsererror).
//   node test/webview/harness.mjs examples/lenet5.nn.json /tmp/export.png dark test/webview/scenarios/exportImage.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { PNG } from 'pngjs';

const GOLDEN = 'test/golden/diagram';

export default async function ({ page, sent, post }) {
  await page.locator('[data-testid="export-image"]').click();
  for (let i = 0; i < 30 && !sent.some((m) => m.type === 'export-image'); i++) await page.waitForTimeout(100);
  assert.ok(sent.some((m) => m.type === 'export-image'), 'the toolbar button asks the host for an image export');

  for (const [n, name, background] of [[1, 'lenet5.paper.light.svg', [255, 255, 255]], [2, 'lenet5.screen.dark.svg', [0x1f, 0x1f, 0x1f]]]) {
    const svg = fs.readFileSync(`${GOLDEN}/${name}`, 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return doc.getElementsByTagName('parsererror').length === 0 ? doc.documentElement.tagName : 'parsererror';
    }, svg);
    assert.equal(parsed, 'svg', `${name} is well-formed XML for the browser`);
    const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svg).map(Number);
    await post({ type: 'rasterize', requestId: n, svg, width, height, scale: 2 });
    const answers = () => sent.filter((m) => m.type === 'raster' && m.requestId === n);
    for (let i = 0; i < 100 && !(answers().length > 0 && answers().length === (answers()[0].parts ?? 1)); i++) await page.waitForTimeout(100);
    assert.ok(answers().length > 0, `no raster answer for ${name}`);
    assert.equal(answers()[0].error, undefined, answers()[0].error);
    const base64 = answers().sort((a, b) => a.part - b.part).map((m) => m.png).join('');
    const png = PNG.sync.read(Buffer.from(base64, 'base64'));
    assert.deepEqual([png.width, png.height], [2 * width, 2 * height], `${name} drawn at 2×`);
    const at = (x, y) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    assert.deepEqual(at(2, 2), background, `${name} background`);
    // Something is drawn: a good share of pixels differ from the background (boxes, text, arrows).
    let drawn = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] !== background[0] || png.data[i + 1] !== background[1] || png.data[i + 2] !== background[2]) drawn++;
    assert.ok(drawn > png.width * png.height * 0.02, `${name}: only ${drawn} pixels drawn`);

  }
  console.log('export image scenario passed');
}
