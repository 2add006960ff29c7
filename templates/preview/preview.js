// avtale preview: keeps the page in step with the file. The server says when a new version is ready
// (server-sent events, /events); the page then fetches /state and swaps in only what changed: a page
// image whose key changed (decoded before it replaces the old, so nothing jumps), the HTML in a second
// frame that takes the first one's scroll position before it is shown. Nothing is reloaded as a whole.
"use strict";
(() => {
  const body = document.body;
  const $ = (id) => document.getElementById(id);
  let state = null;
  let view = body.dataset.view || "pdf";
  let busy = false;
  let again = false;
  let marked = null;
  let opened = null; // the finding shown open: {key, target}; kept across updates and views
  window.avtaleUpdates = {}; // version -> when this page showed it (ms since the epoch), for bench/ and tests

  function show(name) {
    if (name === "redline" && !body.dataset.against) name = "pdf";
    view = name;
    for (const button of document.querySelectorAll(".views button")) {
      button.setAttribute("aria-pressed", String(button.dataset.show === name));
    }
    for (const kind of ["pdf", "html", "redline"]) $("view-" + kind).hidden = kind !== name;
    body.dataset.shown = name;
  }

  function showBanner(banner) {
    const box = $("banner");
    box.hidden = !banner;
    box.className = "banner" + (banner ? " " + banner.kind : "");
    box.textContent = banner ? banner.text : "";
  }

  function showFindings(findings) {
    const list = $("finding-list");
    list.replaceChildren();
    if (opened && !findings.some((f) => `${f.code}|${f.path}|${f.message}` === opened.key)) {
      opened = null; // fixed: its mark goes with it
      unmark();
    }
    $("no-findings").hidden = findings.length > 0;
    $("count").textContent = findings.length ? `(${findings.length})` : "";
    findings.forEach((f) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "finding " + f.severity;
      button.setAttribute("aria-expanded", "false");
      const where = document.createElement("span");
      where.className = "where";
      where.textContent = f.line == null ? f.path : `${f.line}:${f.col ?? 1}` + (f.path ? `  ${f.path}` : "");
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = f.code + " ";
      const message = document.createElement("span");
      message.className = "message";
      message.textContent = f.message;
      button.append(where, code, message);
      const excerpt = document.createElement("pre");
      excerpt.className = "excerpt";
      excerpt.hidden = true;
      for (const [n, line] of f.excerpt) {
        const row = document.createElement("span");
        row.className = n === f.line ? "here" : "";
        const number = document.createElement("span");
        number.className = "n";
        number.textContent = String(n).padStart(4) + "  ";
        row.append(number, line + "\n");
        excerpt.append(row);
      }
      const key = `${f.code}|${f.path}|${f.message}`;
      const expand = (open) => {
        for (const other of list.querySelectorAll('.finding[aria-expanded="true"]')) {
          if (other !== button) { other.setAttribute("aria-expanded", "false"); other.nextSibling.hidden = true; }
        }
        button.setAttribute("aria-expanded", String(open));
        excerpt.hidden = !open || !f.excerpt.length;
        opened = open ? { key, target: f.target } : null;
      };
      button.addEventListener("click", () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        expand(open);
        if (open) reveal(f.target); else unmark();
      });
      if (opened && opened.key === key) expand(true); // the same finding after a save: still open
      item.append(button, excerpt);
      list.append(item);
    });
  }

  async function showPages(next) {
    const box = $("pages");
    // the sheets first, in the pages' order (not in the order their images happen to decode)
    while (box.children.length < next.pages.length) {
      const sheet = document.createElement("div");
      sheet.className = "sheet";
      box.append(sheet);
    }
    await Promise.all(next.pages.map(async (page, i) => {
      const sheet = box.children[i];
      if (sheet.dataset.key === page.key) return;
      const img = new Image();
      img.alt = `${body.dataset.page} ${i + 1}`;
      img.src = `/page/${i + 1}.svg?k=${page.key}`;
      try { await img.decode(); } catch (e) { /* shown as it comes */ }
      sheet.replaceChildren(img);
      sheet.dataset.key = page.key;
    }));
    while (box.children.length > next.pages.length) box.lastElementChild.remove();
  }

  function frames(kind) {
    const [a, b] = $("view-" + kind).querySelectorAll("iframe");
    return a.hidden ? [b, a] : [a, b];
  }

  function showFrame(kind, url, key) {
    const [shown, spare] = frames(kind);
    if (!key || shown.dataset.key === key) return Promise.resolve();
    return new Promise((done) => {
      spare.hidden = false;
      spare.classList.add("loading");
      spare.addEventListener("load", () => {
        const y = shown.contentWindow ? shown.contentWindow.scrollY : 0;
        spare.contentWindow.scrollTo(0, y);
        spare.classList.remove("loading");
        shown.hidden = true;
        spare.dataset.key = key;
        done();
      }, { once: true });
      spare.src = `${url}?k=${key}`;
    });
  }

  async function apply(next) {
    showBanner(next.banner);
    showFindings(next.findings);
    await Promise.all([
      showPages(next),
      showFrame("html", "/view.html", next.html_key),
      body.dataset.against ? showFrame("redline", "/redline.html", next.redline_key) : null,
    ]);
    state = next;
    if (opened) { unmark(); reveal(opened.target, false); } // marked again on the new pages, where they are
    body.dataset.version = String(next.version);
    window.avtaleUpdates[next.version] = performance.timeOrigin + performance.now();
    window.dispatchEvent(new CustomEvent("avtale:updated", { detail: { version: next.version } }));
  }

  async function update() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      do {
        again = false;
        const response = await fetch("/state", { cache: "no-store" });
        await apply(await response.json());
      } while (again);
    } finally {
      busy = false;
    }
  }

  function unmark() {
    if (marked) marked.remove(); // a mark on a page, or an outline's undoing in the HTML frame
    marked = null;
  }

  // Shows the part a finding concerns: its heading (or the signature block) in the view that is open.
  function reveal(target, scroll = true) {
    unmark();
    if (!target || !state || (target.heading == null && !target.signing)) return;
    if (view === "pdf") {
      const place = target.signing ? state.signing : state.headings[target.heading];
      const sheet = place && $("pages").children[place.page - 1];
      if (!sheet) return;
      const mark = document.createElement("div");
      mark.className = "mark";
      mark.style.top = `${(place.y / state.page.height) * 100}%`;
      mark.style.transform = "translateY(-25%)";
      sheet.append(mark);
      marked = mark;
      const y = sheet.offsetTop + (place.y / state.page.height) * sheet.clientHeight;
      if (scroll) $("view-pdf").scrollTo({ top: Math.max(0, y - 80) });
    } else if (view === "html") {
      const doc = frames("html")[0].contentDocument;
      if (!doc) return;
      const element = target.signing ? doc.querySelector("section.signing")
        : doc.querySelectorAll("h1, h2, h3, h4")[target.heading];
      if (!element) return;
      element.style.scrollMarginTop = "1rem"; // the outline's top edge stays in view
      if (scroll) element.scrollIntoView({ block: "start" });
      element.style.outline = "3px solid #a4161a";
      element.style.outlineOffset = "4px";
      marked = { remove: () => { element.style.outline = ""; element.style.outlineOffset = ""; } };
    }
  }

  for (const button of document.querySelectorAll(".views button")) {
    button.addEventListener("click", () => {
      unmark();
      show(button.dataset.show);
      if (opened) reveal(opened.target); // the open finding's part, in the view now shown
    });
  }
  if (body.dataset.against) document.querySelector('[data-show="redline"]').hidden = false;
  show(view);

  const events = new EventSource("/events");
  const live = $("live");
  const liveText = live.textContent;
  events.addEventListener("version", (event) => {
    live.textContent = liveText;
    live.classList.remove("lost");
    if (!state || Number(event.data) !== state.version) update();
  });
  events.addEventListener("error", () => {
    live.textContent = $("lost").content.textContent;
    live.classList.add("lost");
  });
})();
