/* vpcdocs diagram viewer — part of vpcdocs (same licence), no dependencies, works offline
 * and from file://.
 *
 * Click (or press Enter on) a diagram figure (a.vpcdocs-zoom) to open it full screen.
 * Zoom: mouse wheel, pinch, double-click, the + and − buttons or keys; pan: drag, one
 * finger, arrow keys. Keys: + / − zoom, 0 fit, 1 actual size, arrows pan, Esc close.
 * The image shown is the one visible on the page (the dark variant under the slate palette).
 */
(function () {
  "use strict";

  var MIN = 0.05, MAX = 16, STEP = 1.25;
  var view = null;

  function visibleImage(link) {
    var imgs = link.querySelectorAll("img");
    for (var i = 0; i < imgs.length; i++) {
      if (window.getComputedStyle(imgs[i]).display !== "none") return imgs[i];
    }
    return imgs[0] || null;
  }

  function button(label, title, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "vpcdocs-viewer__button";
    b.textContent = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", function (e) { e.stopPropagation(); action(); });
    return b;
  }

  function apply() {
    var v = view;
    v.image.style.transform = "translate(" + v.x + "px, " + v.y + "px) scale(" + v.scale + ")";
    v.level.textContent = Math.round(v.scale * 100) + "%";
    v.overlay.setAttribute("data-zoom", v.scale.toFixed(4));
  }

  function stageSize() {
    var r = view.stage.getBoundingClientRect();
    return { w: r.width, h: r.height };
  }

  function zoomAt(factor, cx, cy) {
    var v = view;
    var s = Math.min(MAX, Math.max(MIN, v.scale * factor));
    v.x = cx - (cx - v.x) * (s / v.scale);
    v.y = cy - (cy - v.y) * (s / v.scale);
    v.scale = s;
    apply();
  }

  function zoomCentre(factor) {
    var size = stageSize();
    zoomAt(factor, size.w / 2, size.h / 2);
  }

  function place(scale) {
    var v = view, size = stageSize();
    v.scale = scale;
    v.x = (size.w - v.width * scale) / 2;
    v.y = Math.max(0, (size.h - v.height * scale) / 2);
    apply();
  }

  function fit() {
    var v = view, size = stageSize();
    place(Math.min(size.w / v.width, size.h / v.height, 2) || 1);
  }

  function close() {
    if (!view) return;
    var v = view;
    view = null;
    document.removeEventListener("keydown", onKey, true);
    v.overlay.remove();
    document.documentElement.classList.remove("vpcdocs-viewer-open");
    if (v.back && v.back.focus) v.back.focus();
  }

  function onKey(e) {
    if (!view) return;
    var k = e.key, handled = true;
    if (k === "Escape") close();
    else if (k === "+" || k === "=") zoomCentre(STEP);
    else if (k === "-" || k === "_") zoomCentre(1 / STEP);
    else if (k === "0") fit();
    else if (k === "1") place(1);
    else if (k === "ArrowLeft") { view.x += 60; apply(); }
    else if (k === "ArrowRight") { view.x -= 60; apply(); }
    else if (k === "ArrowUp") { view.y += 60; apply(); }
    else if (k === "ArrowDown") { view.y -= 60; apply(); }
    else if (k === "Tab") { handled = false; trapTab(e); }
    else handled = false;
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  }

  function trapTab(e) {
    var items = view.overlay.querySelectorAll("button, a[href], [tabindex='0']");
    if (!items.length) return;
    var first = items[0], last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); }
    else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
  }

  function pointers(stage) {
    var active = {}, lastDist = 0, lastMid = null;

    function list() { return Object.keys(active).map(function (k) { return active[k]; }); }

    function local(e) {
      var r = stage.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    }

    stage.addEventListener("pointerdown", function (e) {
      if (e.button !== undefined && e.button > 0) return;
      stage.setPointerCapture && stage.setPointerCapture(e.pointerId);
      active[e.pointerId] = local(e);
      stage.classList.add("vpcdocs-viewer__stage--dragging");
      var p = list();
      if (p.length === 2) {
        lastDist = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
        lastMid = { x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
      }
    });
    stage.addEventListener("pointermove", function (e) {
      if (!view || !(e.pointerId in active)) return;
      var prev = active[e.pointerId], now = local(e);
      active[e.pointerId] = now;
      var p = list();
      if (p.length === 1) {
        view.x += now.x - prev.x;
        view.y += now.y - prev.y;
        apply();
      } else if (p.length === 2) {
        var dist = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
        var mid = { x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
        if (lastDist > 0) zoomAt(dist / lastDist, mid.x, mid.y);
        if (lastMid) { view.x += mid.x - lastMid.x; view.y += mid.y - lastMid.y; apply(); }
        lastDist = dist;
        lastMid = mid;
      }
    });
    function up(e) {
      delete active[e.pointerId];
      if (list().length < 2) { lastDist = 0; lastMid = null; }
      if (!list().length) stage.classList.remove("vpcdocs-viewer__stage--dragging");
    }
    stage.addEventListener("pointerup", up);
    stage.addEventListener("pointercancel", up);
    stage.addEventListener("wheel", function (e) {
      if (!view) return;
      e.preventDefault();
      var at = local(e), delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      zoomAt(Math.exp(-delta * 0.0015), at.x, at.y);
    }, { passive: false });
    stage.addEventListener("dblclick", function (e) {
      var at = local(e);
      zoomAt(e.shiftKey ? 1 / 2 : 2, at.x, at.y);
    });
  }

  function open(link) {
    var img = visibleImage(link);
    if (!img) return;
    close();
    var overlay = document.createElement("div");
    overlay.className = "vpcdocs-viewer";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", img.alt || "Diagram");
    var bar = document.createElement("div");
    bar.className = "vpcdocs-viewer__bar";
    var title = document.createElement("span");
    title.className = "vpcdocs-viewer__title";
    title.textContent = img.alt || "";
    var level = document.createElement("span");
    level.className = "vpcdocs-viewer__level";
    var raw = document.createElement("a");
    raw.className = "vpcdocs-viewer__button";
    raw.href = img.getAttribute("src");
    raw.textContent = "\u2197";
    raw.title = "Open the image on its own";
    raw.setAttribute("aria-label", raw.title);
    var stage = document.createElement("div");
    stage.className = "vpcdocs-viewer__stage";
    stage.tabIndex = 0;
    stage.setAttribute("aria-label", "Diagram: drag to pan, wheel or pinch to zoom");
    var image = document.createElement("img");
    image.className = "vpcdocs-viewer__image";
    image.alt = img.alt;
    image.draggable = false;
    stage.appendChild(image);
    bar.appendChild(title);
    bar.appendChild(level);
    bar.appendChild(button("\u2212", "Zoom out (\u2212)", function () { zoomCentre(1 / STEP); }));
    bar.appendChild(button("+", "Zoom in (+)", function () { zoomCentre(STEP); }));
    bar.appendChild(button("Fit", "Fit to the window (0)", fit));
    bar.appendChild(button("1:1", "Actual size (1)", function () { place(1); }));
    bar.appendChild(raw);
    var closer = button("\u00d7", "Close (Esc)", close);
    bar.appendChild(closer);
    overlay.appendChild(bar);
    overlay.appendChild(stage);
    document.body.appendChild(overlay);
    document.documentElement.classList.add("vpcdocs-viewer-open");
    view = { overlay: overlay, stage: stage, image: image, level: level, scale: 1, x: 0, y: 0,
             width: img.naturalWidth || img.width || 800, height: img.naturalHeight || img.height || 600,
             back: link };
    pointers(stage);
    document.addEventListener("keydown", onKey, true);
    image.addEventListener("load", function () {
      if (!view) return;
      view.width = image.naturalWidth || view.width;
      view.height = image.naturalHeight || view.height;
      fit();
      overlay.setAttribute("data-ready", "true");
    });
    image.src = img.currentSrc || img.src;
    fit();
    stage.focus();
  }

  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    var link = e.target && e.target.closest ? e.target.closest("a.vpcdocs-zoom") : null;
    if (!link) return;
    e.preventDefault();
    open(link);
  });

  window.vpcdocsViewer = { open: open, close: close };
})();
