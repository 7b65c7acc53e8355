/* mkdocs-academy: on every page, waits for the verify form and only then loads the certificate
   checker (verifier.js, next to this file), so other pages do not carry it. Material's instant
   navigation swaps pages without running their scripts: document$ tells when a page is shown. */
(() => {
  "use strict";
  const self = document.currentScript || document.querySelector('script[src*="academy/verify.js"]');
  const src = new URL("verifier.js", self.src).href;
  let loading = null;
  function init() {
    const root = document.querySelector("[data-verify]:not([data-verify-ready])");
    if (!root) return;
    loading = loading ?? new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement("script"), { src, onload: resolve, onerror: reject });
      document.head.append(script);
    });
    loading.then(() => window.academyVerify.init(), () => {
      loading = null;
      const p = document.createElement("p");
      p.textContent = "The certificate checker could not be loaded. Check the connection and reload the page.";
      root.querySelector("[data-verify-result]")?.replaceChildren(p);
    });
  }
  if (window.document$?.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
