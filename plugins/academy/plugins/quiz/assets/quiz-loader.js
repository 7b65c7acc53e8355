/* mkdocs-academy: on every page, waits for a quiz (.academy-quiz) and only then loads quiz.js (next
   to this file), so pages without a quiz do not carry it. Material's instant navigation swaps pages
   without running their scripts: document$ tells when a page is shown; quiz.js itself then follows
   every later page change (document$ replays the current page to it when it subscribes). */
(() => {
  "use strict";
  const self = document.currentScript || document.querySelector('script[src*="academy/quiz-loader.js"]');
  const base = self.src;
  let loading = null;
  function init() {
    const quiz = document.querySelector(".academy-quiz[data-quiz]:not([data-ready])");
    if (!quiz || window.academyQuiz) return;
    loading = loading ?? new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement("script"), { src: new URL("quiz.js", base).href, onload: resolve, onerror: reject });
      document.head.append(script);
    });
    loading.catch(() => {
      loading = null;
      document.querySelectorAll(".academy-quiz .academy-quiz__end").forEach((end) => {
        end.textContent = "The quiz could not be loaded. Check the connection and reload the page.";
      });
    });
  }
  if (window.document$?.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
