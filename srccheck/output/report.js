/* srccheck HTML report: the popup of a citation, the filters, the note jump.
   Text from the report is only ever set with textContent, never parsed as markup. */
(function () {
  "use strict";
  var doc = document, body = doc.body;
  var data = JSON.parse(doc.getElementById("srccheck-data").textContent);

  function add(parent, tag, text, cls) {
    var el = doc.createElement(tag);
    if (cls) el.className = cls;
    if (text !== undefined) el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  /* The popup: the entry a citation resolved to (from the data block), then its detail rows
     ("label<TAB>value" lines in data-d), whatever they are. */
  var pop = doc.createElement("div");
  pop.id = "pop";
  pop.setAttribute("role", "tooltip");
  pop.hidden = true;
  body.appendChild(pop);
  var current = null;

  function show(c) {
    current = c;
    pop.textContent = "";
    var report = data.reports[+c.closest("[data-report]").getAttribute("data-report")];
    var s = c.getAttribute("data-s");
    if (s !== null) {
      var e = report.sources[+s];
      add(pop, "div", e[0], "key");
      var work = [e[1], e[2]].filter(Boolean).join(", ") + (e[3] ? " (" + e[3] + ")" : "");
      if (work) add(pop, "div", work);
    } else {
      add(pop, "div", c.classList.contains("amb") ? "ambiguous" : "unresolved", "key");
    }
    var dl = add(pop, "dl");
    (c.getAttribute("data-d") || "").split("\n").forEach(function (row) {
      var tab = row.indexOf("\t");
      if (tab < 0) return;
      add(dl, "dt", row.slice(0, tab));
      add(dl, "dd", row.slice(tab + 1));
    });
    pop.hidden = false;
    // below the citation's last line (a long one wraps), or above its first when there is no room below
    var rects = c.getClientRects();
    var first = rects.length ? rects[0] : c.getBoundingClientRect();
    var last = rects.length ? rects[rects.length - 1] : first;
    var width = doc.documentElement.clientWidth;
    var left = Math.max(4, Math.min(last.left, width - pop.offsetWidth - 8));
    var top = last.bottom + 6;
    if (top + pop.offsetHeight > window.innerHeight && first.top > pop.offsetHeight + 12) {
      top = first.top - pop.offsetHeight - 6;
      left = Math.max(4, Math.min(first.left, width - pop.offsetWidth - 8));
    }
    pop.style.left = (window.scrollX + left) + "px";
    pop.style.top = (window.scrollY + top) + "px";
  }

  function hide() {
    pop.hidden = true;
    current = null;
  }

  doc.addEventListener("mouseover", function (ev) {
    var c = ev.target.closest(".c");
    if (c) { if (c !== current) show(c); }
    else if (current && !pop.contains(ev.target)) hide();
  });
  doc.addEventListener("focusin", function (ev) {
    var c = ev.target.closest(".c");
    if (c) show(c); else hide();
  });
  doc.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hide(); });
  window.addEventListener("resize", hide);

  /* Filters: an unticked box puts "hide-<class>" on the body, and the stylesheet hides every
     finding with that class. "Only notes with findings" shows the notes with a finding left. */
  var boxes = doc.querySelectorAll("input[data-hide]");
  var only = doc.getElementById("only-flagged");
  var count = doc.getElementById("shown-count");

  function hidden(f) {
    for (var i = 0; i < f.classList.length; i++) {
      if (body.classList.contains("hide-" + f.classList[i])) return true;
    }
    return false;
  }

  function refresh() {
    boxes.forEach(function (box) { body.classList.toggle(box.getAttribute("data-hide"), !box.checked); });
    var shown = 0;
    doc.querySelectorAll(".findings tbody tr.f").forEach(function (f) { if (!hidden(f)) shown++; });
    if (count) count.textContent = String(shown);
    var onlyFlagged = !!(only && only.checked);
    body.classList.toggle("only-flagged", onlyFlagged);
    if (onlyFlagged) {
      doc.querySelectorAll(".note").forEach(function (note) {
        var keep = false;
        note.querySelectorAll(".f").forEach(function (f) { if (!keep && !hidden(f)) keep = true; });
        note.classList.toggle("shown", keep);
      });
    }
  }

  doc.addEventListener("change", function (ev) {
    if (ev.target.matches("input[data-hide], #only-flagged")) refresh();
  });
  refresh();

  /* A cell of the sources x notes chart: its column is its note. */
  doc.addEventListener("click", function (ev) {
    var cell = ev.target.closest("svg.where rect");
    if (!cell || cell.classList.contains("band")) return;
    var svg = cell.ownerSVGElement;
    var anchors = svg.getAttribute("data-notes");
    if (!anchors) return;
    var column = Math.round((cell.x.baseVal.value - +svg.getAttribute("data-x")) / +svg.getAttribute("data-w"));
    location.hash = anchors.split(" ")[column];
  });

  /* A link into the folded list of uncited entries opens it. */
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? doc.getElementById(id) : null;
    if (!el) return;
    var folded = el.closest("details");
    if (folded && !folded.open) {
      folded.open = true;
      el.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  var jump = doc.getElementById("jump");
  if (jump) {
    jump.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var n = jump.elements.note.value.trim();
      if (n) location.hash = "n" + n;
    });
  }
})();
