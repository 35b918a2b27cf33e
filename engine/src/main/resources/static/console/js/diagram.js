// A job's BPMN diagram, drawn by bpmn-js (NavigatedViewer: pan and zoom, no editing), with a run's position on it.
// The viewer is served by the engine itself (vendor/, copied from npm at build time) and loaded on first use.

import { h } from './dom.js';

const VIEWER = 'vendor/bpmn-navigated-viewer.production.min.js';
let viewerClass;

function loadViewer() {
  viewerClass ??= new Promise((resolve, reject) => {
    const script = h('script', { src: VIEWER });
    script.addEventListener('load', () => resolve(window.BpmnJS));
    script.addEventListener('error', () => {
      viewerClass = undefined;
      reject(new Error(`the diagram viewer (${VIEWER}) could not be loaded`));
    });
    document.head.append(script);
  });
  return viewerClass;
}

/** The multi-instance body of a sharded task is drawn as the task itself. */
const elementOf = (activityId) => activityId.replace(/#multiInstanceBody$/, '');

/**
 * Draws `xml` into `container`; answers { showRun(detail), destroy() }, or null (with a note in the container) when
 * the model cannot be drawn.
 */
export async function drawDiagram(container, xml) {
  // A model written by hand or generated may have no layout (BPMN DI): then there is nothing to draw.
  if (!xml.includes('BPMNShape')) {
    container.replaceChildren(
      h(
        'p',
        { class: 'no-layout' },
        'This model has no diagram layout (BPMN DI), so there is nothing to draw; models drawn in a modeler have one.',
      ),
    );
    return null;
  }
  container.replaceChildren();
  try {
    return await draw(container, xml);
  } catch (error) {
    container.replaceChildren(h('p', { class: 'problem' }, `The diagram cannot be drawn: ${error.message}`));
    return null;
  }
}

async function draw(container, xml) {
  const BpmnJS = await loadViewer();
  const viewer = new BpmnJS({ container });
  try {
    await viewer.importXML(xml);
  } catch (error) {
    viewer.destroy();
    throw error;
  }
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const elements = viewer.get('elementRegistry');
  canvas.zoom('fit-viewport', 'auto');
  let marked = [];

  return {
    /**
     * Marks where a run is: active elements (with how many instances are active, e.g. running shards), and the ones
     * it has completed. detail is GET /api/v1/runs/{id}; null clears the marks.
     */
    showRun(detail) {
      marked.forEach(([id, marker]) => canvas.removeMarker(id, marker));
      overlays.remove({ type: 'cf-run' });
      marked = [];
      if (!detail) {
        return;
      }
      const active = new Map();
      const completed = new Set();
      for (const activity of detail.activities) {
        const id = elementOf(activity.activityId);
        if (!elements.get(id)) {
          continue;
        }
        if (activity.state === 'active') {
          // Count the instances (shards), not the multi-instance body around them.
          active.set(id, (active.get(id) ?? 0) + (activity.activityId === id ? 1 : 0));
        } else if (activity.state === 'completed') {
          completed.add(id);
        }
      }
      for (const id of completed) {
        if (!active.has(id)) {
          mark(id, 'cf-done');
        }
      }
      for (const [id, count] of active) {
        mark(id, 'cf-active');
        if (count > 1) {
          overlays.add(id, 'cf-run', {
            position: { top: -10, right: 10 },
            html: h('span', { class: 'cf-count', title: `${count} instances active` }, String(count)),
          });
        }
      }
    },
    destroy() {
      viewer.destroy();
    },
  };

  function mark(id, marker) {
    canvas.addMarker(id, marker);
    marked.push([id, marker]);
  }
}
