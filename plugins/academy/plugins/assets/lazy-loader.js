/* mkdocs-academy: the one lazy loader. On every page it waits for an element its feature needs and
   only then loads the feature's script (and style), next to this file, so other pages do not carry
   them. Material's instant navigation swaps pages without running their scripts: document$ tells
   when a page is shown. Each plugin serves a copy with its own settings in place of the {} at the
   end (academy/plugins/lazy.py):
   - file: this script's name, to find it when document.currentScript is not set;
   - selector: what a page must hold; ready: a global the feature sets, then nothing is loaded;
   - script, style: what to load; strings: the feature's interface strings (assets/i18n.js),
     run before the script; init: a global whose init() runs on every page once loaded
     (for features that do not follow document$ themselves);
   - fail: {target, mode, className, message}: what the page says when loading fails:
     mode "text" sets each target's text, "replace" replaces its content, "append" adds a paragraph. */
(function (spec) {
  "use strict";
  const self = document.currentScript || document.querySelector(`script[src*="academy/${spec.file}"]`);
  const base = self.src;
  let loading = null;
  // Added scripts with async off run in the order they were added: the strings before the script.
  function add(src) {
    return new Promise((resolve, reject) => {
      document.head.append(Object.assign(document.createElement("script"), { src: new URL(src, base).href, async: false, onload: resolve, onerror: reject }));
    });
  }
  function load() {
    if (spec.style) {
      document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: new URL(spec.style, base).href }));
    }
    return Promise.all([spec.strings ? add(spec.strings) : null, add(spec.script)]);
  }
  function failed() {
    loading = null;
    const { target, mode, className, message } = spec.fail;
    document.querySelectorAll(target).forEach((node) => {
      if (mode === "text") {
        node.textContent = message;
        return;
      }
      const p = document.createElement("p");
      if (className) p.className = className;
      p.textContent = message;
      if (mode === "replace") node.replaceChildren(p);
      else node.append(p);
    });
  }
  function init() {
    if (!document.querySelector(spec.selector) || (spec.ready && window[spec.ready])) return;
    loading = loading || load();
    loading.then(() => { if (spec.init) window[spec.init].init(); }, failed);
  }
  if (window.document$?.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})({});
