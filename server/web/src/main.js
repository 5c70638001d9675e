// The page of sopflow serve: the SOPs of the folder, the source in
// CodeMirror 6 with every problem of sopflow check at its line and column,
// and the printed pages as they will print. Built into dist/ by build.sh.

import {EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, dropCursor, highlightSpecialChars, rectangularSelection} from "@codemirror/view";
import {EditorState, Annotation, Compartment} from "@codemirror/state";
import {history as cmHistory, defaultKeymap, historyKeymap, indentWithTab} from "@codemirror/commands";
import {searchKeymap, highlightSelectionMatches} from "@codemirror/search";
import {StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching,
  indentOnInput, foldGutter, foldKeymap} from "@codemirror/language";
import {closeBrackets, closeBracketsKeymap, autocompletion, completionKeymap} from "@codemirror/autocomplete";
import {lintGutter, setDiagnostics, lintKeymap} from "@codemirror/lint";
import {toml} from "@codemirror/legacy-modes/mode/toml";

const $ = (id) => document.getElementById(id);
const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const TOKEN = meta("sopflow-token");
const HAS_BPMN = meta("sopflow-bpmn") === "1";

// Timing of the preview: a quick render (quick routing) this long after
// the last keystroke, and a full one when typing has stopped this long.
const QUICK_DELAY = 40;
const FULL_DELAY = 700;

// state is the page's state; window.sopflow exposes it to the browser test.
const state = {
  path: "",          // the open file, relative to the folder
  version: "",       // the version on disk it was loaded or saved at
  saved: "",         // the text as loaded or saved
  files: [],
  view: "table",
  settings: {paper: "a4", orientation: "landscape", profile: "permenpan35", lang: "id"},
  pages: [],         // the last good pages: {width, height, svg, url}
  problems: [],      // the last problems shown
  zoom: 0,           // 0: fit the width of the pane; else a scale
  renders: 0,        // preview redraws done
  lastRedraw: null,  // {quick, ms}: time from the last keystroke to the redraw
  conflict: null,    // {version, content} on disk, when it differs from ours
};
window.sopflow = state;

// ---- requests -------------------------------------------------------------

async function call(method, url, body, headers = {}) {
  const opt = {method, headers: {...headers}};
  if (method !== "GET") opt.headers["X-Sopflow-Token"] = TOKEN;
  if (body !== undefined) opt.body = body;
  const res = await fetch(url, opt);
  let data = null;
  if ((res.headers.get("Content-Type") || "").startsWith("application/json")) data = await res.json();
  return {status: res.status, ok: res.ok, data};
}

function query(extra = {}) {
  const q = new URLSearchParams({file: state.path, view: state.view, ...state.settings, ...extra});
  return q.toString();
}

// ---- the editor -----------------------------------------------------------

const fromDisk = Annotation.define(); // a change that loads a file, not an edit
const editable = new Compartment();   // read-only until a file is open

const view = new EditorView({
  parent: $("editor"),
  state: EditorState.create({doc: "", extensions: editorExtensions()}),
});

window.sopflowEditor = view; // for the browser test

function editorExtensions() {
  return [
    lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), cmHistory(), foldGutter(),
    drawSelection(), dropCursor(), EditorState.allowMultipleSelections.of(true), indentOnInput(),
    syntaxHighlighting(defaultHighlightStyle, {fallback: true}), bracketMatching(), closeBrackets(),
    rectangularSelection(), highlightActiveLine(), highlightSelectionMatches(), lintGutter(),
    editable.of([EditorState.readOnly.of(true), EditorView.editable.of(false)]),
    StreamLanguage.define(toml), autocompletion({override: [complete]}),
    EditorView.lineWrapping,
    keymap.of([
      {key: "Mod-s", run: () => { save(); return true; }, preventDefault: true},
      ...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap,
      ...foldKeymap, ...lintKeymap, indentWithTab,
    ]),
    EditorView.updateListener.of((u) => {
      if (!u.docChanged) return;
      updateDirty();
      if (u.transactions.some((t) => t.annotation(fromDisk))) return;
      state.lastKey = performance.now();
      schedule();
    }),
  ];
}

function text() { return view.state.doc.toString(); }

// ---- completion: the keys of the table the cursor is in, the actors,
// the kinds and the step ids ------------------------------------------------

