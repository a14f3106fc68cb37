// Render citation clusters with citeproc-js, in document order, as a word-processor plugin does.
//
// stdin: {"style": PATH, "lang": "de-DE", "locales": [DIR, …], "items": [CSL-JSON],
//         "clusters": [{"id": "c1", "note": 1, "items": [{"id", "locator", "label", "prefix", "suffix"}]}]}
//         "format": "html" (default) or "text"
// stdout: {"version": "2.4.63", "texts": {"c1": "…", …}}
// Each cluster is added after the ones before it; when the processor rewrites an earlier
// cluster (disambiguation, ibid), the rewrite is kept, as in a real document.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const items = {};
for (const item of input.items) items[item.id] = item;

const sys = {
  retrieveLocale(lang) {
    for (const dir of input.locales) {
      const file = path.join(dir, `locales-${lang}.xml`);
      if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
    }
    return false;
  },
  retrieveItem(id) {
    return items[id];
  },
};

const engine = new CSL.Engine(sys, fs.readFileSync(input.style, "utf8"), input.lang, true);
engine.setOutputFormat(input.format || "html");

const texts = {};
const pre = [];
for (const cluster of input.clusters) {
  const citation = {
    citationID: cluster.id,
    citationItems: cluster.items,
    properties: { noteIndex: cluster.note },
  };
  const [status, updates] = engine.processCitationCluster(citation, pre, []);
  if (status.citation_errors && status.citation_errors.length) {
    process.stderr.write(JSON.stringify(status.citation_errors) + "\n");
    process.exit(1);
  }
  pre.push([cluster.id, cluster.note]);
  for (const [index, text] of updates) texts[pre[index][0]] = text;
}
const version = require("citeproc/package.json").version;
process.stdout.write(JSON.stringify({ version, texts }));
