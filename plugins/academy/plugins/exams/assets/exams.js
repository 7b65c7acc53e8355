/* mkdocs-academy: on every page, waits for a certification assessment ([data-exam]) and only then
   loads its script and style (exam.js, exam.css, next to this file), so other pages do not carry
   them. Material's instant navigation swaps pages without running their scripts: document$ tells
   when a page is shown; exam.js itself then follows every later page change. */
(() => {
  "use strict";
  const self = document.currentScript || document.querySelector('script[src*="academy/exams.js"]');
  const base = self.src;
  let loading = null;
  function init() {
    const root = document.querySelector("[data-exam]:not([data-exam-ready])");
    if (!root || window.academyExam) return;
    loading = loading ?? new Promise((resolve, reject) => {
      document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: new URL("exam.css", base).href }));
      const script = Object.assign(document.createElement("script"), { src: new URL("exam.js", base).href, onload: resolve, onerror: reject });
      document.head.append(script);
    });
    loading.catch(() => {
      loading = null;
      const p = document.createElement("p");
      p.textContent = "The assessment could not be loaded. Check the connection and reload the page.";
      root.replaceChildren(p);
    });
  }
  if (window.document$?.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