const KEYS = {
  "": [["name", "Nama SOP"], ["actors", "Pelaksana, urut kolom"]],
  identity: [["number", "Nomor SOP"], ["unit", "Unit: baris di samping logo"], ["logo", "Logo PNG/JPEG"],
    ["created", "Tanggal Pembuatan"], ["revised", "Tanggal Revisi"], ["effective", "Tanggal Efektif"],
    ["approver", "Disahkan oleh"], ["legal_basis", "Dasar Hukum"], ["qualifications", "Kualifikasi Pelaksana"],
    ["related", "Keterkaitan"], ["equipment", "Peralatan/Perlengkapan"], ["warnings", "Peringatan"],
    ["records", "Pencatatan dan Pendataan"]],
  "identity.approver": [["title", "Jabatan"], ["name", "Nama"], ["rank", "Pangkat/Golongan"], ["nip", "NIP"]],
  steps: [["actor", "Pelaksana"], ["activity", "Kegiatan"], ["requirements", "Mutu Baku: Kelengkapan"],
    ["time", "Mutu Baku: Waktu"], ["output", "Mutu Baku: Output"], ["note", "Keterangan"], ["id", "Nama langkah"],
    ["kind", "start, process, decision, end"], ["next", "Langkah berikutnya"], ["yes", "Jika ya"], ["no", "Jika tidak"],
    ["yes_label", "Tulisan cabang ya"], ["no_label", "Tulisan cabang tidak"]],
  labels: ["title", "no", "activity", "actors", "standard", "requirements", "time", "output", "note", "start", "end",
    "yes_label", "no_label", "page", "page_of", "number", "name", "created", "revised", "effective", "approved_by",
    "nip", "legal_basis", "qualifications", "related", "equipment", "warnings", "records"].map((k) => [k, "label"]),
};

