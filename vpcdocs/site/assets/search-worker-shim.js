/* vpcdocs: Material's search when the site is opened from disk (file://).

   Browsers refuse to start a Web Worker from a file:// URL, which leaves Material's search
   box dead offline. Loaded before Material's bundle and active only on file://, this shim
   gives Material a Worker that runs the very same worker script inside a hidden iframe of
   the page: messages are passed as MessageEvents, importScripts() loads scripts into the
   iframe. Material's worker knows this arrangement (it looks for `IFrameWorker` on its
   parent). An iframe runs on the page's own thread, so building the index of a big site
   would stall every page load: the worker starts when the reader first goes for the search
   box (focus, or a pointer on it), and Material's messages wait until then. The idea is that of squidfunk's iframe-worker (MIT licence); this is a separate,
   minimal implementation shipped with vpcdocs (Apache-2.0 like the rest of the package).
   Nothing is fetched from the network. */
(function () {
  "use strict";
  if (window.location.protocol !== "file:" || window.IFrameWorker) { return; }

  function IFrameWorker(url) {
    var worker = this;
    var src = new URL(url, window.location.href).href;
    this.onmessage = null;
    this.onerror = null;
    this._listeners = { message: [], error: [] };
    this._queue = [];
    this._ready = false;
    this._started = false;
    var frame = document.createElement("iframe");
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.title = "search worker";
    frame.style.display = "none";
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;
    var doc = frame.contentDocument;
    this._frame = frame;
    this._scope = scope;

    function start() {
      if (worker._started) { return; }
      worker._started = true;
      document.removeEventListener("focusin", onFocus, true);
      document.removeEventListener("pointerdown", onPointer, true);
      addScript(src, function () {
        worker._ready = true;
        var queued = worker._queue;
        worker._queue = [];
        queued.forEach(function (data) { worker._send(data); });
      }, function () {
        worker._dispatch("error", new ErrorEvent("error", { message: "cannot load " + src }));
      });
    }
    function isSearch(el) { return !!(el && el.closest && el.closest(".md-search, [data-md-component=search]")); }
    function onFocus(ev) { if (isSearch(ev.target)) { start(); } }
    function onPointer(ev) { if (isSearch(ev.target) || (ev.target.closest && ev.target.closest("label[for=__search]"))) { start(); } }
    document.addEventListener("focusin", onFocus, true);
    document.addEventListener("pointerdown", onPointer, true);
    if (isSearch(document.activeElement)) { start(); }

    function addScript(href, onload, onerror) {
      var s = doc.createElement("script");
      s.src = new URL(href, src).href;
      s.onload = onload;
      s.onerror = onerror;
      (doc.head || doc.documentElement).appendChild(s);
    }
    /* the worker's postMessage: to the page */
    scope.postMessage = function (data) {
      window.setTimeout(function () { worker._dispatch("message", new MessageEvent("message", { data: data })); }, 0);
    };
    /* importScripts: the scripts load in order; the worker awaits the promise */
    scope.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (chain, href) {
        return chain.then(function () {
          return new Promise(function (resolve, reject) { addScript(href, resolve, reject); });
        });
      }, Promise.resolve());
    };
  }

  IFrameWorker.prototype.addEventListener = function (type, listener) {
    (this._listeners[type] = this._listeners[type] || []).push(listener);
  };
  IFrameWorker.prototype.removeEventListener = function (type, listener) {
    var list = this._listeners[type] || [];
    var i = list.indexOf(listener);
    if (i >= 0) { list.splice(i, 1); }
  };
  IFrameWorker.prototype._dispatch = function (type, event) {
    var handler = this["on" + type];
    if (typeof handler === "function") { handler.call(this, event); }
    (this._listeners[type] || []).slice().forEach(function (listener) {
      if (typeof listener === "function") { listener.call(this, event); } else { listener.handleEvent(event); }
    }, this);
  };
  IFrameWorker.prototype._send = function (data) {
    var scope = this._scope;
    window.setTimeout(function () { scope.dispatchEvent(new scope.MessageEvent("message", { data: data })); }, 0);
  };
  IFrameWorker.prototype.postMessage = function (data) {
    if (this._ready) { this._send(data); } else { this._queue.push(data); }
  };
  IFrameWorker.prototype.terminate = function () {
    if (this._frame.parentNode) { this._frame.parentNode.removeChild(this._frame); }
  };

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
