/* mkdocs-academy: learner progress, catalogue filters, print button.
 * Progress lives in this browser only (localStorage), versioned so that a changed
 * curriculum never breaks it: unknown modules are kept but not shown.
 * Its words are the strings progress.script.* and catalogue.script.* of the site's language
 * (academy/i18n/strings/<language>.yml), which academy-strings.js, loaded before this script,
 * gives academyI18n; dates and numbers are in that language's format too. */
(function () {
  "use strict";
  const KEY = "academy.progress.v1";
  const VERSION = 1;
  const i18n = window.academyI18n;
  function t(key, values) { return i18n ? i18n.t("progress", key, values) : key; }
  function number(x) { return i18n ? i18n.number(x) : String(x); }

  function emptyStore() { return { version: VERSION, modules: {} }; }

  function valid(data) {
    if (!data || data.version !== VERSION || typeof data.modules !== "object" || data.modules === null || Array.isArray(data.modules)) return false;
    return Object.keys(data.modules).every(function (id) {
      const m = data.modules[id];
      return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) && m && typeof m.completed === "string" && !isNaN(Date.parse(m.completed)) &&
        (m.score === undefined || (typeof m.score === "number" && m.score >= 0 && m.score <= 100));
    });
  }

  function load() {
    try {
      const data = JSON.parse(localStorage.getItem(KEY));
      if (valid(data)) return data;
    } catch { /* unreadable storage counts as no progress */ }
    return emptyStore();
  }

  function save(store) {
    try { localStorage.setItem(KEY, JSON.stringify(store)); } catch { /* private mode: progress is not kept */ }
  }

  function markPassed(detail) {
    if (!detail || !detail.module) return;
    const store = load();
    const previous = store.modules[detail.module];
    const score = typeof detail.score === "number" ? detail.score : undefined;
    if (!previous || (score !== undefined && (previous.score === undefined || score > previous.score))) {
      store.modules[detail.module] = { completed: new Date().toISOString(), score: score, quiz: detail.quiz, hash: detail.hash };
      save(store);
    }
    render();
  }

  /* Dates in the site's language, not the browser's: "4 March 2026", "4 maart 2026". */
  function formatDate(iso) {
    const date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    const options = { year: "numeric", month: "long", day: "numeric" };
    try {
      return i18n.date(date, options);
    } catch {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(date);
    }
  }

  /* Scores as whole percents (the quiz keeps two decimals for scoring; people read 71%), rounded
   * down as the quiz shows them: a shown score never reaches a pass mark the exact one missed.
   * The number only: each string puts the percent sign where its language does ("71%", "71 %"). */
  function percent(score) { return number(Math.floor(score + 1e-9)); }

  /* The quiz's own record of attempts (quiz.js: localStorage "academy.quiz.v1.<quiz id>"). */
  function attempts(quizId) {
    if (!quizId) return [];
    try {
      const saved = JSON.parse(localStorage.getItem("academy.quiz.v1." + quizId));
      const history = saved && Array.isArray(saved.history) ? saved.history : [];
      return history.filter(function (h) { return h && typeof h.score === "number" && isFinite(h.score); });
    } catch { return []; }
  }

  function moduleOf(link) {
    const id = link.getAttribute("data-module-link");
    if (id) return id;
    const match = /\/workshops\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\/|\.html)?$/.exec(link.pathname || "");
    return match ? match[1] : null;
  }

  function check(text) {
    const span = document.createElement("span");
    span.className = "academy-check";
    span.setAttribute("data-academy-check", "");
    const hidden = document.createElement("span");
    hidden.className = "academy-sr";
    hidden.textContent = text;
    span.appendChild(hidden);
    return span;
  }

  function render() {
    const done = load().modules;
    document.querySelectorAll("[data-academy-check]").forEach(function (el) { el.remove(); });
    document.querySelectorAll(".md-nav a.md-nav__link, [data-module-link]").forEach(function (link) {
      const id = moduleOf(link);
      const isDone = !!(id && done[id]);
      link.classList.toggle("academy-done", isDone);
      if (isDone) link.appendChild(check(" " + t("completed")));
    });
    document.querySelectorAll("[data-module]").forEach(function (el) {
      el.classList.toggle("academy-done", !!done[el.getAttribute("data-module")]);
    });
    const status = document.querySelector("[data-progress-status]");
    if (status) {
      const entry = done[status.closest("[data-module]").getAttribute("data-module")];
      status.hidden = !entry;
      if (entry) {
        const date = formatDate(entry.completed);
        status.textContent = entry.score !== undefined
          ? t("completed_on_score", { date: date, score: percent(entry.score) })
          : t("completed_on", { date: date });
      }
    }
    renderProgressPage(done);
  }

  /* Practice threads of the sandbox (sandbox.js) show in a module's progress as practice: never as done. */
  const PRACTICE = "academy.sandbox.v1";
  function practised() {
    const found = {};
    try {
      const threads = (JSON.parse(localStorage.getItem(PRACTICE)) || {}).threads || {};
      Object.keys(threads).forEach(function (id) {
        const t = threads[id];
        if (t && typeof t.module === "string" && t.attempts > 0) found[t.module] = (found[t.module] || 0) + 1;
      });
    } catch { /* unreadable storage shows no practice */ }
    return found;
  }

  function renderProgressPage(done) {
    const practice = practised();
    document.querySelectorAll("[data-track-progress]").forEach(function (box) {
      const list = box.nextElementSibling;
      const items = list ? list.querySelectorAll("[data-module]") : [];
      let count = 0;
      items.forEach(function (item) {
        const entry = done[item.getAttribute("data-module")];
        if (entry) count += 1;
        const state = item.querySelector("[data-module-state]");
        if (!state) return;
        const tried = entry ? [] : attempts(item.getAttribute("data-quiz"));
        item.classList.toggle("academy-attempted", !entry && tried.length > 0);
        if (entry) {
          const date = formatDate(entry.completed);
          state.textContent = entry.score !== undefined
            ? t("done_score", { date: date, score: percent(entry.score) })
            : t("done", { date: date });
        } else if (tried.length) {
          const best = Math.max.apply(null, tried.map(function (h) { return h.score; }));
          const last = formatDate(tried[tried.length - 1].date);
          state.textContent = last ? t("attempted_last", { score: percent(best), date: last }) : t("attempted", { score: percent(best) });
        } else {
          state.textContent = t("not_started");
        }
        if (practice[item.getAttribute("data-module")]) state.textContent += " · " + t("practised");
      });
      box.querySelector("progress").value = count;
      box.querySelector("[data-track-count]").textContent = t("count", { done: number(count), total: number(items.length) });
    });
  }

  function message(text) {
    const el = document.querySelector("[data-progress-message]");
    if (el) el.textContent = text;
  }

  function setUpProgressPage() {
    const actions = document.querySelector("[data-progress-actions]");
    if (!actions || actions.getAttribute("data-ready")) return;
    actions.setAttribute("data-ready", "1");
    actions.hidden = false;
    actions.querySelector("[data-progress-export]").addEventListener("click", function () {
      const blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "academy-progress.json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      message(t("exported"));
    });
    actions.querySelector("[data-progress-import]").addEventListener("change", function (event) {
      const file = event.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        let data;
        try { data = JSON.parse(text); } catch { data = null; }
        if (!valid(data)) {
          message(t("not_an_export"));
          return;
        }
        const store = load();
        Object.keys(data.modules).forEach(function (id) {
          const mine = store.modules[id], theirs = data.modules[id];
          if (!mine || (theirs.score || 0) > (mine.score || 0)) store.modules[id] = theirs;
        });
        save(store);
        render();
        message(i18n ? i18n.n("progress", "imported", Object.keys(data.modules).length) : "imported");
      });
      event.target.value = "";
    });
    actions.querySelector("[data-progress-reset]").addEventListener("click", function () {
      if (!window.confirm(t("reset_confirm"))) return;
      save(emptyStore());
      render();
      message(t("reset_done"));
    });
  }

  function setUpCatalogue() {
    const form = document.querySelector("[data-catalogue-filters]");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    form.hidden = false;
    const cards = Array.prototype.slice.call(document.querySelectorAll("[data-catalogue] > [data-module]"));
    const count = document.querySelector("[data-catalogue-count]");
    const empty = document.querySelector("[data-catalogue-empty]");
    const params = new URLSearchParams(location.search);
    ["q", "track", "level", "format", "duration"].forEach(function (name) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    });
    function apply() {
      const q = form.elements.q.value.trim().toLowerCase();
      const f = { track: form.elements.track.value, level: form.elements.level.value, format: form.elements.format.value };
      const range = form.elements.duration.value.split("-").map(Number);
      let shown = 0;
      cards.forEach(function (card) {
        let ok = Object.keys(f).every(function (k) {
          if (!f[k]) return true;
          const value = card.getAttribute("data-" + k);
          return value === f[k] || (k === "format" && value === "both" && f[k] !== "both");
        });
        const minutes = Number(card.getAttribute("data-duration"));
        if (ok && range.length === 2) ok = minutes >= range[0] && minutes <= range[1];
        if (ok && q) ok = card.textContent.toLowerCase().indexOf(q) !== -1;
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = !i18n ? "" : shown === cards.length
        ? i18n.n("catalogue", "all", cards.length)
        : i18n.n("catalogue", "some", cards.length, { shown: number(shown) });
      empty.hidden = shown !== 0;
      const query = new URLSearchParams();
      ["q", "track", "level", "format", "duration"].forEach(function (name) {
        if (form.elements[name].value) query.set(name, form.elements[name].value);
      });
      const search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    const clear = document.querySelector("[data-catalogue-clear]");
    if (clear) clear.addEventListener("click", function (event) { event.preventDefault(); form.reset(); form.elements.q.focus(); });
    apply();
  }

  function setUpPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      if (button.getAttribute("data-ready")) return;
      button.setAttribute("data-ready", "1");
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* A wide table scrolls sideways in a wrapper Material adds: keyboard users must reach it (WCAG 2.1.1). */
  function focusableScrollAreas() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (area) {
      if (area.scrollWidth <= area.clientWidth) return;
      area.tabIndex = 0;
      area.setAttribute("role", "region");
      area.setAttribute("aria-label", t("table"));
    });
  }

  function init() {
    focusableScrollAreas();
    setUpCatalogue();
    setUpProgressPage();
    setUpPrint();
    render();
  }

  document.addEventListener("academy:quiz-passed", function (event) { markPassed(event.detail); });
  document.addEventListener("academy:practice", function () { render(); });
  window.addEventListener("storage", function (event) {
    const key = event.key || "";
    if (key === KEY || key === PRACTICE || key.indexOf("academy.quiz.v1.") === 0) render();  /* another tab */
  });
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);  /* Material's instant navigation swaps pages without a reload */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