function tableAt(doc, lineNo) {
  for (let n = lineNo - 1; n >= 1; n--) {
    const m = /^\s*\[\[?\s*([A-Za-z_.]+)\s*\]/.exec(doc.line(n).text);
    if (m) return m[1];
  }
  return "";
}

function quoted(src) { return [...src.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((m) => m[1]); }

function complete(ctx) {
  const doc = ctx.state.doc;
  const line = doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  const value = /^\s*([A-Za-z_]+)\s*=\s*(?:\[(?:\s*"[^"]*"\s*,)*\s*)?"([^"]*)$/.exec(before);
  if (value) {
    const all = doc.toString();
    let options = [];
    if (value[1] === "actor") {
      const m = /^\s*actors\s*=\s*\[([^\]]*)\]/m.exec(all);
      options = m ? quoted(m[1]) : [];
    } else if (value[1] === "kind") {
      options = ["start", "process", "decision", "end"];
    } else if (["next", "yes", "no"].includes(value[1])) {
      options = [...all.matchAll(/^\s*id\s*=\s*"([^"\n]+)"/gm)].map((m) => m[1]);
    }
    if (!options.length) return null;
    return {from: ctx.pos - value[2].length, options: options.map((label, i) => ({label, type: "constant", boost: -i})), validFor: /^[^"]*$/};
  }
  const key = /^\s*([A-Za-z_]*)$/.exec(before);
  if (!key || (!key[1] && !ctx.explicit)) return null;
  const keys = KEYS[tableAt(doc, line.number)];
  if (!keys) return null;
  return {from: ctx.pos - key[1].length, validFor: /^\w*$/,
    options: keys.map(([label, detail], i) => ({label, detail, type: "property", apply: label + " = ", boost: -i}))};
}

function setText(content) {
  view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: content}, annotations: fromDisk.of(true)});
}

function dirty() { return state.path !== "" && text() !== state.saved; }

function updateDirty() {
  const d = dirty();
  $("save").disabled = !state.path || !d;
  $("doc-state").textContent = !state.path ? "" : d ? "● belum disimpan" : "tersimpan";
  $("doc-state").className = "sf-doc-state" + (d ? " sf-dirty" : "");
  document.title = (d ? "● " : "") + (state.path || "sopflow") + " · sopflow";
  for (const li of $("file-list").children) li.classList.toggle("sf-dirty", d && li.dataset.path === state.path);
}

// posOf turns a 1-based line and a 1-based column in bytes (as sopflow
// reports them) into a position in the document.
function posOf(doc, line, col) {
  if (!line || line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  if (!col || col < 1) return l.from;
  let bytes = 0, i = 0;
  const t = l.text;
  while (i < t.length && bytes < col - 1) {
    const cp = t.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return l.from + i;
}

function showProblems(problems) {
  state.problems = problems;
  const doc = view.state.doc;
  const diags = problems.map((p) => {
    const from = posOf(doc, p.line, p.col);
    const line = doc.lineAt(from);
    const m = /^("[^"\n]*"?|[^\s=,\]}]+)/.exec(doc.sliceString(from, line.to));
    let to = m ? from + m[0].length : line.to;
    if (!p.line) to = Math.min(doc.length, doc.line(1).to);
    return {from, to, severity: p.severity === "warning" ? "warning" : "error",
      message: p.message + (p.hint ? ` — ${p.hint}` : ""), source: "sopflow check"};
  });
  view.dispatch(setDiagnostics(view.state, diags));
  const list = $("problems");
  list.replaceChildren();
  const errors = problems.filter((p) => p.severity !== "warning").length;
  const warnings = problems.length - errors;
  $("problem-count").textContent = errors ? `${errors} masalah` + (warnings ? `, ${warnings} peringatan` : "")
    : warnings ? `${warnings} peringatan` : state.path ? "✓ valid" : "";
  $("problem-count").className = "sf-count" + (errors ? " sf-bad" : warnings ? " sf-warn" : " sf-good");
  for (const p of problems.slice(0, 100)) {
    const row = document.createElement("button");
    row.className = "sf-problem " + (p.severity === "warning" ? "sf-warn" : "sf-bad");
    const where = document.createElement("span");
    where.className = "sf-where";
    where.textContent = p.line ? `${p.line}:${p.col || 1}` : "—";
    const msg = document.createElement("span");
    msg.className = "sf-msg";
    msg.textContent = p.message;
    row.append(where, msg);
    if (p.hint) {
      const hint = document.createElement("span");
      hint.className = "sf-hint";
      hint.textContent = p.hint;
      row.append(hint);
    }
    row.addEventListener("click", () => {
      const pos = posOf(view.state.doc, p.line, p.col);
      view.dispatch({selection: {anchor: pos}, scrollIntoView: true});
      view.focus();
    });
    list.append(row);
  }
  list.hidden = problems.length === 0;
}

// ---- the preview ----------------------------------------------------------

let quickTimer = 0, fullTimer = 0, inflight = null, seq = 0;

function schedule() {
  clearTimeout(quickTimer);
  clearTimeout(fullTimer);
  quickTimer = setTimeout(() => preview(true), QUICK_DELAY);
  fullTimer = setTimeout(() => preview(false), FULL_DELAY);
}

function setPreviewState(msg, kind = "") {
  $("preview-state").textContent = msg;
  $("preview-state").className = "sf-preview-state " + kind;
}

async function preview(quick) {
  if (!state.path) return;
  if (inflight) inflight.abort(); // a newer text: the older answer is stale
  const ctl = new AbortController();
  inflight = ctl;
  const my = ++seq;
  const startKey = state.lastKey;
  setPreviewState(quick ? "memperbarui…" : "merapikan garis…", "sf-busy");
  let res;
  try {
    // The API's route, with file= for the SOP's name and its logo's folder;
    // a render writes nothing, so it needs no token.
    const r = await fetch(`/api/pages?${query(quick ? {quick: "1"} : {})}`, {
      method: "POST", body: text(), signal: ctl.signal,
      headers: {"Content-Type": "text/plain; charset=utf-8"},
    });
    res = {status: r.status, data: await r.json()};
  } catch (err) {
    if (err.name === "AbortError") return;
    setPreviewState("server tidak menjawab", "sf-bad");
    return;
  } finally {
    if (inflight === ctl) inflight = null;
  }
  if (my !== seq) return;
  const problems = (res.data && res.data.problems) || [];
  showProblems(problems);
  if (res.status === 200) {
    await drawPages(res.data.pages);
    if (my !== seq) return;
    state.renders++;
    if (startKey) state.lastRedraw = {quick, ms: Math.round(performance.now() - startKey)};
    setPreviewState(quick ? "" : "", "");
    $("pages").classList.remove("sf-stale");
  } else {
    // Keep the last good picture; say why it is not up to date.
    $("pages").classList.add("sf-stale");
    const n = problems.filter((p) => p.severity !== "warning").length;
    setPreviewState(res.status === 422 ? `pratinjau terakhir yang valid · ${n} masalah` :
      (problems[0] && problems[0].message) || `galat ${res.status}`, "sf-bad");
  }
}

// drawPages shows pages. Only the pages whose SVG changed are decoded
// again (typing in one step changes one page or two), each before it
// replaces the old picture, so that the preview never flickers. It
// resolves when the new pictures are on screen.
async function drawPages(pages) {
  const old = state.pages;
  const next = pages.map((p, i) => old[i] && old[i].svg === p.svg ? old[i]
    : {...p, url: URL.createObjectURL(new Blob([p.svg], {type: "image/svg+xml"}))});
  const fresh = next.filter((p, i) => p !== old[i]);
  await Promise.all(fresh.map((p) => { const im = new Image(); im.src = p.url; return im.decode().catch(() => {}); }));
  for (const p of old) if (!next.includes(p)) URL.revokeObjectURL(p.url);
  state.pages = next;
  const box = $("pages"), thumbs = $("thumbs");
  const sheets = box.querySelectorAll(".sf-sheet");
  if (sheets.length === next.length) {
    next.forEach((p, i) => {
      if (p === old[i]) return;
      sheets[i].querySelector("img").src = p.url;
      thumbs.children[i].querySelector("img").src = p.url;
    });
    applyZoom();
    return;
  }
  const scrollTop = box.scrollTop, scrollLeft = box.scrollLeft;
  box.replaceChildren();
  thumbs.replaceChildren();
  next.forEach((p, i) => {
    const sheet = document.createElement("div");
    sheet.className = "sf-sheet";
    sheet.dataset.page = String(i + 1);
    const img = document.createElement("img");
    img.src = p.url;
    img.alt = `Halaman ${i + 1}`;
    img.draggable = false;
    sheet.append(img);
    const label = document.createElement("div");
    label.className = "sf-sheet-label";
    label.textContent = `Halaman ${i + 1} dari ${next.length}`;
    box.append(sheet, label);

    const t = document.createElement("button");
    t.className = "sf-thumb";
    t.title = `Halaman ${i + 1}`;
    const ti = document.createElement("img");
    ti.src = p.url;
    ti.alt = "";
    const tn = document.createElement("span");
    tn.textContent = String(i + 1);
    t.append(ti, tn);
    t.addEventListener("click", () => sheet.scrollIntoView({behavior: "smooth", block: "start"}));
    thumbs.append(t);
  });
  applyZoom();
  box.scrollTop = scrollTop;
  box.scrollLeft = scrollLeft;
  markVisiblePage();
}

const PT = 96 / 72; // CSS pixels per point

function fitScale() {
  const box = $("pages");
  const widest = Math.max(1, ...state.pages.map((p) => p.width));
  return Math.max(0.1, (box.clientWidth - 48) / (widest * PT));
}

function applyZoom() {
  const scale = state.zoom || fitScale();
  for (const sheet of $("pages").querySelectorAll(".sf-sheet")) {
    const p = state.pages[Number(sheet.dataset.page) - 1];
    sheet.style.width = `${Math.round(p.width * PT * scale)}px`;
    sheet.style.height = `${Math.round(p.height * PT * scale)}px`;
  }
  $("zoom-fit").textContent = state.zoom ? `${Math.round(state.zoom * 100)}%` : "Pas lebar";
}

function zoomBy(f) {
  const cur = state.zoom || fitScale();
  state.zoom = Math.min(4, Math.max(0.2, Math.round(cur * f * 20) / 20));
  applyZoom();
}

// visiblePage is the page most in view, for the PNG download.
let visiblePage = 1;
function markVisiblePage() {
  const box = $("pages");
  const mid = box.scrollTop + box.clientHeight / 3;
  let best = 1;
  for (const sheet of box.querySelectorAll(".sf-sheet")) if (sheet.offsetTop <= mid) best = Number(sheet.dataset.page);
  visiblePage = best;
  [...$("thumbs").children].forEach((t, i) => t.classList.toggle("sf-active", i + 1 === best));
}

// ---- files ----------------------------------------------------------------

async function loadList() {
  const r = await call("GET", "/editor/files");
  if (!r.ok) return;
  state.files = r.data.files;
  const ul = $("file-list");
  ul.replaceChildren();
  if (state.files.length === 0) {
    const li = document.createElement("li");
    li.className = "sf-empty-list";
    li.textContent = "Belum ada SOP di folder ini. Buat dengan “+ SOP baru”.";
    ul.append(li);
  }
  for (const f of state.files) {
    const li = document.createElement("li");
    li.dataset.path = f.path;
    li.className = "sf-file" + (f.path === state.path ? " sf-current" : "");
    const open = document.createElement("button");
    open.className = "sf-file-open";
    open.title = f.path;
    const name = document.createElement("span");
    name.className = "sf-file-name";
    name.textContent = f.path;
    const num = document.createElement("span");
    num.className = "sf-file-number";
    num.textContent = f.number || "tanpa nomor";
    const title = document.createElement("span");
    title.className = "sf-file-title";
    title.textContent = f.name || "";
    open.append(name, num, title);
    open.addEventListener("click", () => openFile(f.path));
    const ren = document.createElement("button");
    ren.className = "sf-file-rename";
    ren.title = "Ganti nama (rename)";
    ren.textContent = "✎";
    ren.addEventListener("click", () => renameFile(f.path));
    li.append(open, ren);
    ul.append(li);
  }
  updateDirty();
  const cur = state.files.find((f) => f.path === state.path);
  $("doc-number").textContent = cur && cur.number ? cur.number : "";
}

async function openFile(path, force = false) {
  if (!force && dirty() && path !== state.path &&
      !confirm(`Perubahan pada ${state.path} belum disimpan. Buang perubahan itu?\n(Unsaved changes will be lost.)`)) return;
  const r = await call("GET", `/editor/files/${encodePath(path)}`);
  if (!r.ok) { flash(r.data ? r.data.error : `galat ${r.status}`); return; }
  state.path = r.data.path;
  state.version = r.data.version;
  state.saved = r.data.content;
  state.lastKey = 0;
  hideBanner();
  setText(r.data.content);
  view.dispatch({selection: {anchor: 0}, scrollIntoView: true, effects: editable.reconfigure([])});
  $("doc-name").textContent = state.path;
  localStorage.setItem("sopflow.path", state.path);
  history.replaceState(null, "", `#${encodeURIComponent(state.path)}`);
  for (const li of $("file-list").children) li.classList.toggle("sf-current", li.dataset.path === state.path);
  const cur = state.files.find((f) => f.path === state.path);
  $("doc-number").textContent = cur && cur.number ? cur.number : "";
  updateDirty();
  preview(false);
}

function encodePath(p) { return p.split("/").map(encodeURIComponent).join("/"); }

let saving = false;
async function save(base) {
  if (!state.path || saving) return;
  saving = true;
  const content = text();
  let r;
  try {
    r = await call("PUT", `/editor/files/${encodePath(state.path)}`, content,
      {"If-Match": base || state.version, "Content-Type": "text/plain; charset=utf-8"});
  } catch (err) {
    flash("Server tidak menjawab: belum tersimpan");
    return;
  } finally {
    saving = false;
  }
  if (r.status === 409) {
    state.conflict = {version: r.data.version, content: r.data.content};
    showBanner(r.data.version === "none"
      ? `${state.path} sudah dihapus atau diganti nama di disk sejak dibuka. Simpan versi Anda sebagai berkas baru?`
      : `${state.path} diubah di disk sejak dibuka (oleh program lain). Versi mana yang dipakai?`);
    return;
  }
  if (!r.ok) { flash(r.data ? r.data.error : `galat ${r.status}`); return; }
  state.version = r.data.version;
  state.saved = content;
  state.conflict = null;
  hideBanner();
  updateDirty();
  flash("Tersimpan", "sf-good");
  loadList();
}

// showBanner asks what to do about state.conflict: load the version on
// disk (when there is one) or keep the page's.
function showBanner(msg) {
  $("banner-text").textContent = msg;
  $("banner-reload").hidden = !state.conflict || state.conflict.version === "none";
  $("banner").hidden = false;
}
function hideBanner() { $("banner").hidden = true; state.conflict = null; }

$("banner-reload").addEventListener("click", () => {
  const c = state.conflict;
  if (c && c.version !== "none") {
    state.version = c.version;
    state.saved = c.content;
    setText(c.content);
    updateDirty();
    preview(false);
  }
  hideBanner();
});
$("banner-keep").addEventListener("click", () => {
  const c = state.conflict;
  if (c) save(c.version);
});
$("banner-close").addEventListener("click", hideBanner);

// A file changed on disk: follow it when the page has no edits of its
// own, else ask.
async function changedOnDisk(path, version) {
  if (path !== state.path || version === state.version) return;
  if (version === "none") {
    state.conflict = {version, content: ""};
    showBanner(`${state.path} dihapus atau diganti nama di disk. Simpan versi Anda untuk membuatnya lagi?`);
    return;
  }
  const r = await call("GET", `/editor/files/${encodePath(path)}`);
  if (!r.ok || r.data.version === state.version) return;
  if (!dirty()) {
    state.version = r.data.version;
    state.saved = r.data.content;
    const sel = view.state.selection.main.head;
    setText(r.data.content);
    view.dispatch({selection: {anchor: Math.min(sel, view.state.doc.length)}});
    updateDirty();
    flash("Dimuat ulang dari disk", "sf-good");
    preview(false);
  } else {
    state.conflict = {version: r.data.version, content: r.data.content};
    showBanner(`${state.path} diubah oleh program lain, dan di sini ada perubahan yang belum disimpan. Versi mana yang dipakai?`);
  }
}

let toastTimer = 0;
function flash(msg, kind = "sf-bad") {
  let t = document.querySelector(".sf-toast");
  if (!t) { t = document.createElement("div"); document.body.append(t); }
  t.className = `sf-toast ${kind}`;
  t.textContent = msg;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => t.remove(), 3500);
}

// ask shows the dialog and resolves to the text entered, or null.
function ask(title, help, value, check) {
  const d = $("dialog"), input = $("dialog-input");
  $("dialog-title").textContent = title;
  $("dialog-help").textContent = help;
  $("dialog-error").textContent = "";
  input.value = value;
  return new Promise((resolve) => {
    const submit = async (ev) => {
      if (d.returnValue === "ok" || ev.type === "submit") {
        ev.preventDefault();
        const err = await check(input.value.trim());
        if (err) { $("dialog-error").textContent = err; return; }
        cleanup();
        d.close("done");
        resolve(input.value.trim());
      }
    };
    const cancel = () => { cleanup(); resolve(null); };
    const cleanup = () => {
      d.querySelector("form").removeEventListener("submit", submit);
      d.removeEventListener("close", onClose);
    };
    const onClose = () => { if (d.returnValue !== "done") cancel(); };
    d.querySelector("form").addEventListener("submit", submit);
    d.addEventListener("close", onClose);
    d.returnValue = "";
    d.showModal();
    input.focus();
    const dot = value.lastIndexOf(".");
    input.setSelectionRange(0, dot > 0 ? dot : value.length);
  });
}

function tomlName(n) { return /\.(toml|json)$/i.test(n) ? n : n + ".toml"; }

$("new-file").addEventListener("click", async () => {
  let created = null;
  await ask("SOP baru", "Nama berkas di folder ini (New SOP: a file name). SOP baru dimulai dari templat sopflow init.",
    "sop-baru.toml", async (v) => {
      if (!v) return "Isi nama berkas.";
      const name = tomlName(v);
      const r = await call("POST", "/editor/files", JSON.stringify({path: name}), {"Content-Type": "application/json"});
      if (!r.ok) return r.data ? r.data.error : `galat ${r.status}`;
      created = r.data.path;
      return "";
    });
  if (created) { await loadList(); openFile(created); }
});

async function renameFile(from) {
  const ext = from.slice(from.lastIndexOf("."));
  let done = null;
  await ask("Ganti nama", `Nama baru untuk ${from} (rename).`, from, async (v) => {
    if (!v || v === from) return "Isi nama baru.";
    const to = /\.(toml|json)$/i.test(v) ? v : v + ext;
    const r = await call("POST", "/editor/rename", JSON.stringify({from, to}), {"Content-Type": "application/json"});
    if (!r.ok) return r.data ? r.data.error : `galat ${r.status}`;
    done = to;
    return "";
  });
  if (!done) return;
  if (from === state.path) {
    state.path = done;
    $("doc-name").textContent = done;
    localStorage.setItem("sopflow.path", done);
    history.replaceState(null, "", `#${encodeURIComponent(done)}`);
  }
  loadList();
}

// ---- downloads ------------------------------------------------------------

$("download").addEventListener("click", (ev) => {
  ev.stopPropagation();
  const m = $("download-menu");
  m.hidden = !m.hidden;
  $("download").setAttribute("aria-expanded", String(!m.hidden));
});
document.addEventListener("click", () => { $("download-menu").hidden = true; });
for (const b of $("download-menu").querySelectorAll("button")) {
  if (!HAS_BPMN && b.dataset.format === "bpmn") { b.disabled = true; b.title = "needs sopflow-rank"; }
  b.addEventListener("click", () => download(b.dataset.format));
}

async function download(format) {
  if (!state.path) return;
  const extra = {format};
  if (format === "png") extra.page = String(visiblePage);
  const r = await fetch(`/api/render?${query(extra)}`, {method: "POST", body: text(),
    headers: {"Content-Type": "text/plain; charset=utf-8"}});
  if (!r.ok) {
    const d = await r.json().catch(() => null);
    flash((d && d.problems && d.problems[0] && d.problems[0].message) || `galat ${r.status}`);
    return;
  }
  const blob = await r.blob();
  const stem = state.path.replace(/^.*\//, "").replace(/\.[^.]*$/, "");
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = format === "png" && state.pages.length > 1 ? `${stem}-${visiblePage}.png` : `${stem}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// ---- settings, tabs, zoom -------------------------------------------------

try { Object.assign(state.settings, JSON.parse(localStorage.getItem("sopflow.settings") || "{}")); } catch (_) { /* keep the defaults */ }
for (const k of Object.keys(state.settings)) {
  const sel = $(`set-${k}`);
  if (![...sel.options].some((o) => o.value === state.settings[k])) state.settings[k] = sel.options[0].value;
  sel.value = state.settings[k];
  sel.addEventListener("change", () => {
    state.settings[k] = sel.value;
    localStorage.setItem("sopflow.settings", JSON.stringify(state.settings));
    preview(false);
  });
}

function setView(v) {
  state.view = v;
  $("tab-table").setAttribute("aria-selected", String(v === "table"));
  $("tab-bpmn").setAttribute("aria-selected", String(v === "bpmn"));
  preview(false);
}
$("tab-table").addEventListener("click", () => setView("table"));
$("tab-bpmn").addEventListener("click", () => setView("bpmn"));
if (!HAS_BPMN) {
  $("tab-bpmn").disabled = true;
  $("tab-bpmn").title = "BPMN: perlu sopflow-rank (needs the sopflow-rank helper)";
}
$("zoom-in").addEventListener("click", () => zoomBy(1.25));
$("zoom-out").addEventListener("click", () => zoomBy(0.8));
$("zoom-fit").addEventListener("click", () => { state.zoom = 0; applyZoom(); });
$("pages").addEventListener("scroll", markVisiblePage, {passive: true});
window.addEventListener("resize", () => { if (!state.zoom) applyZoom(); });
$("save").addEventListener("click", () => save());
window.addEventListener("beforeunload", (ev) => { if (dirty()) ev.preventDefault(); });
document.addEventListener("keydown", (ev) => {
  // Ctrl+S outside the editor (the editor's own key map saves inside it).
  if ((ev.ctrlKey || ev.metaKey) && ev.key === "s" && !ev.defaultPrevented) { ev.preventDefault(); save(); }
});

// ---- live updates ---------------------------------------------------------

function listen() {
  const es = new EventSource("/editor/events");
  let listTimer = 0;
  const reloadList = () => { clearTimeout(listTimer); listTimer = setTimeout(loadList, 100); };
  es.addEventListener("open", () => {
    state.live = true;
    reloadList();
    if (state.path) call("GET", `/editor/files/${encodePath(state.path)}`).then((r) => {
      if (r.ok) changedOnDisk(state.path, r.data.version);
    });
  });
  es.addEventListener("error", () => { state.live = false; });
  es.addEventListener("list", reloadList);
  es.addEventListener("change", (ev) => {
    const d = JSON.parse(ev.data);
    changedOnDisk(d.path, d.version);
    reloadList();
  });
}

// ---- start ----------------------------------------------------------------

(async () => {
  await loadList();
  const want = decodeURIComponent(location.hash.slice(1)) || localStorage.getItem("sopflow.path");
  const first = state.files.find((f) => f.path === want) || state.files[0];
  if (first) await openFile(first.path, true);
  else showProblems([]);
  listen();
})();
