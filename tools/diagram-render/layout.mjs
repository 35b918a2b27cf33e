// A layout for a model that has none (no diagram interchange): bpmn-auto-layout places the sequence flows' nodes;
// this completes what it leaves out, so that a saga reads as it is modelled:
//   - compensation handlers (isForCompensation) go below the boundary event that names them, with the association
//     drawn;
//   - event sub-processes are drawn expanded, below everything else, with their contents inside.
import { layoutProcess } from 'bpmn-auto-layout';
import { BpmnModdle } from 'bpmn-moddle';

const GAP = 50;
// Room for the sub-process's label above its contents and for the events' labels below them.
const INSET = { left: 30, top: 30, right: 30, bottom: 45 };

/** True when the model carries no diagram interchange (shapes) to draw from. */
export function lacksLayout(xml) {
  return !/<(\w+:)?BPMNShape\b/.test(xml);
}

export async function layoutModel(xml) {
  const moddle = new BpmnModdle();
  const { rootElement: definitions } = await moddle.fromXML(await layoutProcess(xml));
  const plane = definitions.diagrams[0].plane;
  const process = plane.bpmnElement;
  const diOf = new Map(plane.planeElement.map((di) => [di.bpmnElement, di]));
  const nodes = process.flowElements.filter((e) => diOf.has(e) && e.$instanceOf('bpmn:FlowNode'));
  const handlers = nodes.filter((e) => e.isForCompensation);
  const subProcesses = nodes.filter((e) => e.$instanceOf('bpmn:SubProcess') && e.triggeredByEvent);
  const main = nodes.filter((e) => !handlers.includes(e) && !subProcesses.includes(e));
  const left = Math.min(...main.map((e) => diOf.get(e).bounds.x));
  let bottom = Math.max(...main.map((e) => diOf.get(e).bounds.y + diOf.get(e).bounds.height));

  // Compensation handlers in a row below their boundary events.
  const associations = (process.artifacts || []).filter((a) => a.$instanceOf('bpmn:Association'));
  let handlersBottom = bottom;
  for (const handler of handlers) {
    const association = associations.find((a) => a.targetRef === handler && diOf.has(a.sourceRef));
    const bounds = diOf.get(handler).bounds;
    const source = association && diOf.get(association.sourceRef).bounds;
    bounds.x = source ? source.x + source.width / 2 - bounds.width / 2 : left;
    bounds.y = bottom + GAP;
    handlersBottom = Math.max(handlersBottom, bounds.y + bounds.height);
    if (source) {
      plane.planeElement.push(
        moddle.create('bpmndi:BPMNEdge', {
          id: `${association.id}_di`,
          bpmnElement: association,
          waypoint: [
            point(moddle, source.x + source.width / 2, source.y + source.height),
            point(moddle, bounds.x + bounds.width / 2, bounds.y),
          ],
        }),
      );
    }
  }
  bottom = handlersBottom;

  // Event sub-processes expanded, one below the other, their contents moved inside.
  for (const subProcess of subProcesses) {
    const di = diOf.get(subProcess);
    const children = subProcess.flowElements.filter((e) => diOf.has(e)).map((e) => diOf.get(e));
    const shapes = children.filter((c) => c.bounds);
    const minX = Math.min(...shapes.map((s) => s.bounds.x));
    const minY = Math.min(...shapes.map((s) => s.bounds.y));
    const maxX = Math.max(...shapes.map((s) => s.bounds.x + s.bounds.width));
    const maxY = Math.max(...shapes.map((s) => s.bounds.y + s.bounds.height));
    di.isExpanded = true;
    di.bounds.x = left;
    di.bounds.y = bottom + GAP;
    di.bounds.width = maxX - minX + INSET.left + INSET.right;
    di.bounds.height = maxY - minY + INSET.top + INSET.bottom;
    const dx = di.bounds.x + INSET.left - minX;
    const dy = di.bounds.y + INSET.top - minY;
    for (const child of children) {
      if (child.bounds) {
        child.bounds.x += dx;
        child.bounds.y += dy;
      }
      for (const waypoint of child.waypoint || []) {
        waypoint.x += dx;
        waypoint.y += dy;
      }
    }
    bottom = di.bounds.y + di.bounds.height;
  }
  return (await moddle.toXML(definitions)).xml;
}

function point(moddle, x, y) {
  return moddle.create('dc:Point', { x, y });
}
