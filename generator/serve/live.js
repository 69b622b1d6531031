// Live reload for pages served by `cablesite serve` (package serve adds it
// to each HTML page as it serves it; built sites never hold it). It
// listens to the server's events (see events.go): reloads the page when
// its file, or an image or other file it shows, changed; swaps the
// stylesheet when only that changed, and shows problems over the page as
// text.
(() => {
  "use strict";
  const script = document.currentScript;
  const gen = Number((script && script.dataset.gen) || 0);
  let page = decodeURIComponent(location.pathname).replace(/^\/+/, "");
  if (page === "" || page.endsWith("/")) page += "index.html";

  let box = null;
  const show = (problems) => {
    hide();
    const host = document.createElement("div");
    host.id = "cablesite-problems";
    const root = host.attachShadow({ mode: "open" });
    const panel = document.createElement("div");
    panel.setAttribute("role", "alert");
    panel.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:2147483647;max-height:60vh;overflow:auto;" +
      "margin:0;padding:1em 1.25em;background:#2b0b0b;color:#fff;font:14px/1.45 ui-monospace,monospace;" +
      "border-bottom:4px solid #e5484d;box-shadow:0 4px 16px rgba(0,0,0,.4)";
    const title = document.createElement("strong");
    title.textContent = problems.length === 1 ? "cablesite: 1 problem" : "cablesite: " + problems.length + " problems";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Hide");
    close.style.cssText = "float:right;font:inherit;font-size:20px;line-height:1;background:none;color:inherit;border:0;cursor:pointer";
    close.addEventListener("click", hide);
    const list = document.createElement("pre");
    list.style.cssText = "margin:.5em 0 0;white-space:pre-wrap;font:inherit";
    // Messages quote the files they are about: text, never markup.
    list.textContent = problems.join("\n");
    panel.append(close, title, list);
    root.append(panel);
    document.documentElement.append(host);
    box = host;
  };
  const hide = () => {
    if (box) box.remove();
    box = null;
  };

  const events = new EventSource("/_cablesite/events?page=" + encodeURIComponent(page));
  window.cablesiteEvents = events; // for tests: readyState 1 is connected
  const on = (name, fn) => events.addEventListener(name, (e) => {
    if (typeof e.data === "string") fn(JSON.parse(e.data));
  });
  on("hello", (d) => {
    // An update came between serving the page and this connection: the
    // page may have missed it.
    if (d.gen > gen) location.reload();
    else if (d.problems && d.problems.length) show(d.problems);
    else hide();
  });
  on("error", (d) => show(d.problems || []));
  on("ok", hide);
  // shows reports whether the page shows one of the site's files media
  // (paths from the site's root; all: any of the site's own).
  const shows = (media, all) => {
    const set = new Set(media || []);
    const els = document.querySelectorAll("img, source, video, audio, track, object, embed, iframe");
    for (const el of els) {
      const urls = ["src", "poster", "data"].map((a) => el.getAttribute(a));
      for (const c of (el.getAttribute("srcset") || "").split(",")) urls.push(c.trim().split(/\s+/)[0]);
      for (const u of urls) {
        if (!u) continue;
        const url = new URL(u, document.baseURI);
        if (url.origin !== location.origin) continue;
        if (all || set.has(decodeURIComponent(url.pathname).replace(/^\/+/, ""))) return true;
      }
    }
    return false;
  };
  on("reload", (d) => {
    if (d.background && gen < d.gen) return;
    if (d.all || (d.paths || []).includes(page) || shows(d.media, d.allMedia)) location.reload();
  });
  on("css", (d) => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const href = link.getAttribute("href") || "";
      for (const [from, to] of Object.entries(d.swap || {})) {
        if (href.endsWith(from)) link.setAttribute("href", href.slice(0, href.length - from.length) + to);
      }
    }
  });
})();
