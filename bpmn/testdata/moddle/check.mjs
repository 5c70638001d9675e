// Reads a BPMN 2.0 file with bpmn-moddle, the reader of bpmn.io and Camunda
// Modeler, and prints what it holds as JSON. Exits with status 1 on any
// import warning or error, 2 on wrong usage.
//
//	node check.mjs file.bpmn
import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';

if (process.argv.length !== 3) {
  console.error('usage: node check.mjs file.bpmn');
  process.exit(2);
}

const xml = readFileSync(process.argv[2], 'utf8');
const moddle = new BpmnModdle();

let result;
try {
  result = await moddle.fromXML(xml, 'bpmn:Definitions');
} catch (err) {
  console.error('error: ' + err.message);
  process.exit(1);
}
for (const w of result.warnings) {
  console.error('warning: ' + w.message);
}
if (result.warnings.length > 0) {
  process.exit(1);
}

const defs = result.rootElement;
const counts = {
  participants: 0, lanes: 0, flowNodeRefs: 0, startEvents: 0, endEvents: 0, tasks: 0,
  gateways: 0, flows: 0, namedFlows: 0, documented: 0, shapes: 0, edges: 0, waypoints: 0,
  labels: 0,
};
for (const el of defs.rootElements) {
  if (el.$type === 'bpmn:Collaboration') {
    counts.participants += (el.participants || []).length;
  }
  if (el.$type !== 'bpmn:Process') {
    continue;
  }
  for (const ls of el.laneSets || []) {
    for (const lane of ls.lanes || []) {
      counts.lanes++;
      counts.flowNodeRefs += (lane.flowNodeRef || []).length;
    }
  }
  for (const fe of el.flowElements || []) {
    switch (fe.$type) {
      case 'bpmn:StartEvent': counts.startEvents++; break;
      case 'bpmn:EndEvent': counts.endEvents++; break;
      case 'bpmn:Task': counts.tasks++; break;
      case 'bpmn:ExclusiveGateway': counts.gateways++; break;
      case 'bpmn:SequenceFlow':
        counts.flows++;
        if (fe.name) counts.namedFlows++;
        if (!fe.sourceRef || !fe.targetRef) {
          console.error('flow ' + fe.id + ' lacks its source or target');
          process.exit(1);
        }
        break;
    }
    if ((fe.documentation || []).length > 0) {
      counts.documented++;
    }
  }
}
for (const d of defs.diagrams || []) {
  for (const de of d.plane.planeElement || []) {
    if (!de.bpmnElement) {
      console.error(de.id + ' refers to no element');
      process.exit(1);
    }
    if (de.$type === 'bpmndi:BPMNShape') {
      counts.shapes++;
    } else if (de.$type === 'bpmndi:BPMNEdge') {
      counts.edges++;
      counts.waypoints += (de.waypoint || []).length;
      if (de.label) counts.labels++;
    }
  }
}
console.log(JSON.stringify(counts));
