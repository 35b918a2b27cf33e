// Renders BPMN diagrams to PNG the way the Modeler draws them: each model is loaded into bpmn-js (NavigatedViewer) in
// headless Chromium (Debian's package, /usr/bin/chromium, or $CHROMIUM), exported as SVG and screenshot at twice
// the size. Offline: the page is built from node_modules, no server, no download.
//
//   node render.mjs <output folder> <model.bpmn | folder of models>...
//
// Writes <output folder>/<model name>.png and prints one line per model: "rendered: <name>.png <width>x<height>" (with
// "laid out" when the model had no diagram interchange, so its layout was computed: layout.mjs). Exits 1 if a
// model cannot be rendered, 2 if Chromium is missing.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { lacksLayout, layoutModel } from './layout.mjs';

const require = createRequire(import.meta.url);
const bpmnJsDist = dirname(require.resolve('bpmn-js/dist/bpmn-navigated-viewer.production.min.js'));
const SCALE = 2;
const PADDING = 16;
// Arial as the Modeler uses, else its metric twin; where neither is installed (Debian's chromium brings DejaVu only)
// the condensed DejaVu, whose widths come closest, so that labels wrap as they were laid out.
const FONT = 'Arial, "Liberation Sans", "DejaVu Sans Condensed", sans-serif';

const [outDir, ...inputs] = process.argv.slice(2);
if (!outDir || inputs.length === 0) {
  console.log('usage: node render.mjs <output folder> <model.bpmn | folder>...');
  process.exit(1);
}

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.log(
    `chromium is needed to render diagrams and was not found at ${executablePath}: install the Debian package ` +
      `'chromium' (apt-get install chromium), as .ci/run does, or set CHROMIUM to its path`,
  );
  process.exit(2);
}

const models = inputs.flatMap((input) =>
  statSync(input).isDirectory()
    ? readdirSync(input)
        .filter((file) => file.endsWith('.bpmn'))
        .sort()
        .map((file) => join(input, file))
    : [input],
);
if (models.length === 0) {
  console.log(`no .bpmn models in ${inputs.join(', ')}`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
});
let failed = 0;
try {
  const context = await browser.newContext({ deviceScaleFactor: SCALE, viewport: { width: 1200, height: 800 } });
  // Nothing may leave the machine: the page only needs what is injected below.
  await context.route('**/*', (route) => route.abort());
  const page = await context.newPage();
  for (const model of models) {
    const name = basename(model, '.bpmn');
    try {
      let xml = readFileSync(model, 'utf8');
      const laidOut = lacksLayout(xml);
      if (laidOut) {
        xml = await layoutModel(xml);
      }
      await page.setContent('<!DOCTYPE html><html><body><div id="canvas" style="width:1200px;height:800px"></div></body></html>');
      await page.addStyleTag({ path: join(bpmnJsDist, 'assets', 'diagram-js.css') });
      await page.addStyleTag({ path: join(bpmnJsDist, 'assets', 'bpmn-js.css') });
      await page.addScriptTag({ path: join(bpmnJsDist, 'bpmn-navigated-viewer.production.min.js') });
      const { svg, warnings } = await page.evaluate(async ({ diagram, fontFamily, minLabelWidth }) => {
        const viewer = new window.BpmnJS({
          container: '#canvas',
          textRenderer: { defaultStyle: { fontFamily }, externalStyle: { fontFamily } },
        });
        const result = await viewer.importXML(diagram);
        // Label bounds written by hand are often narrower than their text (the Modeler measures only labels it edits):
        // give each external label at least the width bpmn-js gives a new one, around the same centre, so words are
        // not broken.
        const registry = viewer.get('elementRegistry');
        const graphics = viewer.get('graphicsFactory');
        for (const label of registry.filter((e) => e.type === 'label' && e.width < minLabelWidth)) {
          label.x += (label.width - minLabelWidth) / 2;
          label.width = minLabelWidth;
          graphics.update('shape', label, registry.getGraphics(label));
        }
        const { svg } = await viewer.saveSVG();
        return { svg, warnings: result.warnings.map((w) => w.message) };
      }, { diagram: xml, fontFamily: FONT, minLabelWidth: 90 });
      for (const warning of warnings) {
        console.log(`  warning (${name}): ${warning}`);
      }
      await page.setContent(
        `<!DOCTYPE html><html><body style="margin:0;background:#fff">` +
          `<div id="diagram" style="display:inline-block;padding:${PADDING}px;background:#fff">${svg}</div>` +
          `</body></html>`,
      );
      const size = await page.evaluate(() => {
        const box = document.getElementById('diagram').getBoundingClientRect();
        return { width: Math.ceil(box.width), height: Math.ceil(box.height) };
      });
      await page.setViewportSize({ width: Math.max(size.width, 1), height: Math.max(size.height, 1) });
      const png = await page.locator('#diagram').screenshot({ type: 'png' });
      const target = resolve(outDir, `${name}.png`);
      writeFileSync(target, png);
      console.log(
        `rendered: ${name}.png ${size.width * SCALE}x${size.height * SCALE}${laidOut ? ' (laid out: the model has no diagram interchange)' : ''}`,
      );
    } catch (e) {
      failed++;
      console.log(`FAILED: ${name}: ${e.message}`);
    }
  }
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
