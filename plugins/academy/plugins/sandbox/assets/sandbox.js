/* Practice threads of mkdocs-academy: a mock social thread, a composer, simulated follow-ups and feedback.
 *
 * The checks and follow-up rules follow academy/core/thread.py rule for rule (in Node:
 * `require("sandbox.js")` exports them; tests/unit/test_thread_js.py holds both to one result).
 *
 * Contract with the rest of the site:
 * - Nothing leaves the browser: the only request is the thread's JSON (data-src).
 * - localStorage "academy.sandbox.v1": {version: 1, threads: {thread id: {module, attempts, best,
 *   total, done, date, rubric: [booleans], draft}}}. academy.js reads it to show practice on the
 *   progress page; it is practice and never counts towards a certificate.
 * - After each posted or edited reply: document event "academy:practice", detail {thread, module,
 *   passed, total}.
 * - All text from authors and learners goes in with textContent.
 * - Runs on every page Material's instant navigation shows (the loader calls init on document$).
 */
(function () {
  "use strict";

  /* ---- Rules (the same as academy/core/thread.py) ---- */

  const SPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  const normalize = (text) => String(text).replace(SPACE, " ").replace(/^ | $/g, "").toLowerCase();
  const WORD = /[a-z0-9]/;
  const length = (text) => Array.from(text).length;

  /** Whether a phrase stands in the text as whole words, case and spacing ignored. */
  function hasPhrase(text, phrase) {
    const hay = normalize(text), needle = normalize(phrase);
    if (!needle) return false;
    for (let start = hay.indexOf(needle); start !== -1; start = hay.indexOf(needle, start + 1)) {
      const end = start + needle.length;
      const before = !WORD.test(needle[0]) || start === 0 || !WORD.test(hay[start - 1]);
      const after = !WORD.test(needle[needle.length - 1]) || end === hay.length || !WORD.test(hay[end]);
      if (before && after) return true;
    }
    return false;
  }

  function found(text, pattern) {
    try { return new RegExp(pattern, "i").test(text); } catch { return false; }
  }

  /** One check against an attempt {reply, hidden: [comment ids], unfinishedDeleted}. */
  function passes(check, attempt) {
    const text = attempt.reply, v = check.value;
    switch (check.kind) {
      case "include": return v.some((p) => hasPhrase(text, p));
      case "exclude": return !v.some((p) => hasPhrase(text, p));
      case "match": return found(text, v);
      case "no_match": return !found(text, v);
      case "min_length": return length(text) >= v;
      case "max_length": return length(text) <= v;
      case "hide": return attempt.hidden.indexOf(v) !== -1;
      case "keep": return attempt.hidden.indexOf(v) === -1;
      case "delete_unfinished": return !!attempt.unfinishedDeleted;
    }
    return false;
  }

  function evaluate(thread, attempt) {
    const results = {};
    thread.checks.forEach((c) => { results[c.id] = passes(c, attempt); });
    return results;
  }

  /** The first follow-up rule whose condition holds, or null. */
  function followUp(thread, attempt) {
    const results = evaluate(thread, attempt);
    return thread.follow_ups.find((rule) => {
      const w = rule.when || {};
      return (w.passes || []).every((id) => results[id] === true) &&
        (w.fails || []).every((id) => results[id] === false) &&
        (!w.include || w.include.some((p) => hasPhrase(attempt.reply, p))) &&
        (!w.match || found(attempt.reply, w.match));
    }) || null;
  }

  /** Up to two initials and a stable hue for an avatar (render.py draws the same). */
  function initials(name) {
    const words = String(name).replace(/@/g, " ").split(/\s+/).filter((w) => /^[\p{L}\p{N}]/u.test(w));
    const picked = words.slice(0, 1).concat(words.slice(1).slice(-1));
    return picked.map((w) => Array.from(w)[0]).join("").toUpperCase() || "?";
  }
  function hue(name) {
    let value = 0;
    for (let i = 0; i < name.length; i++) value = (value * 31 + name.charCodeAt(i)) % 360;
    return value;
  }
  // Interface strings: sandbox-strings.js (the section sandbox.script of the build's language) runs
  // first; academy/plugins/sandbox/render.py reads the same keys for the page without JavaScript.
  const i18n = () => (typeof window !== "undefined" ? window.academyI18n : undefined);
  // `tr`, not `t`: in this file `t` is the thread, by long habit.
  const tr = (key, values) => (i18n() ? i18n().t("sandbox", key, values) : key);
  const n = (key, count, values) => (i18n() ? i18n().n("sandbox", key, count, values) : key);
  const num = (x) => (i18n() ? i18n().number(x) : String(x));

  /** A timestamp as a feed shows it, and as a screen reader should say it (render.py: `ago`). */
  function ago(minutes) {
    if (minutes < 1) return [tr("ago.now"), tr("ago.just_now")];
    if (minutes < 60) return [tr("ago.minutes_short", { count: num(minutes) }), n("ago.minutes", minutes)];
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return [tr("ago.hours_short", { count: num(hours) }), n("ago.hours", hours)];
    const days = Math.floor(hours / 24);
    return [tr("ago.days_short", { count: num(days) }), n("ago.days", days)];
  }

  const api = { normalize, hasPhrase, passes, evaluate, followUp, length, initials, hue, ago };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---- Storage ---- */

  const STORE = "academy.sandbox.v1";
  const EVENT = "academy:practice";
  const datas = new Map(); // JSON URL → promise of the thread; survives instant navigation

  function loadStore() {
    try {
      const data = JSON.parse(localStorage.getItem(STORE));
      if (data && data.version === 1 && data.threads && typeof data.threads === "object" && !Array.isArray(data.threads)) return data;
    } catch { /* unreadable storage counts as no practice */ }
    return { version: 1, threads: {} };
  }
  function saveStore(store) {
    try { localStorage.setItem(STORE, JSON.stringify(store)); } catch { /* private mode: practice is not kept */ }
  }
  function entry(store, id) {
    const e = store.threads[id];
    return e && typeof e === "object" ? e : null;
  }
  function update(id, change) {
    const store = loadStore();
    const e = entry(store, id) || { attempts: 0, best: 0, total: 0, done: false, rubric: [] };
    change(e);
    store.threads[id] = e;
    saveStore(store);
    return e;
  }

  /* ---- DOM helpers ---- */

  // The reactions with words in the strings files (reaction.<kind>.one/other); another kind shows its name.
  const REACTIONS = ["like", "love", "laugh", "angry", "sad", "repost"];
  const reaction = (kind, count) => (REACTIONS.includes(kind) ? n("reaction." + kind, count) : num(count) + " " + kind);
  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }
  function button(text, label, onClick, className) {
    const b = make("button", "academy-thread__action" + (className ? " " + className : ""), text);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }

  /* ---- One thread ---- */

  class Practice {
    constructor(root, thread) {
      this.root = root;
      this.t = thread;
      this.base = "thread-" + thread.id;
      this.hidden = new Set();
      this.reported = new Set();
      this.unfinished = thread.unfinished ? { text: thread.unfinished.text, minutes: thread.unfinished.minutes, edited: false } : null;
      this.reply = null; // {text, edited, minutes, reactions, followUps: []}
      this.unfinishedDeleted = false;
      this.editing = null; // "reply" or "unfinished" while its editor is open
      this.dms = [];
      this.timers = [];
      this.build();
    }

    person(key) {
      return this.t.people[key] || { name: key, handle: "" };
    }

    announce(text) {
      // Emptied first so that the same words are announced again.
      this.live.textContent = "";
      setTimeout(() => { this.live.textContent = text; }, 50);
    }

    build() {
      const t = this.t, root = this.root;
      this.feed = root.querySelector("[data-thread-feed]") || root.appendChild(make("div", "academy-thread__feed"));
      this.live = make("div", "academy-sr");
      this.live.setAttribute("role", "status");
      this.live.setAttribute("aria-live", "polite");
      this.live.setAttribute("aria-label", tr("updates"));
      this.counterLive = make("div", "academy-sr");
      this.counterLive.setAttribute("role", "status");
      this.counterLive.setAttribute("aria-live", "polite");
      this.counterLive.setAttribute("aria-label", tr("characters_left_label"));

      const form = make("form", "academy-thread__composer");
      form.noValidate = true;
      const id = this.base + "-reply";
      const label = make("label", "academy-thread__label", tr("your_reply_as", { name: t.role.name, handle: t.role.handle }));
      label.htmlFor = id;
      this.box = make("textarea", "academy-thread__input");
      this.box.id = id;
      this.box.rows = 4;
      this.box.setAttribute("aria-describedby", id + "-count");
      this.count = make("p", "academy-thread__count");
      this.count.id = id + "-count";
      this.error = make("p", "academy-thread__error");
      this.error.id = id + "-error";
      this.error.hidden = true;
      const post = make("button", "md-button md-button--primary", tr("post_reply"));
      post.type = "submit";
      form.append(label, this.box, this.count, this.error, post);
      form.addEventListener("submit", (event) => { event.preventDefault(); this.post(); });
      let pause = null;
      this.box.addEventListener("input", () => {
        this.counter();
        update(t.id, (e) => { e.draft = this.box.value; });
        clearTimeout(pause);
        pause = setTimeout(() => { this.counterLive.textContent = this.count.textContent; }, 900);
      });
      this.form = form;
      const saved = entry(loadStore(), t.id);
      if (saved && typeof saved.draft === "string") this.box.value = saved.draft;

      this.dmBox = make("section", "academy-thread__dms");
      this.dmBox.setAttribute("aria-label", tr("dms_label", { handle: t.role.handle }));
      this.dmBox.hidden = true;

      this.results = make("section", "academy-thread__results");
      this.results.setAttribute("aria-labelledby", this.base + "-feedback");
      this.results.hidden = true;

      this.previous = make("details", "academy-thread__previous");
      this.previous.hidden = !(saved && saved.attempts > 0);
      this.previous.append(make("summary", null, tr("tried_before")), this.modelNode());

      this.dialog = this.confirmDialog();
      root.append(this.form, this.previous, this.dmBox, this.results, this.live, this.counterLive, this.dialog);
      this.counter();
      this.draw();
    }

    counter() {
      const left = this.t.limit - length(this.box.value);
      this.count.textContent = left >= 0 ? n("left", left) : n("too_many", -left);
      this.count.classList.toggle("academy-thread__count--over", left < 0);
      this.count.classList.toggle("academy-thread__count--low", left >= 0 && left < this.t.limit / 10);
    }

    message(m, kind, extra) {
      const p = this.person(m.by);
      const article = make("article", "academy-thread__message academy-thread__message--" + kind);
      const avatar = make("span", "academy-thread__avatar", initials(p.name));
      avatar.setAttribute("aria-hidden", "true");
      avatar.style.setProperty("--academy-hue", String(hue(p.name)));
      const body = make("div", "academy-thread__body");
      const meta = make("p", "academy-thread__meta");
      const when = extra && extra.after != null
        ? [tr("after_short", { count: num(extra.after) }), n("after", extra.after)]
        : ago(m.minutes);
      const time = make("span", "academy-thread__time", when[0]);
      time.setAttribute("aria-label", when[1]);
      meta.append(make("span", "academy-thread__name", p.name), " ", make("span", "academy-thread__handle", p.handle), " · ", time);
      if (extra && extra.you) meta.append(" ", make("span", "academy-thread__you", tr("you")));
      if (extra && extra.edited) meta.append(" ", make("span", "academy-thread__edited", tr("edited")));
      body.append(meta, make("p", "academy-thread__text", m.text));
      const reactions = Object.keys(m.reactions || {}).filter((k) => m.reactions[k] > 0);
      if (reactions.length) {
        const list = make("ul", "academy-thread__reactions");
        list.setAttribute("aria-label", tr("reactions"));
        reactions.forEach((k) => list.append(make("li", "academy-thread__reaction", reaction(k, m.reactions[k]))));
        body.append(list);
      }
      article.append(avatar, body);
      return article;
    }

    /** Redraws the feed and focuses `focus` (a function of the new nodes) so keyboard users stay in place. */
    draw(focus) {
      const t = this.t;
      // Follow-ups may arrive while the learner edits: keep what they typed and where the focus was.
      const typing = this.editing && this.nodes && this.nodes.editBox ? this.nodes.editBox.value : null;
      const active = document.activeElement;
      const keep = active && this.feed.contains(active) ? (active.id ? "#" + CSS.escape(active.id) : active.getAttribute("aria-label")) : null;
      const list = make("ol", "academy-thread__comments");
      list.setAttribute("aria-label", tr("comments"));
      this.nodes = {};
      t.comments.forEach((c, i) => list.append(this.comment(c, i)));
      if (this.unfinished) list.append(this.mine("unfinished"));
      if (this.reply) list.append(this.mine("reply"));
      this.feed.replaceChildren(this.message(t.post, "post"), list);
      this.form.hidden = !!this.reply;
      if (typing !== null && this.nodes.editBox) this.nodes.editBox.value = typing;
      let target = focus ? focus(this.nodes) : null;
      if (!target && keep) {
        target = keep[0] === "#" ? this.feed.querySelector(keep) : this.feed.querySelector('[aria-label="' + CSS.escape(keep) + '"]');
      }
      if (target) target.focus();
    }

    comment(c, i) {
      const li = make("li", "academy-thread__item");
      const key = c.id || "c" + i;
      const name = this.person(c.by).name;
      // The same person may write twice: the first words tell the controls apart.
      const words = Array.from(c.text);
      const which = name + ": \u201c" + (words.length > 40 ? words.slice(0, 40).join("").replace(/\s+\S*$/, "") + "\u2026" : c.text) + "\u201d";
      if (this.hidden.has(key)) {
        const note = make("p", "academy-thread__placeholder", tr("hidden_note", { name: name }));
        const undo = button(tr("undo"), tr("undo_hide_label", { which: which }), () => {
          this.hidden.delete(key);
          this.announce(tr("visible_again", { name: name }));
          this.draw((n) => n["hide-" + key]);
          if (this.reply) this.feedback(true, true);
        });
        const actions = make("div", "academy-thread__actions");
        actions.append(undo);
        li.append(note, actions);
        this.nodes["undo-" + key] = undo;
        return li;
      }
      li.append(this.message(c, "comment"));
      const actions = make("div", "academy-thread__actions");
      const hide = button(tr("hide"), tr("hide_label", { which: which }), () => {
        this.hidden.add(key);
        this.announce(tr("hidden_announce", { name: name }));
        this.draw((n) => n["undo-" + key]);
        if (this.reply) this.feedback(true, true);
      });
      this.nodes["hide-" + key] = hide;
      actions.append(hide);
      if (this.reported.has(key)) {
        actions.append(make("span", "academy-thread__reported", tr("reported")));
        const undo = button(tr("undo_report"), tr("undo_report_label", { which: which }), () => {
          this.reported.delete(key);
          this.announce(tr("report_withdrawn", { name: name }));
          this.draw((n) => n["report-" + key]);
        });
        this.nodes["unreport-" + key] = undo;
        actions.append(undo);
      } else {
        const report = button(tr("report"), tr("report_label", { which: which }), () => {
          this.reported.add(key);
          this.announce(tr("reported_announce", { name: name }));
          this.draw((n) => n["unreport-" + key]);
        });
        this.nodes["report-" + key] = report;
        actions.append(report);
      }
      li.append(actions);
      return li;
    }

    /** The learner's own reply: `which` is "reply" (posted in this attempt) or "unfinished" (went out too early). */
    mine(which) {
      const t = this.t, r = which === "reply" ? this.reply : this.unfinished;
      const li = make("li", "academy-thread__item academy-thread__item--mine");
      const me = { by: "\u0000you", minutes: which === "unfinished" ? r.minutes : 0, text: r.text, reactions: r.reactions || {} };
      t.people["\u0000you"] = { name: t.role.name, handle: t.role.handle };
      const article = this.message(me, "mine", { you: true, edited: r.edited });
      article.tabIndex = -1;
      const mineKey = (stem) => stem + (which === "unfinished" ? "_unfinished" : "_reply");
      article.setAttribute("aria-label", tr(which === "unfinished" ? "your_unfinished" : "your_reply"));
      this.nodes[which] = article;
      li.append(article);
      if (this.editing === which) {
        li.append(this.editor(which, r));
      } else {
        const actions = make("div", "academy-thread__actions");
        const edit = button(tr("edit"), tr(mineKey("edit")), () => { this.editing = which; this.draw((n) => n.editBox); });
        const del = button(tr("delete"), tr(mineKey("delete")), () => this.askDelete(which));
        this.nodes["edit-" + which] = edit;
        this.nodes["delete-" + which] = del;
        actions.append(edit, del);
        li.append(actions);
      }
      if (which === "reply" && this.reply.followUps.length) {
        const replies = make("ol", "academy-thread__replies");
        replies.setAttribute("aria-label", tr("replies_label"));
        this.reply.followUps.forEach((f) => {
          const item = make("li", "academy-thread__item");
          item.append(this.message({ by: f.by, text: f.text, reactions: f.reactions }, "comment", { after: f.after }));
          replies.append(item);
        });
        li.append(replies);
      }
      return li;
    }

    editor(which, r) {
      const wrap = make("div", "academy-thread__editor");
      const id = this.base + "-edit";
      const mineKey = (stem) => stem + (which === "unfinished" ? "_unfinished" : "_reply");
      const label = make("label", "academy-thread__label", tr(mineKey("edit")));
      label.htmlFor = id;
      const box = make("textarea", "academy-thread__input");
      box.id = id;
      box.rows = 3;
      box.value = r.text;
      const save = button(tr("save"), tr(mineKey("save")), () => {
        const text = box.value;
        if (!text.trim() || length(text) > this.t.limit) {
          this.announce(!text.trim() ? tr("empty") : tr("over_limit", { limit: num(this.t.limit) }));
          box.focus();
          return;
        }
        this.editing = null;
        r.text = text;
        r.edited = true;
        if (which === "unfinished" && !this.reply) {
          // Completing the half-finished reply by editing it, instead of deleting it, is an attempt of its own.
          this.unfinished = null;
          this.submit(text, r);
          return;
        }
        this.draw((n) => n[which]);
        if (this.reply) this.feedback(true);
      });
      const cancel = button(tr("cancel"), tr("cancel_editing"), () => { this.editing = null; this.draw((n) => n["edit-" + which]); });
      wrap.append(label, box, save, cancel);
      this.nodes.editBox = box;
      return wrap;
    }

    confirmDialog() {
      const dialog = make("dialog", "academy-thread__dialog");
      const id = this.base + "-confirm";
      dialog.setAttribute("aria-labelledby", id);
      this.question = make("p");
      this.question.id = id;
      const yes = button(tr("delete"), null, () => { dialog.close("delete"); });
      const no = button(tr("cancel"), null, () => { dialog.close("cancel"); });
      dialog.append(this.question, yes, no);
      dialog.addEventListener("close", () => {
        if (dialog.returnValue === "delete") this.remove(this.deleting);
        else if (this.nodes["delete-" + this.deleting]) this.nodes["delete-" + this.deleting].focus();
      });
      return dialog;
    }

    askDelete(which) {
      this.deleting = which;
      this.question.textContent = which === "unfinished"
        ? tr("ask_delete_unfinished")
        : tr("ask_delete_reply");
      this.dialog.returnValue = "";
      if (typeof this.dialog.showModal === "function") this.dialog.showModal();
      else if (window.confirm(this.question.textContent)) this.remove(which);
    }

    remove(which) {
      if (which === "unfinished") {
        this.unfinished = null;
        this.unfinishedDeleted = true;
        this.announce(tr("unfinished_deleted") + (this.reply ? "" : " " + tr("write_complete")));
        if (this.reply) this.feedback(true, true);
      } else {
        this.stopTimers();
        this.reply = null;
        this.announce(tr("reply_deleted"));
      }
      this.draw((n) => (this.reply ? n.reply : this.box));
    }

    post() {
      const text = this.box.value;
      let problem = null;
      if (!text.trim()) problem = tr("write_first");
      else if (length(text) > this.t.limit) problem = n("over", length(text) - this.t.limit, { limit: num(this.t.limit) });
      this.error.hidden = !problem;
      this.error.textContent = problem || "";
      if (problem) {
        this.box.setAttribute("aria-invalid", "true");
        this.box.setAttribute("aria-describedby", this.count.id + " " + this.error.id);
        this.announce(problem);
        this.box.focus();
        return;
      }
      this.box.removeAttribute("aria-invalid");
      this.box.setAttribute("aria-describedby", this.count.id);
      this.submit(text, null);
    }

    /** What the checks look at: the reply, the comments hidden now, whether the unfinished reply is gone. */
    attempt(text) {
      return { reply: text, hidden: Array.from(this.hidden), unfinishedDeleted: !this.t.unfinished || this.unfinishedDeleted };
    }

    /** Posts `text` (`edited`: the half-finished reply, completed by an edit) and lets the thread react. */
    submit(text, edited) {
      this.stopTimers();
      const attempt = this.attempt(text);
      this.reply = { text: text, edited: !!edited, minutes: edited ? edited.minutes : 0, reactions: {}, followUps: [] };
      if (!edited) {
        this.box.value = "";
        this.counter();
        update(this.t.id, (e) => { e.draft = ""; });
      }
      this.draw((n) => n.reply);
      this.feedback(false);
      const rule = followUp(this.t, attempt);
      if (!rule) return;
      let delay = 0;
      rule.replies.forEach((f) => {
        delay += 1200;
        this.timers.push(setTimeout(() => this.arrive(f), delay));
      });
      const reactions = rule.reactions || {};
      if (Object.keys(reactions).length) {
        this.timers.push(setTimeout(() => {
          if (!this.reply) return;
          this.reply.reactions = reactions;
          this.draw();
          const said = Object.keys(reactions).filter((k) => reactions[k] > 0).map((k) => reaction(k, reactions[k]));
          this.announce(tr("got", { reactions: said.join(", ") }));
        }, delay + 1200));
      }
    }

    arrive(f) {
      const p = this.person(f.by);
      if (f.private) {
        this.dms.push(f);
        this.drawDms();
        this.announce(tr("new_dm", { name: p.name, text: f.text }));
        return;
      }
      if (!this.reply) return;
      this.reply.followUps.push(f);
      this.draw();
      this.announce(tr("replied", { name: p.name, text: f.text }));
    }

    drawDms() {
      const list = make("ol", "academy-thread__comments");
      this.dms.forEach((f) => {
        const li = make("li", "academy-thread__item");
        li.append(this.message({ by: f.by, text: f.text, reactions: f.reactions }, "dm", { after: f.after }));
        list.append(li);
      });
      const heading = make("h3", "academy-thread__subtitle", tr("dms_label", { handle: this.t.role.handle }));
      this.dmBox.replaceChildren(heading, list);
      this.dmBox.hidden = false;
    }

    stopTimers() {
      this.timers.forEach(clearTimeout);
      this.timers = [];
    }

    /** The checks' results, the rubric and the model reply; `edited`: a change to the posted attempt
     *  (an edit, a comment hidden), not a new one; `silent`: another announcement is under way. */
    feedback(edited, silent) {
      const t = this.t;
      const attempt = this.attempt(this.reply.text);
      const results = evaluate(t, attempt);
      const passed = t.checks.filter((c) => results[c.id]).length;
      const total = t.checks.length;
      const saved = update(t.id, (e) => {
        if (!edited) e.attempts = (e.attempts || 0) + 1;
        e.module = t.module;
        e.total = total;
        e.best = Math.max(e.best || 0, passed);
        e.done = !!e.done || passed === total;
        e.date = new Date().toISOString();
      });
      const heading = make("h3", "academy-thread__subtitle", tr("feedback"));
      heading.id = this.base + "-feedback";
      const checks = { passed: num(passed), checks: n("checks", total) };
      const summary = make("p", "academy-thread__summary",
        tr(passed === total ? "summary_done" : "summary", checks) + " " + tr("attempt", { n: num(saved.attempts) }));
      const list = make("ul", "academy-thread__checks");
      t.checks.forEach((c) => {
        const ok = results[c.id];
        const li = make("li", "academy-thread__check academy-thread__check--" + (ok ? "pass" : "fail"));
        const mark = make("span", "academy-thread__mark", ok ? "✓" : "✗");
        mark.setAttribute("aria-hidden", "true");
        li.append(mark, make("strong", null, tr(ok ? "passed" : "not_yet", { label: c.label })));
        if (!ok) li.append(make("span", "academy-thread__why", c.message));
        list.append(li);
      });
      const rubric = make("fieldset", "academy-thread__rubric");
      rubric.append(make("legend", null, tr("rubric")));
      t.rubric.forEach((statement, i) => {
        const id = this.base + "-rubric-" + i;
        const row = make("div", "academy-thread__tick");
        const box = make("input");
        box.type = "checkbox";
        box.id = id;
        box.checked = !!(saved.rubric && saved.rubric[i]);
        box.addEventListener("change", () => {
          update(t.id, (e) => { e.rubric = Array.isArray(e.rubric) ? e.rubric : []; e.rubric[i] = box.checked; });
        });
        const label = make("label", null, statement);
        label.htmlFor = id;
        row.append(box, label);
        rubric.append(row);
      });
      const again = button(tr("try_again"), null, () => this.reset(), "md-button");
      this.results.replaceChildren(heading, summary, list, rubric, this.modelNode(), again);
      this.results.hidden = false;
      this.previous.hidden = true;
      if (!silent) this.announce(tr(edited ? "edited_announce" : "posted_announce", checks));
      document.dispatchEvent(new CustomEvent(EVENT, { detail: { thread: t.id, module: t.module, passed: passed, total: total } }));
    }

    modelNode() {
      const box = make("div", "academy-thread__model");
      box.append(make("h4", "academy-thread__subtitle", tr("model")), make("blockquote", null, this.t.model.reply));
      if (this.t.model.why) box.append(make("p", null, this.t.model.why));
      return box;
    }

    reset() {
      this.stopTimers();
      this.hidden.clear();
      this.reported.clear();
      this.editing = null;
      this.reply = null;
      this.unfinishedDeleted = false;
      this.dms = [];
      this.dmBox.hidden = true;
      this.unfinished = this.t.unfinished ? { text: this.t.unfinished.text, minutes: this.t.unfinished.minutes, edited: false } : null;
      this.results.hidden = true;
      this.previous.hidden = false;
      this.error.hidden = true;
      this.draw();
      this.announce(tr("reset"));
      this.box.focus();
    }
  }

  /* ---- The sandbox page ---- */

  function renderList() {
    const items = document.querySelectorAll("[data-thread-item]");
    if (!items.length) return;
    const threads = loadStore().threads;
    let tried = 0, done = 0;
    items.forEach((item) => {
      const e = threads[item.getAttribute("data-thread-item")];
      const state = item.querySelector("[data-thread-state]");
      if (e && e.attempts > 0) {
        tried += 1;
        if (e.done) done += 1;
        state.textContent = e.done
          ? n("done_state", e.attempts, { total: num(e.total) })
          : n("tried_state", e.attempts, { best: num(e.best), total: num(e.total) });
      } else {
        state.textContent = tr("not_tried");
      }
      item.classList.toggle("academy-done", !!(e && e.done));
    });
    const summary = document.querySelector("[data-sandbox-summary]");
    if (summary) summary.textContent = tr("list_summary", { tried: num(tried), threads: n("threads", items.length), done: num(done) });
  }

  function init() {
    renderList();
    document.querySelectorAll("[data-academy-thread]:not([data-ready])").forEach((root) => {
      root.setAttribute("data-ready", "");
      const url = new URL(root.getAttribute("data-src"), location.href).href;
      if (!datas.has(url)) datas.set(url, fetch(url).then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); }));
      datas.get(url).then((thread) => { new Practice(root, JSON.parse(JSON.stringify(thread))); }, () => {
        datas.delete(url);
        root.append(make("p", "academy-thread__notice", tr("load_failed")));
      });
    });
  }

  window.addEventListener("storage", (event) => { if (event.key === STORE) renderList(); });
  window.academySandbox = Object.assign({ init: init }, api);
})();
