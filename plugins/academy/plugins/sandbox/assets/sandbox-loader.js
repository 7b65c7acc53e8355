/* mkdocs-academy: on every page, waits for a practice thread or the sandbox list and only then loads
   the practice script and style (sandbox.js, sandbox.css, next to this file), so other pages do not
   carry them. Material's instant navigation swaps pages without running their scripts: document$
   tells when a page is shown. */
(() => {
  "use strict";
  const self = document.currentScript || document.querySelector('script[src*="academy/sandbox-loader.js"]');
  const base = self.src;
  let loading = null;
  function init() {
    if (!document.querySelector("[data-academy-thread], [data-sandbox-list]")) return;
    loading = loading ?? new Promise((resolve, reject) => {
      const style = Object.assign(document.createElement("link"), { rel: "stylesheet", href: new URL("sandbox.css", base).href });
      const script = Object.assign(document.createElement("script"), { src: new URL("sandbox.js", base).href, onload: resolve, onerror: reject });
      document.head.append(style, script);
    });
    loading.then(() => window.academySandbox.init(), () => {
      loading = null;
      document.querySelectorAll("[data-academy-thread]").forEach((root) => {
        const p = document.createElement("p");
        p.className = "academy-thread__notice";
        p.textContent = "The practice thread could not be loaded. Check the connection and reload the page.";
        root.append(p);
      });
    });
  }
  if (window.document$?.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
