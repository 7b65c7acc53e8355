/* mkdocs-academy: on every page, waits for the verify form and only then loads the certificate
   checker (verifier.js, next to this file), so other pages do not carry it. Its strings, in the
   page's language, come first (verify-strings.js: academyI18n, section verify.script). Material's
   instant navigation swaps pages without running their scripts: document$ tells when a page is shown. */
(() => {
  "use strict";
  const self = document.currentScript || document.querySelector('script[src*="academy/verify.js"]');
  // Now, not later: after instant navigation a relative src would resolve against another page.
  const strings = new URL("verify-strings.js", self.src).href, checker = new URL("verifier.js", self.src).href;
  const load = (src) => new Promise((resolve, reject) => {
    document.head.append(Object.assign(document.createElement("script"), { src, onload: resolve, onerror: reject }));
  });
  let loading = null;
  function init() {
    const root = document.querySelector("[data-verify]:not([data-verify-ready])");
    if (!root) return;
    loading = loading ?? load(strings).then(() => load(checker));
    loading.then(() => window.academyVerify.init(), () => {
      loading = null;
      const p = document.createElement("p");
      p.textContent = root.dataset.loadFailed;  // the page's language (certificates/page.py)
      root.querySelector("[data-verify-result]")?.replaceChildren(p);
    });
  }
  if (window.document$?.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
