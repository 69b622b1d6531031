// Drives headless Firefox for the Go tests over WebDriver BiDi (Node's
// WebSocket: run with --experimental-websocket on Node 20): reads a JSON
// request on stdin, writes a JSON answer on stdout.
//
//	{"firefox": "/usr/bin/firefox-esr", "profile": "dir", "probe": "script",
//	 "pages": [{"url": "file:///...", "ready": "expr", "value": "expr"}, ...]}
//
// The probe, when given, runs in every page before the page's scripts.
// For each page it navigates, waits until ready is true (20 s at most),
// and answers JSON.parse of JSON.stringify(value): {"values": [...]}.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");

const req = JSON.parse(fs.readFileSync(0, "utf8"));
const port = 9300 + Math.floor(Math.random() * 600);
const ff = spawn(req.firefox, ["--headless", "--no-remote", "--profile", req.profile, "--remote-debugging-port=" + port]);
let log = "";
function fail(msg) {
  process.stderr.write(msg + "\n" + log);
  ff.kill();
  process.exit(1);
}
const timer = setTimeout(() => fail("Firefox did not answer in 120 s"), 120000);
ff.stderr.on("data", (d) => {
  log += d;
  if (/WebDriver BiDi listening/.test(log) && !run.started) {
    run.started = true;
    run().catch((e) => fail(String(e.stack || e)));
  }
});
ff.on("exit", (code) => { if (!run.done) fail("Firefox exited: " + code); });

async function run() {
  const ws = new WebSocket("ws://127.0.0.1:" + port + "/session");
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error("no BiDi session")); });
  let id = 0;
  const waiting = new Map();
  ws.onmessage = (m) => {
    const d = JSON.parse(m.data);
    if (d.id && waiting.has(d.id)) { waiting.get(d.id)(d); waiting.delete(d.id); }
  };
  const call = (method, params) => new Promise((resolve, reject) => {
    const i = ++id;
    waiting.set(i, (d) => (d.type === "error" ? reject(new Error(method + ": " + d.error + ": " + d.message)) : resolve(d.result)));
    ws.send(JSON.stringify({ id: i, method, params }));
  });
  const evaluate = async (context, expression) => {
    const r = await call("script.evaluate", { expression, target: { context }, awaitPromise: true });
    if (r.type === "exception") throw new Error(expression.slice(0, 80) + ": " + JSON.stringify(r.exceptionDetails).slice(0, 300));
    return r.result.value;
  };
  await call("session.new", { capabilities: {} });
  if (req.probe) await call("script.addPreloadScript", { functionDeclaration: "() => {\n" + req.probe + "\n}" });
  const context = (await call("browsingContext.getTree", {})).contexts[0].context;
  const values = [];
  for (const p of req.pages) {
    await call("browsingContext.navigate", { context, url: p.url, wait: "complete" });
    let ready = false;
    for (const end = Date.now() + 20000; Date.now() < end && !ready;) {
      ready = !!(await evaluate(context, "!!(" + p.ready + ")"));
      if (!ready) await new Promise((r) => setTimeout(r, 50));
    }
    if (!ready) throw new Error(p.url + ": not ready: " + p.ready);
    values.push(JSON.parse(await evaluate(context, "JSON.stringify(" + p.value + ")")));
  }
  run.done = true;
  clearTimeout(timer);
  process.stdout.write(JSON.stringify({ values }));
  ff.kill();
}
