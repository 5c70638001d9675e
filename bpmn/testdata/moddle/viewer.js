// Draws BPMN 2.0 files with bpmn-js (the viewer of bpmn.io and Camunda
// Modeler) in a browser and writes what happened as JSON into the element
// #result. The page that loads it defines XMLS, an object from names to
// BPMN XML, and loads bpmn-viewer.production.min.js (the global BpmnJS)
// before it.
//
// For each file: the import error and warnings; the diagram elements that
// bpmn-js did not create or drew nothing for; how far each lane's left edge
// stands from the pool's title band (bpmn-js draws a 30 px band).
async function main() {
  const out = {};
  for (const [name, xml] of Object.entries(XMLS)) {
    const div = document.createElement('div');
    div.style.width = '1200px';
    div.style.height = '800px';
    document.body.appendChild(div);
    const viewer = new BpmnJS({ container: div });
    const r = { warnings: [], missing: [], blank: [], diElements: 0, laneGaps: [] };
    out[name] = r;
    try {
      const res = await viewer.importXML(xml);
      r.warnings = res.warnings.map((w) => String(w.message));
    } catch (e) {
      r.error = String((e && e.message) || e);
      continue;
    }
    const reg = viewer.get('elementRegistry');
    const defs = viewer.getDefinitions();
    for (const d of defs.diagrams || []) {
      for (const de of d.plane.planeElement || []) {
        r.diElements++;
        const id = de.bpmnElement && de.bpmnElement.id;
        const el = id && reg.get(id);
        if (!el) {
          r.missing.push(String(id || de.id));
          continue;
        }
        const gfx = reg.getGraphics(el);
        const vis = gfx && gfx.querySelector('.djs-visual');
        if (!vis || vis.querySelectorAll('rect, circle, path, polyline, polygon').length === 0) {
          r.blank.push(id);
        }
      }
    }
    const pools = reg.filter((e) => e.type === 'bpmn:Participant');
    for (const lane of reg.filter((e) => e.type === 'bpmn:Lane')) {
      for (const p of pools) {
        r.laneGaps.push(lane.x - (p.x + 30));
      }
    }
    viewer.destroy();
    div.remove();
  }
  return out;
}

main().then(
  (out) => { document.getElementById('result').textContent = JSON.stringify(out); },
  (e) => { document.getElementById('result').textContent = JSON.stringify({ fatal: String(e) }); },
);
