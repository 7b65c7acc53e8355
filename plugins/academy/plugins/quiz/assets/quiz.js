/* Self-scored quizzes of mkdocs-academy.
 *
 * Scoring follows academy/core/scoring.py rule for rule; tests/fixtures/scoring holds both
 * to the same results (in Node: `require("quiz.js")` exports the scoring functions).
 *
 * Contract with the rest of the site:
 * - On a passing submit: document event "academy:quiz-passed",
 *   detail {quiz, module (or null), score (percent), hash (the quiz's content hash)}.
 * - localStorage "academy.quiz.v1.<quiz id>": {answers: {question id: {h: question hash,
 *   r: response, c: checked, o: shown order}}, attempt: {draw: [question ids], submitted,
 *   completed}, history: [{score, passed, date, hash}]}. An answer whose h differs from the
 *   question's current hash is dropped, so an edit discards only that answer.
 * - Runs on every page Material's instant navigation shows (document$).
 * - Every word it shows is one of the strings quiz.script.* of academy/i18n/strings/<language>.yml,
 *   which quiz-strings.js (run before this script) gives academyI18n; numbers and dates are in the
 *   page's language too. Scoring does not depend on them (Node runs it without).
 */
(function () {
  "use strict";

  /* ---- Scoring (exact: fractions as [numerator, denominator]) ---- */

  const SPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  const normalize = (text) => String(text).replace(SPACE, " ").replace(/^ | $/g, "").toLowerCase();
  const gcd = (a, b) => (b ? gcd(b, a % b) : a);
  const frac = (n, d) => { const g = gcd(n, d) || 1; return [n / g, d / g]; };
  const isIndex = (v, size) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v < size;
  const own = (object, name) => Object.prototype.hasOwnProperty.call(object, name);

  /** Right when it equals an accepted answer or matches the pattern as a whole; blank never is. */
  function shortTextRight(q, answer) {
    const typed = normalize(answer);
    if (!typed) return false;
    if (q.accept.some((a) => normalize(a) === typed)) return true;
    if (!q.pattern) return false;
    try { return new RegExp("^(?:" + q.pattern + ")$", "i").test(typed); } catch { return false; }
  }

  const picked = (li) => li.querySelector("input:checked");
  const tick = (li, r) => {
    const chosen = [].concat(r).map(String);
    for (const input of li.querySelectorAll("input")) input.checked = chosen.includes(input.value);
  };
  /** Element i is right when it is item (or right-hand side) i. */
  const inPlace = (q, r) => frac(r.filter((v, i) => v === i).length, sizeOf(q));
  const none = () => {};
  /* The page's words (quiz.script.* in the language of the site, from quiz-strings.js) and numbers in
   * its format; in Node, which only scores, there are none. */
  const i18n = () => (typeof window !== "undefined" ? window.academyI18n : undefined);
  const t = (key, values) => (i18n() ? i18n().t("quiz", key, values) : key);
  const tn = (key, count, values) => (i18n() ? i18n().n("quiz", key, count, values) : key);
  const number = (x) => (i18n() ? i18n().number(x, { maximumFractionDigits: 2 }) : String(x));
  /** Put the elements `[attribute="i"]` of `selector` in the order `order`. */
  const reorder = (li, selector, attribute, order) => {
    const parent = li.querySelector(selector);
    order.forEach((i) => parent.append(li.querySelector(`[${attribute}="${i}"]`)));
  };
  /** After-answer notes of the types with one feedback for right and one for wrong. */
  const judged = (q, ui) => ui.box.append(ui.rich(q.feedback[ui.outcome === "right" ? "correct" : "incorrect"]));
  /** "2 of 4 steps in the right place.", before the feedback (`what`: the string saying it). */
  const placed = (q, r, ui, what) => {
    const right = valid(q, r) ? r.filter((v, i) => v === i).length : 0;
    ui.box.append(ui.make("p", null, t(what, { right: number(right), total: number(sizeOf(q)) })));
  };

  /** One right option among several: single choice ("answer") and scenario ("reply"). */
  function oneBest(noun) {
    return {
      size: (q) => q.options.length,
      valid: (q, r) => isIndex(r, sizeOf(q)),
      credit: (q, r) => [q.options[r].correct ? 1 : 0, 1],
      read: (q, li) => (picked(li) ? Number(picked(li).value) : null),
      write: (q, li, r) => tick(li, r),
      order: "options",
      prepare: none,
      place: (q, li, order) => reorder(li, ".academy-quiz__options", "data-option", order),
      explain: (q, li, r, ui) => {
        const best = q.options.findIndex((o) => o.correct);
        if (r !== null) {
          ui.note(t(`your_${noun}`, { option: ui.label(r) }), q.options[r].feedback);
          li.querySelector(`[data-option="${r}"]`).classList.add(ui.good(r === best));
        }
        if (r !== best && best >= 0) {
          ui.note(t(`best_${noun}`, { option: ui.label(best) }), q.options[best].feedback);
          li.querySelector(`[data-option="${best}"]`).classList.add("is-right");
        }
      },
    };
  }

  /* How each question type behaves here, by the name its entry in academy/core/question_types.py
   * gives (`behaviour`); the page never asks a question's type anything else. Scoring (also run
   * in Node): `size` counts what a response indexes, `valid` and `credit` score as the Python
   * scorer does (credit is called with valid responses only). Page: `read` takes the response
   * from the page (null when unanswered) and `write` puts a saved one back; `order` says whether
   * the shown order is shuffled ("options": when the quiz shuffles options; "always": never in the
   * answer's order; null: nothing to order), `place` shows that order; `prepare` adds the controls
   * the type needs once, `explain` writes the after-answer notes under the verdict (`ui`: the
   * feedback box, the outcome and the page's helpers). */
  const BEHAVIOURS = {
    choice: oneBest("answer"),
    scenario: oneBest("reply"),
    multiple: {
      size: (q) => q.options.length,
      valid: (q, r) => Array.isArray(r) && r.every((v) => isIndex(v, sizeOf(q))) && new Set(r).size === r.length,
      credit: (q, r) => {
        const right = q.options.filter((o) => o.correct).length;
        const hits = r.filter((i) => q.options[i].correct).length;
        const net = hits - (r.length - hits);
        return net > 0 && right ? frac(net, right) : [0, 1];
      },
      read: (q, li) => {
        const ticked = Array.from(li.querySelectorAll("input:checked"), (i) => Number(i.value)).sort((x, y) => x - y);
        return ticked.length ? ticked : null;
      },
      write: (q, li, r) => tick(li, r),
      order: "options",
      prepare: none,
      place: (q, li, order) => reorder(li, ".academy-quiz__options", "data-option", order),
      explain: (q, li, r, ui) => {
        for (const option of li.querySelectorAll("[data-option]")) {
          const i = Number(option.dataset.option);
          const ticked = (r || []).includes(i);
          const right = q.options[i].correct;
          option.classList.add(ui.good(ticked === right));
          const status = (right ? "right_" : "wrong_") + (ticked ? "ticked" : "left");
          ui.note(t(status, { option: ui.label(i) }), q.options[i].feedback);
        }
      },
    },
    true_false: {
      size: () => 0,
      valid: (q, r) => typeof r === "boolean",
      credit: (q, r) => [r === q.answer ? 1 : 0, 1],
      read: (q, li) => (picked(li) ? picked(li).value === "true" : null),
      write: (q, li, r) => tick(li, r),
      order: null,
      prepare: none,
      place: none,
      explain: (q, li, r, ui) => {
        judged(q, ui);
        ui.box.append(ui.make("p", null, t(q.answer ? "statement_true" : "statement_false")));
        if (r !== null) li.querySelector(`[data-option="${r}"]`).classList.add(ui.good(r === q.answer));
      },
    },
    short_text: {
      size: () => 0,
      valid: (q, r) => typeof r === "string",
      credit: (q, r) => [shortTextRight(q, r) ? 1 : 0, 1],
      read: (q, li) => {
        const text = li.querySelector("input").value;
        return text.trim() ? text : null;
      },
      write: (q, li, r) => { li.querySelector("input").value = r; },
      order: null,
      prepare: none,
      place: none,
      explain: (q, li, r, ui) => {
        judged(q, ui);
        if (ui.outcome !== "right") ui.box.append(ui.make("p", null, t("accepted", { answer: q.accept[0] })));
      },
    },
    ordering: {
      size: (q) => q.items,
      valid: (q, r) => {
        const n = sizeOf(q);
        return Array.isArray(r) && r.length === n && r.every((v) => isIndex(v, n)) && new Set(r).size === n;
      },
      credit: inPlace,
      read: (q, li) => Array.from(li.querySelectorAll("[data-item]"), (step) => Number(step.dataset.item)),
      write: none, // the saved order is the order `place` shows
      order: "always",
      prepare: (q, li, ui) => {
        for (const step of li.querySelectorAll("[data-item]")) {
          const text = step.textContent.trim();
          const up = ui.button("↑", "up", "academy-quiz__move");
          const down = ui.button("↓", "down", "academy-quiz__move");
          up.setAttribute("aria-label", t("move_up", { step: text }));
          down.setAttribute("aria-label", t("move_down", { step: text }));
          step.append(up, down);
        }
      },
      // The learner's order when they have one, else the shuffled one.
      place: (q, li, order, r) => reorder(li, ".academy-quiz__order", "data-item", valid(q, r) ? r : order),
      explain: (q, li, r, ui) => {
        placed(q, r, ui, "steps_placed");
        judged(q, ui);
        const steps = Array.from(li.querySelectorAll("[data-item]"));
        steps.forEach((step, i) => step.classList.add(ui.good(Number(step.dataset.item) === i)));
        if (ui.outcome !== "right") {
          const text = (i) => li.querySelector(`[data-item="${i}"] .academy-quiz__step-text`).textContent;
          ui.box.append(ui.make("p", null, t("right_order")));
          const ol = ui.make("ol");
          steps.forEach((step, i) => ol.append(ui.make("li", null, text(i))));
          ui.box.append(ol);
        }
      },
    },
    matching: {
      size: (q) => q.pairs,
      valid: (q, r) => {
        const n = sizeOf(q);
        return Array.isArray(r) && r.length === n && r.every((v) => v === null || isIndex(v, n));
      },
      credit: inPlace,
      read: (q, li) => {
        const chosen = Array.from(li.querySelectorAll("select"), (s) => (s.value === "" ? null : Number(s.value)));
        return chosen.some((v) => v !== null) ? chosen : null;
      },
      write: (q, li, r) => li.querySelectorAll("select").forEach((s, i) => { s.value = r[i] === null ? "" : String(r[i]); }),
      order: "always",
      prepare: none,
      // Every select shows the right-hand sides in the same shuffled order.
      place: (q, li, order) => {
        for (const select of li.querySelectorAll("select")) order.forEach((i) => select.append(select.querySelector(`option[value="${i}"]`)));
      },
      explain: (q, li, r, ui) => {
        placed(q, r, ui, "pairs_right");
        judged(q, ui);
        const ul = ui.make("ul");
        li.querySelectorAll(".academy-quiz__pair").forEach((pair, i) => {
          const ok = r !== null && r[i] === i;
          pair.classList.add(ui.good(ok));
          const right = pair.querySelector(`option[value="${i}"]`).textContent;
          ul.append(ui.make("li", null, `${pair.querySelector("label").textContent.trim()} → ${right}${ok ? " ✓" : ""}`));
        });
        ui.box.append(ul);
      },
    },
  };
  /* Question type → behaviour: the same as `behaviour` in academy/core/question_types.py
   * (tests/unit/test_question_registry.py holds the two to it). */
  const TYPES = {
    single: "choice",
    multiple: "multiple",
    true_false: "true_false",
    short_text: "short_text",
    ordering: "ordering",
    matching: "matching",
    scenario: "scenario",
  };
  const behaviour = (q) => (own(TYPES, q.type) ? BEHAVIOURS[TYPES[q.type]] : null);
  /** How many options, steps or right-hand sides a question's response indexes. */
  const sizeOf = (q) => behaviour(q).size(q);

  /** Whether a response has the form its question type takes. */
  function valid(q, r) {
    const b = behaviour(q);
    return b !== null && b.valid(q, r);
  }

  /** Share of the points a response earns, from [0, 1] to [1, 1]. */
  function credit(q, r) {
    return valid(q, r) ? behaviour(q).credit(q, r) : [0, 1];
  }

  /** Score the drawn questions (all when drawn is null): percent rounded down to 2 decimals. */
  function scoreAttempt(key, responses, drawn) {
    const byId = new Map(key.questions.map((q) => [q.id, q]));
    const questions = {};
    let earned = [0, 1];
    let available = 0;
    for (const id of drawn || key.questions.map((q) => q.id)) {
      const q = byId.get(id);
      if (!q) continue;
      const c = credit(q, own(responses, id) ? responses[id] : null);
      questions[id] = c;
      earned = frac(earned[0] * c[1] + q.points * c[0] * earned[1], earned[1] * c[1]);
      available += q.points;
    }
    const num = 10000 * earned[0];
    const den = earned[1] * available;
    return {
      percent: available ? (num - (num % den)) / den / 100 : 0,
      passed: available > 0 && 100 * earned[0] >= key.pass_mark * available * earned[1],
      earned: earned,
      available: available,
      questions: questions,
    };
  }

  // BEHAVIOURS and TYPES: for tests/unit/test_question_registry.py, which holds them to the registry.
  const api = { normalize, valid, credit, shortTextRight, scoreAttempt, BEHAVIOURS, TYPES };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;
  window.academyQuiz = api;

  /* ---- Page ---- */

  const STORE = "academy.quiz.v1.";

  /* Shown scores are whole percents, rounded down so that a shown score never reaches a pass mark
   * the exact one missed (79.99% shows as 79%, not 80%, with "not passed"). */
  function whole(percent) { return Math.floor(percent + 1e-9); }

  /* A date and time in the site's language, not the browser's. */
  function when(iso) {
    const options = { dateStyle: "long", timeStyle: "short" };
    try { return i18n().date(new Date(iso), options); } catch { return new Date(iso).toLocaleString(); }
  }
  const LEARNER = "academy.learner.v1";
  const EVENT = "academy:quiz-passed";
  const keys = new Map(); // key URL → promise of the key; survives instant navigation

  const all = (root, selector) => Array.from(root.querySelectorAll(selector));
  const range = (n) => Array.from({ length: n }, (_, i) => i);
  const clip = (text, n) => (text.length <= n ? text : text.slice(0, text.lastIndexOf(" ", n)) + "…");
  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }
  function shuffle(list) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }
  function button(text, action, className) {
    const node = make("button", "md-button " + (className || ""), text);
    node.type = "button";
    node.dataset.action = action;
    return node;
  }
  function load(name) {
    try { return JSON.parse(localStorage.getItem(name)) || {}; } catch { return {}; }
  }
  function store(name, value) {
    try { localStorage.setItem(name, JSON.stringify(value)); } catch { /* private mode: answers last the visit */ }
  }

  function setup(root, key) {
    const items = new Map(all(root, ".academy-quiz__item").map((li) => [li.dataset.question, li]));
    const qs = new Map(key.questions.filter((q) => items.has(q.id)).map((q) => [q.id, q]));
    const size = Math.min(key.pool || qs.size, qs.size);
    const list = root.querySelector(".academy-quiz__questions");
    const saved = load(STORE + key.id);
    const state = { answers: {}, attempt: saved.attempt || {}, history: Array.isArray(saved.history) ? saved.history : [] };
    // An answer counts only for the question as it was answered: an edit discards just that one.
    for (const [id, a] of Object.entries(saved.answers || {})) {
      if (!qs.has(id) || !a || a.h !== qs.get(id).hash) continue;
      if (own(a, "r") && !valid(qs.get(id), a.r)) delete a.r;
      state.answers[id] = a;
    }
    const draw = state.attempt.draw;
    if (!Array.isArray(draw) || draw.length !== size || new Set(draw).size !== size || !draw.every((id) => qs.has(id))) {
      newAttempt();
    } else if (!draw.every((id) => own(state.answers, id) && state.answers[id].c)) {
      state.attempt.submitted = false;
    }

    const sr = make("p", "academy-quiz__sr");
    sr.setAttribute("aria-live", "polite");
    const submitButton = button(t("submit"), "submit", "md-button--primary");
    const retryButton = button(t("retry"), "retry");
    const controls = make("div", "academy-quiz__controls");
    controls.append(submitButton, retryButton);
    const result = make("div", "academy-quiz__result");
    result.setAttribute("role", "status");
    result.setAttribute("aria-live", "polite");
    result.tabIndex = -1;
    const record = make("div");
    const history = make("div");
    root.querySelector(".academy-quiz__end").append(result, record, controls, history, sr);

    for (const [id, li] of items) {
      const q = qs.get(id);
      const check = make("div", "academy-quiz__actions");
      check.append(button(t("check"), "check"));
      li.querySelector(".academy-quiz__feedback").before(check);
      if (q) behaviour(q).prepare(q, li, { button: button });
    }
    arrange();

    root.addEventListener("click", (event) => {
      const target = event.target.closest("button[data-action]");
      if (!target || !root.contains(target)) return;
      const li = target.closest(".academy-quiz__item");
      const action = target.dataset.action;
      if (action === "check") check(li.dataset.question, true);
      else if (action === "submit") submit();
      else if (action === "retry") retry();
      else if (action === "up" || action === "down") move(li, target.closest("[data-item]"), action);
    });
    const remember = (event) => {
      const li = event.target.closest(".academy-quiz__item");
      if (li && qs.has(li.dataset.question)) keep(li.dataset.question);
    };
    root.addEventListener("change", remember);
    root.addEventListener("input", remember);
    root.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches(".academy-quiz__item input[type=text]")) {
        event.preventDefault();
        check(event.target.closest(".academy-quiz__item").dataset.question, true);
      }
    });

    function save() { store(STORE + key.id, state); }
    function entry(id) {
      if (!own(state.answers, id)) state.answers[id] = { h: qs.get(id).hash };
      return state.answers[id];
    }

    function newAttempt() {
      let ids = Array.from(qs.keys());
      if (size < ids.length) {
        const chosen = new Set(shuffle(ids.slice()).slice(0, size));
        ids = ids.filter((id) => chosen.has(id));
      }
      if (key.shuffle.questions) shuffle(ids);
      state.attempt = { draw: ids, submitted: false };
      state.answers = {};
    }

    /** The shown order of options, steps or right-hand sides; kept with the answer. */
    function layout(q) {
      const a = entry(q.id);
      const order = behaviour(q).order;
      if (!order) return null;
      const n = sizeOf(q);
      if (Array.isArray(a.o) && a.o.length === n && new Set(a.o).size === n) return a.o;
      if (order === "options" && !key.shuffle.options) return null;
      a.o = shuffle(range(n));
      // Steps and right-hand sides ("always") are never shown in the answer's order.
      if (order === "always" && n > 1 && a.o.every((v, i) => v === i)) a.o.push(a.o.shift());
      return a.o;
    }

    function arrange() {
      for (const li of items.values()) li.hidden = true;
      for (const id of state.attempt.draw) {
        const q = qs.get(id);
        const li = items.get(id);
        li.hidden = false;
        list.append(li);
        const order = layout(q);
        const a = entry(id);
        if (order) behaviour(q).place(q, li, order, a.r);
        if (own(a, "r")) write(q, li, a.r);
        li.querySelector("details").hidden = !a.c;
        if (a.c) { lock(li); feedback(q, li); }
      }
      save();
      if (state.attempt.submitted) finish(false);
      else showControls();
      showHistory();
    }

    function read(q, li) { return behaviour(q).read(q, li); }
    function write(q, li, r) { behaviour(q).write(q, li, r); }

    function keep(id) {
      const a = entry(id);
      if (a.c) return;
      const r = read(qs.get(id), items.get(id));
      if (r === null) delete a.r;
      else a.r = r;
      save();
    }

    function move(li, step, direction) {
      const q = qs.get(li.dataset.question);
      const other = direction === "up" ? step.previousElementSibling : step.nextElementSibling;
      if (other) {
        if (direction === "up") other.before(step);
        else other.after(step);
      }
      // Moving an element drops its focus: give it back so the keyboard can keep going.
      step.querySelector(`[data-action="${direction}"]`).focus();
      const steps = all(li, "[data-item]");
      const text = step.textContent.replace(/[↑↓]/g, "").trim();
      sr.textContent = t("position", { step: text, position: number(steps.indexOf(step) + 1), total: number(steps.length) });
      keep(q.id);
    }

    function lock(li) {
      for (const control of all(li, "input, select, .academy-quiz__move")) control.disabled = true;
      li.querySelector(".academy-quiz__actions").hidden = true;
    }

    function check(id, focus) {
      const li = items.get(id);
      const a = entry(id);
      if (a.c) return;
      const r = read(qs.get(id), li);
      const box = li.querySelector(".academy-quiz__feedback");
      if (r === null && focus) {
        box.textContent = t("answer_first");
        box.focus();
        return;
      }
      if (r === null) delete a.r;
      else a.r = r;
      a.c = true;
      save();
      lock(li);
      feedback(qs.get(id), li);
      if (focus) box.focus();
    }

    function rich(text) {
      const node = make("div", "academy-quiz__rich");
      if (key.html) node.innerHTML = text; // HTML the build rendered from the quiz's Markdown
      else node.textContent = text;
      return node;
    }

    function note(box, title, text) {
      const part = make("div", "academy-quiz__note");
      part.append(make("p", "academy-quiz__note-title", title));
      if (text) part.append(rich(text));
      box.append(part);
    }

    function feedback(q, li) {
      const a = entry(q.id);
      const r = own(a, "r") ? a.r : null;
      const c = credit(q, r);
      const outcome = c[0] === c[1] ? "right" : c[0] ? "partial" : "wrong";
      const box = li.querySelector(".academy-quiz__feedback");
      const label = (i) => li.querySelector(`label[for="${li.id}-${i}"]`).textContent.trim();
      li.dataset.result = outcome;
      box.textContent = "";
      const verdict = make("p", "academy-quiz__verdict");
      const word = { right: "right", partial: "partial", wrong: r === null ? "unanswered" : "wrong" };
      verdict.append(make("strong", null, t(word[outcome])), " " + tn("earned", q.points, { earned: number((q.points * c[0]) / c[1]) }));
      box.append(verdict);
      const good = (ok) => (ok ? "is-right" : "is-wrong");
      const ui = { box: box, outcome: outcome, label: label, good: good, make: make, rich: rich, note: (title, text) => note(box, title, text) };
      behaviour(q).explain(q, li, r, ui);
      const details = li.querySelector("details");
      details.hidden = false;
      details.open = true;
    }

    function responses() {
      const out = {};
      for (const id of state.attempt.draw) if (own(state.answers, id) && own(state.answers[id], "r")) out[id] = state.answers[id].r;
      return out;
    }

    function submit() {
      for (const id of state.attempt.draw) check(id, false);
      const score = scoreAttempt(key, responses(), state.attempt.draw);
      state.attempt.submitted = true;
      state.attempt.completed = new Date().toISOString();
      state.history = state.history.concat({ score: score.percent, passed: score.passed, date: state.attempt.completed, hash: key.hash }).slice(-50);
      save();
      finish(true);
      showHistory();
      if (score.passed) {
        const detail = { quiz: key.id, module: root.dataset.module || null, score: score.percent, hash: key.hash };
        document.dispatchEvent(new CustomEvent(EVENT, { detail: detail }));
      }
    }

    function finish(announce) {
      const score = scoreAttempt(key, responses(), state.attempt.draw);
      submitButton.hidden = true;
      retryButton.hidden = false;
      result.textContent = "";
      const line = make("p", "academy-quiz__score");
      line.append(make("strong", null, t("score", { score: number(whole(score.percent)) })),
        " " + t(score.passed ? "passed" : "not_passed", { mark: number(key.pass_mark) }));
      result.append(line);
      result.dataset.passed = String(score.passed);
      const revisit = state.attempt.draw.filter((id) => score.questions[id][0] !== score.questions[id][1]);
      if (revisit.length) {
        result.append(make("p", null, t("revisit")));
        const ul = make("ul", "academy-quiz__revisit");
        for (const id of revisit) {
          const prompt = items.get(id).querySelector(".academy-quiz__prompt").textContent.trim();
          const link = make("a", null, t("question", { number: number(state.attempt.draw.indexOf(id) + 1), prompt: clip(prompt, 90) }));
          link.href = "#" + items.get(id).id;
          const li = make("li");
          li.append(link);
          ul.append(li);
        }
        result.append(ul);
      }
      record.textContent = "";
      if (score.passed && root.dataset.record !== "off") record.append(recordForm(score));
      if (announce) result.focus();
    }

    function recordForm(score) {
      const form = make("form", "academy-quiz__record");
      const learner = load(LEARNER);
      form.append(make("p", null, t("record")));
      const field = (name, label, type, auto) => {
        const id = `${root.id}-${name}`;
        const p = make("p", "academy-quiz__field");
        const labelNode = make("label", null, label);
        labelNode.htmlFor = id;
        const input = make("input");
        Object.assign(input, { id: id, name: name, type: type, required: true, autocomplete: auto, value: learner[name] || "" });
        p.append(labelNode, input);
        form.append(p);
        return input;
      };
      const name = field("name", t("name"), "text", "name");
      const email = field("email", t("email"), "email", "email");
      const go = make("button", "md-button md-button--primary", t("download"));
      go.type = "submit";
      form.append(go);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (!form.reportValidity()) return;
        const person = { name: name.value.trim(), email: email.value.trim() };
        store(LEARNER, person);
        const data = {
          format: "academy-completion/1",
          learner: person,
          module: root.dataset.module || null,
          quiz: { id: key.id, hash: key.hash },
          questions: state.attempt.draw,
          responses: responses(),
          score: score.percent,
          passed: score.passed,
          completed: state.attempt.completed,
        };
        const link = make("a");
        link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
        link.download = `completion-${key.id}.json`;
        link.click(); // detached, so Material's instant navigation never sees the click
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      });
      return form;
    }

    function showControls() {
      submitButton.hidden = false;
      retryButton.hidden = true;
      result.textContent = "";
      record.textContent = "";
    }

    function showHistory() {
      history.textContent = "";
      if (!state.history.length) return;
      const details = make("details", "academy-quiz__history");
      details.append(make("summary", null, t("attempts", { count: number(state.history.length) })));
      const ul = make("ul");
      for (const h of state.history.slice().reverse()) {
        ul.append(make("li", null, t(h.passed ? "attempt_passed" : "attempt_failed", { date: when(h.date), score: number(whole(h.score)) })));
      }
      details.append(ul);
      history.append(details);
    }

    function retry() {
      newAttempt();
      for (const li of items.values()) {
        delete li.dataset.result;
        for (const control of all(li, "input, select, .academy-quiz__move")) control.disabled = false;
        for (const input of all(li, "input")) { input.checked = false; input.value = input.type === "text" ? "" : input.value; }
        for (const select of all(li, "select")) select.value = "";
        for (const node of all(li, ".is-right, .is-wrong")) node.classList.remove("is-right", "is-wrong");
        li.querySelector(".academy-quiz__feedback").textContent = "";
        li.querySelector(".academy-quiz__actions").hidden = false;
        li.querySelector("details").open = false;
      }
      arrange();
      sr.textContent = tn("new_attempt", size);
      const first = items.get(state.attempt.draw[0]).querySelector("input, select, button");
      if (first) first.focus();
    }
  }

  function init(root) {
    root.dataset.ready = "";
    const url = new URL(root.dataset.key, location.href).href;
    // The page and its key come from the same build; after a rebuild, refetch a stale key.
    const get = (mode) => fetch(url, { cache: mode }).then((r) => (r.ok ? r.json() : Promise.reject(r.status)));
    if (!keys.has(url)) keys.set(url, get("no-cache"));
    keys.get(url)
      .then((key) => (key.hash === root.dataset.hash ? key : keys.set(url, get("reload")).get(url)))
      .then((key) => setup(root, key))
      .catch(() => {
        keys.delete(url);
        const end = root.querySelector(".academy-quiz__end");
        end.textContent = t("key_failed");
      });
  }

  const start = () => all(document, ".academy-quiz[data-quiz]:not([data-ready])").forEach(init);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
