// A test's probe of the search page, injected by the browser tests before
// the page's own scripts (never published): it watches what the page does
// and sets window.cablesiteProbe.last when a search is done,
//
//	{q, total, exact, ms, facetsMs, snippetsMs, keys, pages}
//
// from the page's "cablesite:search" event (q, total, exact and the times:
// ms is the time of its first results) and from what it saw: keys, the
// files of the index the search loaded (as "p/12"; the root excluded), and
// pages, the cable pages whose texts it read (cable/.../ID.txt.js, as
// the pages' paths from the root).
(() => {
  "use strict";
  if (window.parent !== window) return; // a cable's page in a frame
  const probe = { last: null };
  window.cablesiteProbe = probe;
  let keys = [], pages = [];
  const shardKey = (src) => {
    // search/KIND/M/N.js is KIND/N, search/KEY.js is KEY.
    const m = /(?:^|\/)search\/(?:([a-z]+)\/\d+\/(\d+)|([a-z]+))\.js$/.exec(src);
    return m && (m[3] || m[1] + "/" + m[2]);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") {
        if (r.target.id === "search-app" && r.target.getAttribute("data-state") === "busy") keys = [], pages = [];
        continue;
      }
      for (const n of r.addedNodes) {
        const src = n.getAttribute ? n.getAttribute("src") || "" : "";
        if (n.tagName === "SCRIPT" && shardKey(src) && shardKey(src) !== "index") keys.push(shardKey(src));
        if (n.tagName === "SCRIPT" && src.endsWith(".txt.js")) pages.push(src.slice(0, -".txt.js".length) + ".html");
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-state"] });
  document.addEventListener("cablesite:search", (ev) => {
    const d = ev.detail;
    probe.last = {
      q: d.query, total: d.total, exact: d.exact,
      ms: d.firstResultsMs, facetsMs: d.facetsMs || 0, snippetsMs: d.snippetsMs || 0,
      keys: keys.slice(), pages: pages.slice(),
    };
  });
})();
