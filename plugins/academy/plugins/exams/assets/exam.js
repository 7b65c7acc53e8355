/* Certification assessments (exams): the learner's side. The page never scores. It draws the
 * learner's questions from assets/academy/exams/ID.json (no key in it) as specs/exam-format.md
 * says, records responses and seconds per question, and makes the certificate request (a JSON
 * file and an ACR1: code) that the hub scores. tests/unit/test_exam_js.py holds the draw to
 * Python's vectors. localStorage "academy.exam.v1.<id>": {attempts, current, done}. */
(function () {
  "use strict";

  /* ---- The draw and the request code (pure; also run in Node) ---- */

  // Python's str.strip() whitespace: the hub's seed for any address typed. \x1c-\x1f are in it.
  // eslint-disable-next-line no-control-regex
  const EDGE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
  const strip = (text) => String(text).replace(EDGE, "");
  const normalizeEmail = (email) => strip(email).toLowerCase();
  const seedOf = (examId, email, attempt) => examId + "\n" + normalizeEmail(email) + "\n" + String(attempt);
  const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  async function sha256hex(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /** `list` sorted by the rank of each element's parts: `parts(x)` gives the parts after the seed. */
  async function sortByRank(seed, list, parts) {
    const ranks = await Promise.all(list.map((x) => sha256hex([seed].concat(parts(x)).join("\n"))));
    return list.map((x, i) => [ranks[i], x]).sort((a, b) => compare(a[0], b[0])).map((pair) => pair[1]);
  }

  /** The questions a learner is asked, in the order asked, each with its shown orders of public ids:
   *  [{question, options, items, left, right}] (the lists a type does not use are empty). */
  async function drawExam(exam, email, attempt) {
    const seed = seedOf(exam.id, email, attempt);
    const modules = exam.modules.map((m) => m.id);
    const groups = new Map();
    for (const m of modules) {
      const mine = exam.questions.filter((q) => q.module === m);
      groups.set(m, await sortByRank(seed, mine, (q) => ["pick", q.id]));
    }
    const picked = [];
    for (let r = 0; picked.length < exam.draw && modules.some((m) => r < groups.get(m).length); r++) {
      for (const m of await sortByRank(seed, modules, (m) => ["round", String(r), m])) {
        if (r < groups.get(m).length && picked.length < exam.draw) picked.push(groups.get(m)[r]);
      }
    }
    const asked = await sortByRank(seed, picked, (q) => ["order", q.id]);
    const ids = (list) => (list || []).map((x) => x.id);
    return Promise.all(asked.map(async (q) => ({
      question: q,
      options: await sortByRank(seed, ids(q.options), (p) => ["option", q.id, p]),
      items: await sortByRank(seed, ids(q.items), (p) => ["item", q.id, p]),
      left: await sortByRank(seed, ids(q.left), (p) => ["left", q.id, p]),
      right: await sortByRank(seed, ids(q.right), (p) => ["right", q.id, p]),
    })));
  }

  async function pipe(bytes, stream) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
  }

  /** "ACR1:" + base64url (no padding) of the raw DEFLATE of the request's UTF-8 JSON. */
  async function encodeRequest(request) {
    const packed = await pipe(new TextEncoder().encode(JSON.stringify(request)), new CompressionStream("deflate-raw"));
    let binary = "";
    for (let i = 0; i < packed.length; i += 0x8000) binary += String.fromCharCode.apply(null, packed.subarray(i, i + 0x8000));
    return "ACR1:" + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  const api = { normalizeEmail, seedOf, sha256hex, drawExam, encodeRequest };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;
  window.academyExam = api;

  /* ---- Page ---- */

  // Interface strings: exam-strings.js (the section exam.script of the build's language) runs first.
  const t = (key, values) => (window.academyI18n ? window.academyI18n.t("exam", key, values) : key);
  const n = (key, count, values) => (window.academyI18n ? window.academyI18n.n("exam", key, count, values) : key);
  const num = (x) => (window.academyI18n ? window.academyI18n.number(x) : String(x));
  const when = (d) => (window.academyI18n ? window.academyI18n.date(d, { dateStyle: "long", timeStyle: "short" }) : d.toISOString());
  /** The string `key` as parts to append, with `node` (bold text, a link) where its `{slot}` is. */
  function around(key, values, slot, node) {
    const [before, after] = t(key, values).split(`{${slot}}`);
    return [before, node, after || ""];
  }
  const STORE = "academy.exam.v1.";
  const LEARNER = "academy.learner.v1";
  const PROGRESS = "academy.progress.v1";
  const files = new Map(); // exam URL → promise of the exam; survives instant navigation
  let active = null; // the exam on the page shown, to stop its clock when the page goes

  const all = (root, selector) => Array.from(root.querySelectorAll(selector));
  const own = (object, name) => Object.prototype.hasOwnProperty.call(object, name);
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const clock = (s) => Math.floor(s / 60) + ":" + String(Math.floor(s % 60)).padStart(2, "0");
  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }
  function button(text, className) {
    const node = make("button", "md-button " + (className || ""), text);
    node.type = "button";
    return node;
  }
  /** HTML the build rendered and escaped from the bank's Markdown (academy.core.exam.public_exam). */
  function rich(tag, className, html) {
    const node = make(tag, className);
    node.innerHTML = html;
    return node;
  }
  function plain(html) {
    const t = document.createElement("template");
    t.innerHTML = html;
    return t.content.textContent.trim();
  }
  function load(name) {
    try { return JSON.parse(localStorage.getItem(name)) || {}; } catch { return {}; }
  }
  function store(name, value) {
    try { localStorage.setItem(name, JSON.stringify(value)); } catch { /* private mode: kept for this visit */ }
  }
  function field(form, id, label, attributes, hint) {
    const p = make("p", "academy-quiz__field");
    const labelNode = make("label", null, label);
    labelNode.htmlFor = id;
    const input = make("input");
    Object.assign(input, { id: id, name: id }, attributes);
    p.append(labelNode, input);
    if (hint) {
      const small = make("span", "academy-exam__hint", hint);
      small.id = id + "-hint";
      input.setAttribute("aria-describedby", small.id);
      p.append(small);
    }
    form.append(p);
    return input;
  }

  /** Options to choose from: one (radio) or several (checkbox), in the drawn order. */
  function choose({ q, d, part, choices, byPid }, many) {
    const options = byPid(q.options);
    const ul = choices(many ? "checkbox" : "radio", d.options, (pid) => rich("span", null, options.get(pid).html));
    part.read = () => {
      const ticked = all(ul, "input:checked").map((input) => input.value);
      if (!many) return ticked.length ? ticked[0] : null;
      return ticked.length ? ticked.sort(compare) : null;
    };
    part.write = (r) => { const chosen = [].concat(r); all(ul, "input").forEach((input) => { input.checked = chosen.includes(input.value); }); };
  }

  /* How each question type is asked, by its `type:` (the types of academy/core/question_types.py;
   * tests/unit/test_question_registry.py holds the two to the same set, and the rest of the page
   * to asking a question's type nothing else). An entry draws the answer area into `node` and
   * gives `part` its `read()` (the response by public ids; null: not answered) and `write(r)`;
   * `part.seenIsAnswer`: the order shown is an answer as soon as the learner has seen it. */
  const TYPES = {
    single: (ask) => choose(ask, false),
    scenario: (ask) => {
      const { q, node, facts, hint, post } = ask;
      if (q.post) node.insertBefore(post(q.post), facts.nextSibling);
      hint(t("choose_reply"));
      choose(ask, false);
    },
    multiple: (ask) => {
      ask.hint(t("multiple_hint"));
      choose(ask, true);
    },
    true_false: ({ part, choices }) => {
      const ul = choices("radio", ["true", "false"], (v) => t(v));
      part.read = () => { const picked = ul.querySelector("input:checked"); return picked ? picked.value === "true" : null; };
      part.write = (r) => { all(ul, "input").forEach((input) => { input.checked = input.value === String(r); }); };
    },
    short_text: ({ node, base, part }) => {
      const p = make("p", "academy-quiz__answer");
      const label = make("label", null, t("your_answer"));
      const input = make("input");
      Object.assign(input, { type: "text", id: base + "-text", autocomplete: "off", autocapitalize: "off", spellcheck: false });
      label.htmlFor = input.id;
      p.append(label, " ", input);
      node.append(p);
      input.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
      part.read = () => (input.value.trim() ? input.value : null);
      part.write = (r) => { input.value = String(r); };
    },
    ordering: ({ q, d, node, part, hint, byPid, live }) => {
      const items = byPid(q.items);
      const help = hint(t("order_hint"));
      const ol = make("ol", "academy-quiz__order");
      ol.setAttribute("aria-describedby", help.id);
      const step = (pid) => {
        const li = make("li", "academy-quiz__step");
        li.dataset.item = pid;
        li.append(rich("span", "academy-quiz__step-text", items.get(pid).html));
        const text = plain(items.get(pid).html);
        for (const [arrow, where] of [["↑", "up"], ["↓", "down"]]) {
          const move = button(arrow, "academy-quiz__move");
          move.dataset.move = where;
          move.setAttribute("aria-label", t(where === "up" ? "move_up" : "move_down", { item: text }));
          li.append(move);
        }
        return li;
      };
      d.items.forEach((pid) => ol.append(step(pid)));
      node.append(ol);
      ol.addEventListener("click", (event) => {
        const move = event.target.closest("button[data-move]");
        if (!move) return;
        const li = move.closest("li");
        const where = move.dataset.move;
        const other = where === "up" ? li.previousElementSibling : li.nextElementSibling;
        if (other) { if (where === "up") other.before(li); else other.after(li); }
        li.querySelector(`[data-move="${where}"]`).focus(); // moving drops focus: give it back
        const steps = all(ol, "li");
        live.textContent = t("position", { item: plain(items.get(li.dataset.item).html), position: num(steps.indexOf(li) + 1), total: num(steps.length) });
        part.moved = true;
        part.onMove();
      });
      // The order shown is an answer too, once the learner has seen it; moving makes it theirs.
      part.seenIsAnswer = true;
      part.read = () => all(ol, "li").map((li) => li.dataset.item);
      part.write = (r) => {
        if (Array.isArray(r) && r.length === d.items.length && r.every((pid) => items.has(pid))) r.forEach((pid) => ol.append(ol.querySelector(`[data-item="${pid}"]`)));
      };
    },
    matching: ({ q, d, base, node, part, hint, byPid }) => {
      const left = byPid(q.left);
      const right = byPid(q.right);
      hint(t("match_hint"));
      const ul = make("ul", "academy-quiz__pairs");
      const selects = d.left.map((pid, j) => {
        const li = make("li", "academy-quiz__pair");
        const label = rich("label", null, left.get(pid).html);
        const select = make("select");
        select.id = `${base}-${j}`;
        select.dataset.left = pid;
        label.htmlFor = select.id;
        select.append(make("option", null, t("choose")));
        select.firstChild.value = "";
        d.right.forEach((rid) => { const o = make("option", null, plain(right.get(rid).html)); o.value = rid; select.append(o); });
        li.append(label, select);
        ul.append(li);
        return select;
      });
      node.append(ul);
      part.read = () => {
        const chosen = {};
        selects.forEach((s) => { chosen[s.dataset.left] = s.value || null; });
        return Object.values(chosen).some((v) => v !== null) ? chosen : null;
      };
      part.write = (r) => { selects.forEach((s) => { s.value = r && typeof r === "object" && right.has(r[s.dataset.left]) ? r[s.dataset.left] : ""; }); };
    },
  };

  function setup(root, exam) {
    const key = STORE + exam.id;
    const state = load(key);
    state.attempts = Array.isArray(state.attempts) ? state.attempts : [];
    const byId = new Map(exam.questions.map((q) => [q.id, q]));
    let platforms = {}; // display names, from the page (academy.plugins.quiz.render.PLATFORMS)
    try { platforms = JSON.parse(root.dataset.platforms || "{}"); } catch { /* the keys are shown */ }
    // What the interface calls the central team (site.yml hub_name); only ever inserted as text.
    const hubName = root.dataset.hubName || t("hub");
    const HubName = hubName.charAt(0).toUpperCase() + hubName.slice(1);
    const live = make("p", "academy-quiz__sr");
    live.setAttribute("aria-live", "polite");
    const view = make("div", "academy-exam__view");
    root.replaceChildren(view, live);
    const save = () => store(key, state);

    if (state.current) resume();
    else if (state.done && state.done.request) done(false);
    else intro();

    /* -- Before: who is taking it, which attempt -- */

    function attemptsOf(email) {
      const mine = state.attempts.filter((a) => a && a.email === normalizeEmail(email));
      return mine.sort((a, b) => compare(a.submitted, b.submitted));
    }

    function intro(message) {
      const learner = load(LEARNER);
      const cohort = new URLSearchParams(location.search).get("cohort");
      const form = make("form", "academy-exam__intro");
      const set = make("fieldset", "academy-exam__about");
      set.append(make("legend", null, t("about_you")));
      form.append(set);
      const name = field(set, "academy-exam-name", t("name"), { type: "text", required: true, autocomplete: "name", value: learner.name || "" });
      const email = field(set, "academy-exam-email", t("email"), { type: "email", required: true, autocomplete: "email", value: learner.email || "" },
        t("email_hint", { hub_capital: HubName }));
      const department = field(set, "academy-exam-department", t("department"), { type: "text", value: learner.department || "" });
      let group = null;
      if (cohort !== null) group = field(set, "academy-exam-cohort", t("cohort"), { type: "text", value: cohort });
      const info = make("p", "academy-exam__attempt");
      info.id = "academy-exam-attempt-info";
      info.setAttribute("aria-live", "polite");
      const other = make("details", "academy-exam__other");
      other.append(make("summary", null, t("other_browser")));
      const attempt = field(other, "academy-exam-attempt", t("attempt_number"), { type: "number", min: 1, step: 1, required: true },
        t("attempt_hint", { hub: hubName }));
      let edited = false;
      attempt.addEventListener("input", () => { edited = true; explain(); });
      email.addEventListener("input", () => { if (!edited) attempt.value = attemptsOf(email.value).length + 1; explain(); });
      attempt.value = attemptsOf(email.value).length + 1;
      form.append(info, other);
      const start = make("button", "md-button md-button--primary", t("start"));
      start.type = "submit";
      form.append(make("p", null, t("intro_note", { questions: n("questions", exam.draw) })), start);
      if (message) {
        const note = make("p", "academy-exam__notice", message);
        note.setAttribute("role", "alert");
        form.prepend(note);
      }

      function explain() {
        const number = Number(attempt.value);
        info.textContent = "";
        if (!Number.isInteger(number) || number < 1) return;
        const bold = make("strong", null, t("attempt_n", { n: num(number) }));
        info.append(...around(exam.max_attempts ? "will_be_max" : "will_be", { max: num(exam.max_attempts || 0) }, "attempt", bold));
        const previous = attemptsOf(email.value).pop();
        if (exam.max_attempts && number > exam.max_attempts) {
          info.append(" " + t("over_max", { hub_capital: HubName, attempts: n("attempts", exam.max_attempts) }));
        }
        if (previous && exam.wait_hours) {
          const next = new Date(Date.parse(previous.submitted) + exam.wait_hours * 3600 * 1000);
          if (next > new Date()) info.append(" " + t("wait_next", { last: when(new Date(previous.submitted)), hub: hubName, next: when(next) }));
        }
      }
      explain();

      form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (!form.reportValidity()) return;
        const person = { name: name.value.trim(), email: strip(email.value), department: department.value.trim() };
        store(LEARNER, Object.assign(load(LEARNER), person));
        start.disabled = true;
        begin(person, group ? group.value.trim() : "", Number(attempt.value)).catch(() => {
          start.disabled = false;
          intro(t("crypto"));
        });
      });
      view.replaceChildren(form);
    }

    async function begin(person, cohort, attempt) {
      const drawn = await drawExam(exam, person.email, attempt);
      state.current = {
        learner: person, cohort: cohort, attempt: attempt, started: now(),
        ids: drawn.map((d) => d.question.id),
        hashes: Object.fromEntries(drawn.map((d) => [d.question.id, d.question.hash])),
        answers: {}, seconds: {}, at: 0,
      };
      state.done = null;
      save();
      run(drawn, true);
    }

    /** A saved attempt continues only on the very questions it started with. */
    function resume() {
      const c = state.current;
      const ok = c && c.learner && Array.isArray(c.ids) && c.ids.every((id) => byId.has(id) && byId.get(id).hash === (c.hashes || {})[id]);
      const restart = (why) => { state.current = null; save(); intro(why); };
      if (!ok) return restart(t("changed"));
      drawExam(exam, c.learner.email, c.attempt).then((drawn) => {
        if (drawn.map((d) => d.question.id).join() !== c.ids.join()) return restart(t("changed"));
        run(drawn, false);
      }, () => intro(t("crypto")));
    }

    /* -- During: one question at a time, the time on each -- */

    function run(drawn, focus) {
      const c = state.current;
      c.answers = c.answers && typeof c.answers === "object" ? c.answers : {};
      c.seconds = c.seconds && typeof c.seconds === "object" ? c.seconds : {};
      c.seen = c.seen && typeof c.seen === "object" ? c.seen : {};
      const total = drawn.length;
      const box = make("div", "academy-exam__run");
      const head = make("p", "academy-exam__who");
      head.append(make("strong", null, t("attempt_head", { n: num(c.attempt) })), ` · ${c.learner.name} · ${c.learner.email}`);
      const nav = make("nav", "academy-exam__nav");
      nav.setAttribute("aria-label", t("questions_nav"));
      const navList = make("ol");
      nav.append(navList);
      const list = make("div", "academy-exam__questions");
      const pager = make("div", "academy-exam__pager");
      const previous = button(t("previous"));
      const next = button(t("next"));
      pager.append(previous, next);
      const end = make("div", "academy-exam__end");
      const status = make("div", "academy-exam__status");
      status.setAttribute("role", "status");
      const submit = make("button", "md-button md-button--primary", t("submit"));
      submit.type = "button";
      end.append(make("p", null, t("submit_note", { hub_capital: HubName })), status, submit);
      box.append(head, nav, list, pager, end);
      view.replaceChildren(box);

      const parts = drawn.map((d, i) => question(d, i, total));
      parts.forEach((part, i) => {
        list.append(part.node);
        const li = make("li");
        const go = button(num(i + 1), "academy-exam__jump");
        go.addEventListener("click", () => show(i, true));
        li.append(go);
        navList.append(li);
        part.jump = go;
      });

      let at = Math.min(Math.max(Number(c.at) || 0, 0), total - 1);
      let since = null; // when the clock of the question shown last started
      let ticks = 0;
      let confirming = false;

      function flush() {
        if (since === null) return;
        const t = Date.now();
        const id = c.ids[at];
        c.seconds[id] = (Number(c.seconds[id]) || 0) + (t - since) / 1000;
        since = t;
      }
      function leave() { flush(); save(); }
      function running() { return !document.hidden && active === controller; }
      function tick() {
        flush();
        if (since === null && running()) since = Date.now();
        parts[at].timer.textContent = clock(Number(c.seconds[c.ids[at]]) || 0);
        if (++ticks % 5 === 0) save();
      }
      function visibility() {
        if (document.hidden) { flush(); since = null; save(); } else if (active === controller) since = Date.now();
      }
      function show(i, move) {
        flush();
        at = i;
        c.at = i;
        c.seen[c.ids[i]] = true;
        // An order seen is an answer (the learner may agree with it); moving the items changes it.
        if (parts[i].seenIsAnswer && !(own(c.answers, c.ids[i]) && c.answers[c.ids[i]] !== null)) c.answers[c.ids[i]] = parts[i].read();
        parts.forEach((part, j) => {
          part.node.hidden = j !== i;
          if (j === i) part.jump.setAttribute("aria-current", "step");
          else part.jump.removeAttribute("aria-current");
        });
        previous.disabled = i === 0;
        next.disabled = i === total - 1;
        mark();
        tick();
        save();
        if (move) parts[i].node.focus();
      }
      function mark() {
        parts.forEach((part, j) => {
          const answered = own(c.answers, c.ids[j]) && c.answers[c.ids[j]] !== null;
          part.jump.classList.toggle("is-answered", answered);
          part.jump.setAttribute("aria-label", t(answered ? "jump_answered" : "jump_open", { n: num(j + 1) }));
        });
      }
      function keep(part) {
        const r = part.read();
        c.answers[part.id] = r;
        if (confirming) { confirming = false; submit.textContent = t("submit"); status.textContent = ""; }
        mark();
        save();
      }
      parts.forEach((part) => {
        part.node.addEventListener("change", () => keep(part));
        part.node.addEventListener("input", () => keep(part));
        part.onMove = () => keep(part);
        if (own(c.answers, part.id) && c.answers[part.id] !== null) part.write(c.answers[part.id]);
      });
      previous.addEventListener("click", () => show(Math.max(at - 1, 0), true));
      next.addEventListener("click", () => show(Math.min(at + 1, total - 1), true));
      submit.addEventListener("click", () => {
        const open = parts.filter((part) => !own(c.answers, part.id) || c.answers[part.id] === null).map((part) => part.number);
        if (open.length && !confirming) {
          confirming = true;
          submit.textContent = t("submit_anyway");
          status.textContent = n("unanswered", open.length, { list: open.map(num).join(", ") });
          return;
        }
        stop();
        finish(drawn);
      });

      const controller = {
        root: root,
        stop: stop,
      };
      function stop() {
        flush();
        since = null;
        clearInterval(timer);
        document.removeEventListener("visibilitychange", visibility);
        window.removeEventListener("pagehide", leave);
        if (active === controller) active = null;
        save();
      }
      if (active) active.stop();
      active = controller;
      const timer = setInterval(tick, 1000);
      document.addEventListener("visibilitychange", visibility);
      window.addEventListener("pagehide", leave);
      show(at, focus);
    }

    /** One question as a fieldset; `read()` gives the response by public ids (null: not answered). */
    function question(d, i, total) {
      const q = d.question;
      const base = `academy-exam-q${i + 1}`;
      const node = make("fieldset", "academy-quiz__question academy-exam__question");
      node.id = base;
      node.tabIndex = -1;
      node.hidden = true;
      node.dataset.question = q.id;
      node.dataset.type = q.type;
      const legend = make("legend", "academy-exam__legend", t("legend", { n: num(i + 1), total: num(total) }));
      legend.id = base + "-legend";
      const prompt = rich("div", "academy-quiz__prompt", q.prompt);
      prompt.id = base + "-prompt";
      node.setAttribute("aria-labelledby", `${legend.id} ${prompt.id}`);
      const facts = make("p", "academy-quiz__points academy-exam__facts");
      const timer = make("span", "academy-exam__clock", "0:00");
      timer.setAttribute("role", "timer");
      timer.id = base + "-time";
      facts.append(t("time_on", { points: n("points", q.points || 1) }), timer);
      node.append(legend, prompt, facts);
      const part = { id: q.id, node: node, timer: timer, number: i + 1, read: () => null, write: () => {}, seenIsAnswer: false };
      const hint = (text) => {
        const p = make("p", "academy-quiz__hint", text);
        p.id = base + "-hint";
        node.append(p);
        return p;
      };
      const choices = (type, ids, label) => {
        const ul = make("ul", "academy-quiz__options");
        ids.forEach((value, j) => {
          const li = make("li", "academy-quiz__option");
          const input = make("input");
          Object.assign(input, { type: type, id: `${base}-${j}`, name: base, value: value });
          const text = make("label");
          text.htmlFor = input.id;
          text.append(label(value));
          li.append(input, text);
          ul.append(li);
        });
        node.append(ul);
        return ul;
      };
      const byPid = (list) => new Map((list || []).map((x) => [x.id, x]));

      const ask = { q: q, d: d, base: base, node: node, facts: facts, part: part, hint: hint, choices: choices, byPid: byPid, live: live, post: post };
      if (own(TYPES, q.type)) TYPES[q.type](ask);
      return part;
    }

    function post(p) {
      const platform = platforms[p.platform] || p.platform || "";
      const figure = make("figure", "academy-post academy-post--" + String(p.platform || "").replace(/[^a-z0-9-]/g, ""));
      figure.setAttribute("aria-label", t("mock_post", { platform: platform, author: p.author || "" }));
      const head = make("div", "academy-post__head");
      const avatar = make("span", "academy-post__avatar", String(p.author || "?").slice(0, 1).toUpperCase());
      avatar.setAttribute("aria-hidden", "true");
      const who = make("span", "academy-post__who");
      who.append(make("span", "academy-post__author", p.author || ""));
      if (p.handle) who.append(" ", make("span", "academy-post__handle", p.handle));
      head.append(avatar, who, make("span", "academy-post__platform", platform));
      figure.append(head, rich("div", "academy-post__text", p.text || ""));
      if (p.context) {
        const caption = make("figcaption", "academy-post__context");
        caption.append(make("strong", null, t("context")), " ", rich("span", null, p.context));
        figure.append(caption);
      }
      return figure;
    }

    /* -- After: the certificate request, never a score -- */

    function practice() {
      const progress = load(PROGRESS);
      const out = {};
      const modules = progress && progress.modules && typeof progress.modules === "object" ? progress.modules : {};
      for (const m of exam.modules) {
        const entry = modules[m.id];
        if (entry && typeof entry.score === "number") out[m.id] = entry.score;
      }
      return out;
    }

    async function finish(drawn) {
      const c = state.current;
      const learner = { name: c.learner.name, email: c.learner.email };
      if (c.learner.department) learner.department = c.learner.department;
      const request = { format: "academy-request/1", certificate: exam.id, learner: learner };
      if (c.cohort) request.cohort = c.cohort;
      // The page's language (the build's, from the page): the hub issues the certificate in it.
      request.language = root.dataset.language || document.documentElement.lang || "en";
      request.attempt = c.attempt;
      request.started = c.started;
      request.submitted = now();
      const scores = practice();
      if (Object.keys(scores).length) request.practice = scores;
      request.questions = drawn.map((d) => {
        const id = d.question.id;
        const response = own(c.answers, id) ? c.answers[id] : null;
        return { id: id, hash: d.question.hash, response: response === undefined ? null : response, seconds: Math.round(Number(c.seconds[id]) || 0) };
      });
      let code = null;
      try { code = await encodeRequest(request); } catch { code = null; }
      state.attempts = state.attempts.concat({ email: normalizeEmail(learner.email), attempt: c.attempt, submitted: request.submitted }).slice(-50);
      state.done = { request: request, code: code };
      state.current = null;
      save();
      done(true);
    }

    function done(announce) {
      const request = state.done.request;
      const code = state.done.code;
      const box = make("div", "academy-exam__done");
      const heading = make("h3", "academy-exam__done-title", t("done_title", { hub: hubName }));
      heading.tabIndex = -1;
      const lead = make("p", null, t("done_lead", { n: num(request.attempt), when: when(new Date(request.submitted)), hub_capital: HubName, email: request.learner.email }));
      box.append(heading, lead);
      const steps = make("ol", "academy-exam__steps");

      const one = make("li");
      one.append(make("p", null, t("download_lead")));
      const download = button(t("download", { file: `request-${exam.id}-${request.attempt}.json` }), "md-button--primary");
      download.addEventListener("click", () => {
        const link = make("a");
        link.href = URL.createObjectURL(new Blob([JSON.stringify(request, null, 2)], { type: "application/json" }));
        link.download = `request-${exam.id}-${request.attempt}.json`;
        link.click(); // detached, so Material's instant navigation never sees the click
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      });
      one.append(download);
      steps.append(one);

      const two = make("li");
      if (code) {
        const label = make("label", null, t("code_label"));
        const area = make("textarea", "academy-exam__code");
        area.id = "academy-exam-code";
        area.readOnly = true;
        area.rows = 4;
        area.spellcheck = false;
        area.value = code;
        label.htmlFor = area.id;
        const copy = button(t("copy"));
        const copied = make("span", "academy-exam__copied");
        copied.setAttribute("role", "status");
        copy.addEventListener("click", () => {
          const fallback = () => { area.select(); try { document.execCommand("copy"); } catch { /* selected for Ctrl+C */ } };
          const ok = () => { copied.textContent = t("copied"); };
          if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(code).then(ok, () => { fallback(); ok(); });
          else { fallback(); ok(); }
        });
        two.append(label, area, copy, copied);
      } else {
        two.append(make("p", null, t("no_code")));
      }
      steps.append(two);

      const three = make("li");
      const hub = root.dataset.hub;
      if (hub) {
        const mail = make("a", null, hub);
        const subject = t("mail_subject", { title: exam.title, n: num(request.attempt) });
        const body = t("mail_body", { title: exam.title, n: num(request.attempt), code: code || t("mail_attached"), name: request.learner.name });
        mail.href = `mailto:${hub}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
        mail.className = "academy-exam__mail";
        three.append(...around("send_mail", { hub: hubName }, "address", mail));
      } else {
        three.append(t("send", { hub: hubName }));
      }
      steps.append(three);
      box.append(steps);

      const again = make("p", "academy-exam__again");
      if (exam.wait_hours) {
        const next = new Date(Date.parse(request.submitted) + exam.wait_hours * 3600 * 1000);
        again.append(t("next_attempt", { when: when(next) }) + " ");
      }
      const restart = button(t("new_attempt"));
      // The request stays saved (and shown after a reload) until the next attempt starts: it may not be sent yet.
      restart.addEventListener("click", () => { intro(); view.querySelector("input").focus(); });
      again.append(restart);
      box.append(again);
      view.replaceChildren(box);
      if (announce) heading.focus();
    }
  }

  function init(root) {
    root.dataset.examReady = "";
    const url = new URL(root.dataset.src, location.href).href;
    if (!files.has(url)) files.set(url, fetch(url, { cache: "no-cache" }).then((r) => (r.ok ? r.json() : Promise.reject(r.status))));
    files.get(url)
      .then((exam) => {
        if (exam.format !== "academy-exam/1") throw new Error("unknown format");
        setup(root, exam);
      })
      .catch(() => {
        files.delete(url);
        root.replaceChildren(make("p", null, t("load_failed")));
      });
  }

  function start() {
    // Instant navigation removed the page of a running exam: stop its clock and keep its state.
    if (active && !active.root.isConnected) active.stop();
    all(document, "[data-exam]:not([data-exam-ready])").forEach(init);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
