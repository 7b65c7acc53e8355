/* mkdocs-academy certificate checker, loaded by verify.js on the verify page only.
   Checks a certificate in this browser, with no server, by the rules, steps and verdicts of
   `academy verify` (academy/credentials/verify/verifier.py): format → schema → proof → issuer → key →
   signature → key validity → dates → status; the first failure decides. Certificate text
   reaches the page through textContent only. Also runs in Node (tests/unit/test_verify_js.py).
   It checks the eddsa-jcs-2022 proof; an eddsa-rdfc-2022 proof needs JSON-LD processing, which
   only `academy verify` carries, so the page names it as not checked. */
(() => {
  "use strict";
  const VC = "https://www.w3.org/ns/credentials/v2", SUITE = "eddsa-jcs-2022", PROOF = "DataIntegrityProof";
  const PURPOSE = "assertionMethod", ENTRY = "BitstringStatusListEntry", MIN_BITS = 131072;
  const MAX_BYTES = 16 << 20, MAX_DOWNLOAD = 4 << 20, T = "tampered", U = "unknown-issuer", C = "cannot-check";
  const N = "not-a-certificate", UP = "unsupported-proof", MAX_INPUT = 8 << 20, MAX_DEPTH = 64, SKEW = 300e6;
  const JWT = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;
  const STEPS = ["format", "schema", "proof", "issuer", "key", "signature", "key validity", "dates", "status"];
  const DT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:Z|([+-])(\d\d):(\d\d))$/;
  // Schema patterns as Python's `re` reads them: \d is any decimal digit, and $ allows a final \n.
  const SDT = /^\p{Nd}{4}-\p{Nd}{2}-\p{Nd}{2}T\p{Nd}{2}:\p{Nd}{2}:\p{Nd}{2}(\.\p{Nd}{1,9})?(Z|[+-]\p{Nd}{2}:\p{Nd}{2})$/u;
  const OB3 = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\p{Nd}\.\p{Nd})*\.json$/u;
  const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, HTTP = /^https?:\/\//;
  const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  const PYSPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";  // str.isspace()
  const RSTRIP = RegExp(PYSPACE + "$"), STRIP = RegExp(`^${PYSPACE}|${PYSPACE}$`, "g");
  const utf8 = new TextEncoder(), NOT_OB3 = " is missing or not as Open Badges 3.0 requires";

  // A detail is English text, or say(key, values, English): the page shows verify.script.detail.<key>
  // with the values (which may be say()s too) in its language; `detail` stays the English of academy verify.
  const say = (key, values, english) => ({ key, values, english });
  const isSay = (v) => isObj(v) && has(v, "english");
  const said = (d) => (isSay(d) ? { detail: d.english, key: d.key, values: d.values } : { detail: d });
  const again = (e) => (e?.key ? say(e.key, e.values, e.detail) : e?.said ?? String(e?.detail || e?.message || e));
  const fail = (key, values, english) => Object.assign(new Error(english), { said: say(key, values, english) });
  class Stop {
    constructor(verdict, step, detail) { Object.assign(this, { verdict, step }, said(detail)); }
  }
  const stop = (verdict, step, detail) => { throw new Stop(verdict, step, detail); };
  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const isStr = (v) => typeof v === "string";
  const has = (o, k) => isObj(o) && Object.prototype.hasOwnProperty.call(o, k);
  const list = (v) => (v == null ? [] : Array.isArray(v) ? v : [v]);
  const without = (o, k) => { const c = { ...o }; delete c[k]; return c; };
  const show = (v) => (v == null ? "missing" : JSON.stringify(v).slice(0, 80));
  const text = (b) => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b);
  const pattern = (re, v) => isStr(v) && re.test(v.replace(/\n$/, ""));
  const concat = (a, b) => { const c = new Uint8Array(a.length + b.length); c.set(a); c.set(b, a.length); return c; };
  const sha256 = async (s) => new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(s)));
  const issuerId = (c) => { const i = isObj(c.issuer) ? c.issuer.id : c.issuer; return isStr(i) ? i : null; };

  // RFC 8785 (JCS): keys sorted by UTF-16 code units; numbers and strings as ECMAScript writes them.
  function jcs(v) {
    if (v === null || typeof v === "boolean") return String(v);
    if (typeof v === "number" && !isFinite(v)) throw new Error(`${v} is not a JSON number`);
    if (isStr(v) && /\p{Cs}/u.test(v)) throw new Error("a string holds a lone surrogate");
    if (typeof v !== "object") return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(jcs)}]`;
    return `{${Object.keys(v).sort().map((k) => jcs(k) + ":" + jcs(v[k]))}}`;
  }

  // I-JSON as academy.credentials.canonical.loads reads it: nesting beyond 64 levels and a key repeated
  // in one object are refused (JSON.parse would keep the last of two "name"s: a forged one could hide).
  function depth(t) {
    let deepest = 0, level = 0, inString = false, escaped = false;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 91 || c === 123) deepest = Math.max(deepest, ++level);
      else if (c === 93 || c === 125) level--;
    }
    return deepest;
  }
  function duplicateKey(t) {  // the first key repeated in one object of valid JSON text, or null
    const stack = [];
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      if (c === '"') {
        let j = i + 1;
        while (t[j] !== '"') j += t[j] === "\\" ? 2 : 1;
        const top = stack[stack.length - 1];
        let k = j + 1;
        while (" \t\r\n".includes(t[k])) k++;
        if (top && t[k] === ":") {
          const key = JSON.parse(t.slice(i, j + 1));
          if (top.has(key)) return key;
          top.add(key);
        }
        i = j;
      } else if (c === "{") stack.push(new Set());
      else if (c === "[") stack.push(null);
      else if (c === "}" || c === "]") stack.pop();
    }
    return null;
  }
  function parseJSON(t) {
    if (depth(t) > MAX_DEPTH) stop(N, "format", say("too_deep", { depth: MAX_DEPTH }, `not a certificate: nested deeper than ${MAX_DEPTH} levels, which no certificate is`));
    let data;
    try { data = JSON.parse(t); } catch (e) { stop(C, "format", say("not_json", { reason: e.message }, `not valid JSON (${e.message})`)); }
    const dup = duplicateKey(t);
    if (dup !== null) {
      const key = JSON.stringify(dup).slice(0, 60);
      stop(N, "format", say("duplicate_key", { key }, `not a certificate: the key ${key} appears twice in one object: that is not ` +
        "I-JSON (RFC 7493), so what it says is ambiguous (one reader sees the first value, another the last)"));
    }
    return data;
  }

  // Baked badges (academy/credentials/documents/baking.py): PNG iTXt "openbadgecredential", SVG <openbadges:credential>.
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const isPng = (b) => PNG.every((x, i) => b[i] === x);
  function isImage(b) {
    const head = new TextDecoder("latin1").decode(b.subarray(0, 512)).replace(/^(\xef\xbb\xbf|[ \t\r\n])+/, "");
    return isPng(b) || head.startsWith("<svg") || head.startsWith("<?xml");
  }
  // The badge reader (verifier-badge.js, beside this file) is loaded only when a badge image is checked.
  const here = typeof document === "object" ? document.currentScript?.src : null;
  let badge = null;
  function badgeReader() {
    if (typeof module === "object" && module.exports) return Promise.resolve(require("./verifier-badge.js"));
    badge = badge ?? new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement("script"), { src: new URL("verifier-badge.js", here || location.href).href,
        onload: () => resolve(globalThis.academyBadge), onerror: () => { badge = null; reject(new Error("the badge image reader could not be loaded")); } });
      document.head.append(script);
    });
    return badge;
  }

  // A dateTimeStamp as microseconds since 1970, or null: academy.credentials.dates.parse.
  function parseDate(v) {
    const m = isStr(v) && DT.exec(v);
    if (!m) return null;
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number), leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
    if (y < 1 || !days || d < 1 || d > days || h > 23 || mi > 59 || s > 59 || (m[8] && (m[9] > 23 || m[10] > 59))) return null;
    const t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d);
    t.setUTCHours(h, mi, s);
    const offset = m[8] ? (m[8] === "-" ? -1 : 1) * (m[9] * 60 + +m[10]) * 60000 : 0;
    return (t.getTime() - offset) * 1000 + Number((m[7] || "").padEnd(6, "0").slice(0, 6));
  }
  const dateText = (us) => new Date(Math.floor(us / 1e6) * 1000).toISOString().replace(/\.\d+Z$/, "Z");

  // Multibase base58btc ("z…"), decoded as the `base58` package does.
  function base58(value) {
    if (!isStr(value) || value[0] !== "z" || value.length < 2) throw new Error("not a base58btc multibase value");
    if (value.length > 200) throw new Error("longer than 200 characters");
    const s = value.slice(1).replace(RSTRIP, ""), out = [];
    let n = 0n, zeros = 0;
    for (const c of s) {
      if (B58.indexOf(c) < 0) throw new Error("not base58");
      n = n * 58n + BigInt(B58.indexOf(c));
    }
    for (; n > 0n; n >>= 8n) out.unshift(Number(n & 255n));
    while (s[zeros] === "1") zeros++;
    const b = new Uint8Array(zeros + out.length);
    b.set(out, zeros);
    return b;
  }
  function multikey(value) {
    const b = base58(value);
    if (b.length !== 34 || b[0] !== 0xed || b[1] !== 1) throw new Error("not an Ed25519 Multikey public key");
    return b.slice(2);
  }
  const base64url = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

  // Ed25519 through WebCrypto: false for a bad signature, Stop(cannot-check) when the browser cannot.
  async function ed25519(publicKey, signature, data) {
    let key;
    try {
      key = await crypto.subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
    } catch (e) {
      stop(C, "signature", `this browser cannot check Ed25519 signatures (${e.name})`);
    }
    return crypto.subtle.verify({ name: "Ed25519" }, key, signature, data);
  }

  // eddsa-jcs-2022 "Verify Proof"; throws an Error that says what is wrong.
  async function verifyProof(doc, proof, publicKey) {
    if (proof.cryptosuite !== SUITE) throw new Error(`cryptosuite ${show(proof.cryptosuite)} is not supported`);
    const signature = base58(proof.proofValue), options = without(proof, "proofValue"), d = without(doc, "proof");
    if (signature.length !== 64) throw new Error(`proofValue holds ${signature.length} bytes, not 64`);
    if (has(options, "@context")) {
      const want = list(options["@context"]), got = list(d["@context"]);
      if (want.some((c, i) => i >= got.length || jcs(c) !== jcs(got[i]))) {
        throw new Error("the proof's @context does not begin the document's @context");
      }
      d["@context"] = options["@context"];
    }
    const data = concat(await sha256(jcs(options)), await sha256(jcs(d)));
    if (!(await ed25519(publicKey, signature, data))) throw fail("signature_mismatch", {}, "the signature does not match");
  }

  // The bitstring of an encodedList: GZIP, at most 16 MiB, at least 131,072 bits.
  async function decodeList(encoded) {
    if (!isStr(encoded) || encoded[0] !== "u" || !/^[A-Za-z0-9_-]*$/.test(encoded.slice(1))) {
      throw new Error('encodedList must be "u" followed by base64url');
    }
    const packed = base64url(encoded.slice(1)), parts = [];
    const reader = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip")).getReader();
    let size = 0, r;
    try {
      while (!(r = await reader.read()).done) {
        if ((size += r.value.length) > MAX_BYTES) throw new RangeError(`encodedList expands beyond ${MAX_BYTES} bytes`);
        parts.push(r.value);
      }
    } catch (e) {
      reader.cancel().catch(() => {});
      throw e instanceof RangeError ? e : new Error("encodedList is not GZIP data or is truncated");
    }
    const bits = parts.reduce(concat, new Uint8Array(0));
    if (bits.length * 8 < MIN_BITS) throw new Error(`the list has ${bits.length * 8} bits, fewer than ${MIN_BITS}`);
    return bits;
  }

  // What the OB3 schema of academy/credentials/verify/schema.py requires: the first problem, or "".
  function schemaProblem(c) {
    const full = (v) => isStr(v) && v.length > 0, date = (v) => pattern(SDT, v);
    const req = (o, keys) => isObj(o) && keys.every((k) => has(o, k));
    const opt = (o, k, test) => !has(o, k) || test(o[k]);
    const strs = (v, ...need) => Array.isArray(v) && v.length > 0 && v.every(isStr) && need.every((n) => v.some((x) => n.includes(x)));
    const proofOk = (p) => req(p, ["type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "proofValue"]) &&
      ["type", "cryptosuite", "verificationMethod", "proofPurpose", "proofValue"].every((k) => full(p[k])) && date(p.created);
    const ctx = c["@context"], iss = c.issuer, s = c.credentialSubject, st = c.credentialStatus, a = s?.achievement;
    const keys = ["type", "hashed", "identityHash", "identityType", "salt"];
    const checks = {
      "(top)": req(c, ["@context", "id", "type", "issuer", "validFrom", "credentialSubject", "credentialStatus"]),
      "@context": Array.isArray(ctx) && ctx.length > 1 && ctx[0] === VC && pattern(OB3, ctx[1]) && ctx.every((x) => isStr(x) || isObj(x)),
      id: pattern(UUID, c.id),
      type: strs(c.type, ["VerifiableCredential"], ["OpenBadgeCredential", "AchievementCredential"]),
      name: opt(c, "name", isStr),
      issuer: pattern(HTTP, iss) || (req(iss, ["id", "type"]) && pattern(HTTP, iss.id) && strs(iss.type, ["Profile"])),
      validFrom: date(c.validFrom),
      validUntil: opt(c, "validUntil", date),
      awardedDate: opt(c, "awardedDate", date),
      credentialSubject: req(s, ["type", "achievement", "identifier"]) && strs(s.type, ["AchievementSubject"]),
      "credentialSubject/identifier": Array.isArray(s?.identifier) && s.identifier.length > 0 && s.identifier.every((i) =>
        req(i, ["type", "hashed", "identityHash", "identityType"]) && i.type === "IdentityObject" && typeof i.hashed === "boolean" &&
        isStr(i.identityHash) && isStr(i.identityType) && opt(i, "salt", isStr) && Object.keys(i).every((k) => keys.includes(k))),
      "credentialSubject/achievement": req(a, ["id", "type", "name", "description", "criteria"]) && full(a.id) &&
        strs(a.type, ["Achievement"]) && isStr(a.name) && isStr(a.description) && isObj(a.criteria),
      credentialStatus: req(st, ["id", "type", "statusPurpose", "statusListIndex", "statusListCredential"]) && st.type === ENTRY &&
        full(st.statusPurpose) && pattern(/^(0|[1-9][0-9]*)$/, st.statusListIndex) && pattern(HTTP, st.statusListCredential),
      proof: opt(c, "proof", (p) => proofOk(p) || (Array.isArray(p) && p.length > 0 && p.every(proofOk))),
    };
    const bad = Object.keys(checks).find((k) => !checks[k]);
    return bad ? bad + NOT_OB3 : "";
  }

  // The compact signed summary of a QR link: academy/credentials/documents/summary.py.
  function decodeSummary(fragment) {
    const t = fragment[0] === "#" ? fragment.slice(1) : fragment, texts = [];
    if (t.slice(0, 2) !== "s=") throw fail("summary_missing", {}, 'the link does not hold a certificate summary (expected "#s=…")');
    if (!/^[A-Za-z0-9_-]+$/.test(t.slice(2))) throw fail("summary_not_base64", {}, "the summary is not base64url");
    const raw = base64url(t.slice(2)), view = new DataView(raw.buffer);
    if (raw.length < 100 || raw[0] !== 1) throw fail("summary_short", {}, "the summary is too short or of an unknown version");
    let pos = 34;
    for (let i = 0; i < 2; i++, pos += 1 + raw[pos]) {
      if (pos >= raw.length || pos + 1 + raw[pos] > raw.length) throw fail("summary_truncated", {}, "the summary is truncated");
      texts.push(text(raw.subarray(pos + 1, pos + 1 + raw[pos])));
    }
    if (raw.length !== pos + 64 || !raw[1] || !raw[18]) throw fail("summary_length", {}, "the summary has the wrong length or fields");
    const hex = Array.from(raw.subarray(2, 18), (b) => (b + 256).toString(16).slice(1)).join("");
    const until = view.getUint32(26);
    return {
      key: raw[1], id: "urn:uuid:" + hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-"), list: raw[18],
      index: (raw[19] << 16) | (raw[20] << 8) | raw[21], validFrom: view.getUint32(22) * 1e6,
      validUntil: until ? until * 1e6 : null, issued: view.getUint32(30) * 1e6, name: texts[0], achievement: texts[1],
      body: raw.slice(0, pos), signature: raw.slice(pos),
    };
  }

  // One verification against the site `env` = {issuer, site, profile, status} (absolute URLs):
  // resolves to {verdict, kind, info, steps}, with steps as `academy verify --json` lists them.
  async function check(input, env, unreadable) {
    const now = Math.floor(Date.now() / 1000) * 1e6, lists = {}, info = {};
    const report = { verdict: "valid", kind: "credential", info, steps: [] };
    let keys = null, issuerName = null;
    const pass = (rec, name, detail) => rec && report.steps.push({ name, ok: true, ...said(detail) });
    const validAt = (key, t) => (key.created === null || key.created <= t) && (key.retired === null || t <= key.retired);
    const keyWindow = (key, t) => (key.created !== null && t < key.created
      ? say("key_too_new", { key: key.id, date: dateText(t) }, `${key.id} was made after this was signed (${dateText(t)})`)
      : say("key_retired", { key: key.id, retired: dateText(key.retired), date: dateText(t) },
        `${key.id} was retired on ${dateText(key.retired)}, before this was signed (${dateText(t)})`));

    async function get(url) {
      const response = await fetch(url, { cache: "no-cache" }).catch(() => stop(0, 0, say("cannot_fetch", { url }, `cannot fetch ${url}`)));
      if (!response.ok) stop(0, 0, say("cannot_fetch_http", { url, status: response.status }, `cannot fetch ${url} (HTTP ${response.status})`));
      const b = new Uint8Array(await response.arrayBuffer());
      if (b.length > MAX_DOWNLOAD) stop(0, 0, `${url} is larger than ${MAX_DOWNLOAD} bytes`);
      return b;
    }

    // The issuer's usable assertion keys by id (a string says why a listed key cannot be used).
    async function issuerKeys() {
      keys = keys ?? get(env.profile).then((b) => {
        const doc = JSON.parse(text(b)), found = new Map();
        if (!isObj(doc)) throw new Error("it is not a JSON object");
        if (!isStr(doc.id)) return found;
        const asserted = (Array.isArray(doc.assertionMethod) ? doc.assertionMethod : []).filter(isStr);
        issuerName = isStr(doc.name) ? doc.name : null;
        for (const m of Array.isArray(doc.verificationMethod) ? doc.verificationMethod : []) {
          if (!isObj(m) || !isStr(m.id)) continue;
          // `created` is no Multikey term (an older profile may carry it); `revoked` = compromised: nothing counts.
          const created = parseDate(m.created), expires = parseDate(m.expires), revoked = parseDate(m.revoked);
          const malformed = (has(m, "created") && created === null) || (has(m, "expires") && expires === null);
          let problem = null, key = null;
          if (m.controller !== doc.id) problem = say("key_controller", {}, "its controller is not the issuer");
          else if (!asserted.includes(m.id)) problem = say("key_unlisted", {}, "the issuer does not list it under assertionMethod");
          else if (m.type !== "Multikey" || malformed || (has(m, "revoked") && revoked === null)) {
            problem = say("key_malformed", {}, "its entry in the issuer profile is malformed");
          } else if (revoked !== null) {
            problem = say("key_revoked", { date: dateText(revoked) },
              `the issuer revoked it on ${dateText(revoked)} (compromised): nothing signed with it is trusted, whatever date it claims`);
          } else {
            try { key = multikey(m.publicKeyMultibase); } catch { problem = say("key_not_ed25519", {}, "its publicKeyMultibase is not an Ed25519 key"); }
          }
          found.set(m.id, problem || { id: m.id, key, created, retired: expires });
        }
        return found;
      });
      return keys.catch((e) => stop(C, "issuer", say("profile_unreadable", { reason: again(e) }, `the issuer profile cannot be read: ${e.detail || e.message}`)));
    }

    // The proof, issuer, key, signature and key-validity steps (recorded when `rec`).
    async function proofs(data, rec, issuer, what) {
      const all = list(data.proof), suites = [], checked = [], unsupported = [], used = [], it = say(`what.${what.split(" ").pop()}`, {}, what);
      if (!all.length) stop(T, "proof", say("no_proof", { what: it }, `${what} carries no proof: it is not signed`));
      for (const p of all) {
        if (!isObj(p)) stop(T, "proof", "a proof is not a JSON object");
        if (p.type !== PROOF) { unsupported.push(`proof type ${show(p.type)}`); continue; }
        if (suites.includes(p.cryptosuite)) stop(T, "proof", say("proof_twice", { suite: p.cryptosuite }, `two proofs with cryptosuite ${p.cryptosuite}: a proof was duplicated`));
        if (p.cryptosuite !== SUITE) {
          const label = `cryptosuite ${show(p.cryptosuite)}`, rdfc = p.cryptosuite === "eddsa-rdfc-2022";
          unsupported.push(rdfc ? say("rdfc", { suite: label }, label + " (academy verify --all-proofs checks it)") : label);
          continue;
        }
        suites.push(SUITE);
        if (p.proofPurpose !== PURPOSE) stop(T, "proof", say("proof_purpose", { purpose: show(p.proofPurpose), want: PURPOSE }, `proof purpose ${show(p.proofPurpose)} is not "${PURPOSE}"`));
        if (parseDate(p.created) === null || !isStr(p.verificationMethod)) {
          stop(T, "proof", "a proof lacks a valid created time or verificationMethod");
        }
        checked.push(p);
      }
      const skipped = unsupported.map((u) => u.english ?? u).join(", ");  // the list's values: English, or say()s
      if (!checked.length) {
        stop(UP, "proof", say("unsupported", { proofs: unsupported, suite: SUITE },
          `uses a proof this verifier does not support: ${skipped} (supported: ${SUITE})`));
      }
      const values = { count: all.length, suites: suites.join(", "), purpose: PURPOSE, skipped: unsupported };
      const checks = `${all.length} proof(s): checks ${values.suites}, purpose ${PURPOSE}`;
      pass(rec, "proof", unsupported.length ? say("proofs_skipped", values, `${checks}; not supported, so not checked: ${skipped}`)
        : say("proofs", values, checks));
      if (issuer !== env.issuer) stop(U, "issuer", say("other_issuer", { issuer: named(data) }, `issued by someone else: ${named(data)}`));
      const found = await issuerKeys();
      pass(rec, "issuer", say("issuer", { issuer: env.issuer }, env.issuer));
      for (const p of checked) {
        const key = found.get(p.verificationMethod), method = p.verificationMethod;
        if (!method.startsWith(issuer + "#") || !key) stop(U, "key", say("not_a_key", { method }, `${method} is not a key of the issuer`));
        if (isSay(key)) stop(U, "key", say("key_unusable", { method, reason: key }, `${method} cannot be used: ${key.english}`));
        used.push([p, key]);
      }
      const ids = [...new Set(used.map((u) => u[1].id.split("#").pop()))].join(", ");
      pass(rec, "key", say("keys", { keys: ids }, ids + " of the issuer"));
      for (const [p, key] of used) {
        await verifyProof(data, p, key.key).catch((e) => {
          throw e instanceof Stop ? e : new Stop(T, "signature", say("changed", { what: it, suite: p.cryptosuite, reason: again(e) },
            `${what} was changed after signing or signed by another key: its ${p.cryptosuite} proof fails: ${e.message}`));
        });
      }
      const joined = suites.join(" and ");
      pass(rec, "signature", say("signature", { suites: joined }, `the ${joined} proof matches every signed field`));
      for (const [p, key] of used) {
        const t = parseDate(p.created);
        if (t > now + SKEW) {
          stop("not-yet-valid", "key validity", say("proof_future", { date: dateText(t) },
            `the proof says it was made on ${dateText(t)}, in the future: nothing genuine is signed ahead of time`));
        }
        if (!validAt(key, t)) stop(U, "key validity", keyWindow(key, t));
      }
      pass(rec, "key validity", say("key_valid", {}, "the key was in use when the proof was made"));
    }
    function named(data) {  // the issuer as the file states it
      const name = isObj(data.issuer) ? data.issuer.name : null, id = issuerId(data);
      return isStr(name) && id ? `"${name.slice(0, 200)}" (${id.slice(0, 200)})` : id ? show(id) : "no issuer named";
    }

    function dates(from, until) {
      const start = parseDate(from), end = parseDate(until);
      if (start === null || (until != null && end === null)) stop(T, "dates", say("dates_malformed", {}, "validFrom/validUntil are not date-times"));
      const values = { from: dateText(start), until: end === null ? null : dateText(end) };
      if (now < start) stop("not-yet-valid", "dates", say("not_yet_valid", values, `valid from ${values.from}, not yet`));
      if (end !== null && now >= end) stop("expired", "dates", say("expired", values, `expired on ${values.until}`));
      pass(1, "dates", end === null ? say("valid_open", values, `valid from ${values.from}, no expiry`)
        : say("valid_until", values, `valid from ${values.from} until ${values.until}`));
    }

    async function status(url, index) {
      lists[url] = lists[url] ?? loadList(url).catch((e) => (String(e.detail).startsWith("status unknown") ? again(e)
        : say(e.verdict ? "list_untrusted" : "list_unfetched", { reason: again(e) },
          `the status list cannot be ${e.verdict ? "trusted" : "fetched"}: ${e.detail || e.message}`)));
      const bits = await lists[url], values = { url, index, size: bits.length * 8 };
      if (!(bits instanceof Uint8Array)) stop(C, "status", bits);
      if (index >= bits.length * 8) stop(C, "status", say("index_outside", values, `${url}: index ${index} is outside the list of ${bits.length * 8} entries`));
      if (bits[index >> 3] & (0x80 >> (index & 7))) stop("revoked", "status", say("revoked", values, `revoked by the issuer (entry ${index} of ${url})`));
      pass(1, "status", say("not_revoked", values, `not revoked (entry ${index} of ${url})`));
    }

    async function loadList(url) {
      const prefix = env.statusBase, name = url.slice(prefix.length);
      if (!url.startsWith(prefix) || !name || name.includes("/") || name[0] === ".") {
        stop(0, 0, `the status list ${url} is not on the issuer's site (${prefix}…)`);
      }
      const raw = await get(new URL(encodeURIComponent(name), env.status).href);
      let data;
      try { data = JSON.parse(text(raw)); } catch { stop(C, "status", say("list_not_json", { url }, `${url} is not JSON (truncated?)`)); }
      if (!isObj(data)) stop(C, "status", say("list_not_object", { url }, `${url} is not a JSON object`));
      if (!(Array.isArray(data.type) && data.type.includes("BitstringStatusListCredential")) || data.id !== url) {
        stop(C, "status", say("list_not_named", { url }, `${url} is not the BitstringStatusListCredential it names`));
      }
      await proofs(data, 0, issuerId(data), "the status list");
      const s = data.credentialSubject, start = parseDate(data.validFrom), end = parseDate(data.validUntil);
      if (!isObj(s) || s.type !== "BitstringStatusList") stop(C, "status", say("list_no_subject", {}, "the status list has no BitstringStatusList subject"));
      if (s.statusPurpose !== "revocation") stop(C, "status", say("list_purpose", {}, 'the status list purpose is not "revocation"'));
      if (start === null || now < start || (has(data, "validUntil") && end === null)) {
        stop(C, "status", say("list_not_now", {}, "the status list is not valid at this time"));
      }
      if (end !== null && now >= end) {
        stop(C, "status", say("list_out_of_date", { date: dateText(end) },
          `status unknown: the revocation list is out of date (valid until ${dateText(end)}); the issuer must publish it again`));
      }
      return decodeList(s.encodedList).catch((e) => stop(C, "status", e.message));
    }

    async function credential(data) {
      if (!isObj(data)) stop(N, "format", say("not_an_object", {}, "not a JSON object, so not a certificate"));
      if (!has(data, "proof") && !has(data, "@context")) stop(N, "format", say("no_context", {}, "not a certificate: no @context and no proof"));
      const subject = isObj(data.credentialSubject) ? data.credentialSubject : {}, st = data.credentialStatus;
      const named = (Array.isArray(subject.identifier) ? subject.identifier : []).find((i) => isObj(i) && i.identityType === "name" && i.hashed === false);
      Object.assign(info, {
        id: isStr(data.id) ? data.id : null, name: isStr(named?.identityHash) ? named.identityHash : null,
        achievement: isStr(subject.achievement?.name) && isObj(subject.achievement) ? subject.achievement.name : null,
        achievementId: isStr(subject.achievement?.id) ? subject.achievement.id : null,
        language: isStr(subject.achievement?.inLanguage) ? subject.achievement.inLanguage : null,
        issuer: isStr(data.issuer?.name) && isObj(data.issuer) ? data.issuer.name : issuerId(data),
        validFrom: isStr(data.validFrom) ? data.validFrom : null, validUntil: isStr(data.validUntil) ? data.validUntil : null,
      });
      const object = `a JSON object (${info.id || "no id"})`, id = info.id || say("no_id", {}, "no id");
      pass(1, "format", report.kind === "baked" ? say("format_baked", { id }, "a badge image with a baked credential: " + object)
        : say("format", { id }, object));
      const problem = schemaProblem(data);
      if (problem) {
        stop(T, "schema", say("schema", { field: problem.slice(0, -NOT_OB3.length) }, `not an Open Badges 3.0 credential: ${problem}`));
      }
      pass(1, "schema", say("schema_ok", {}, "an Open Badges 3.0 OpenBadgeCredential"));
      await proofs(data, 1, issuerId(data), "the certificate");
      dates(data.validFrom, data.validUntil);
      if (!isObj(st) || st.type !== ENTRY || st.statusPurpose !== "revocation") {
        stop(T, "status", say("status_entry", { entry: ENTRY }, `credentialStatus is not a ${ENTRY} for revocation`));
      }
      if (!pattern(/^(0|[1-9][0-9]{0,8})$/, st.statusListIndex) || !HTTP.test(st.statusListCredential)) {
        stop(T, "status", say("status_fields", {}, "statusListIndex or statusListCredential is malformed"));
      }
      await status(st.statusListCredential, parseInt(st.statusListIndex, 10));
    }

    async function link(value) {
      const hash = value.indexOf("#"), base = hash >= 0 ? value.slice(0, hash) : "";
      let s;
      try { s = decodeSummary(hash >= 0 ? value.slice(hash + 1) : value); } catch (e) { stop(C, "format", again(e)); }
      Object.assign(info, {
        id: s.id, name: s.name, achievement: s.achievement, issuer: env.issuer, link: HTTP.test(value) ? value : null,
        validFrom: dateText(s.validFrom), validUntil: s.validUntil === null ? null : dateText(s.validUntil),
      });
      pass(1, "format", say("summary", { id: s.id }, `a signed certificate summary (${s.id})`));
      report.steps.push({ name: "schema", ok: null, detail: "a summary has no schema", na: true });
      report.steps.push({ name: "proof", ok: null, detail: "a summary is signed directly with Ed25519", na: true });
      if (base && base !== env.verifyUrl) stop(U, "issuer", say("other_site", { base, url: env.verifyUrl }, `the link is for ${base}, not ${env.verifyUrl}`));
      const id = `${env.issuer}#key-${s.key}`, key = (await issuerKeys()).get(id);
      info.issuer = issuerName || env.issuer;
      pass(1, "issuer", say("issuer", { issuer: env.issuer }, env.issuer));
      if (!key || isSay(key)) stop(U, "key", say("summary_no_key", { id }, `${id} is not a usable key of the issuer`));
      pass(1, "key", say("keys", { keys: `key-${s.key}` }, `key-${s.key} of the issuer`));
      if (!(await ed25519(key.key, s.signature, concat(utf8.encode(`academy-summary/1\n${env.issuer}\n`), s.body)))) {
        stop(T, "signature", say("summary_changed", {}, "the summary was changed after signing or signed by another key"));
      }
      pass(1, "signature", say("summary_ok", {}, "matches the summary"));
      const made = dateText(s.issued);
      if (s.issued > now + SKEW) stop("not-yet-valid", "key validity", say("summary_future", { date: made }, `the summary says it was made on ${made}, in the future`));
      if (!validAt(key, s.issued)) stop(U, "key validity", keyWindow(key, s.issued));
      pass(1, "key validity", say("summary_key_valid", {}, "the key was in use when the summary was made"));
      dates(info.validFrom, info.validUntil);
      await status(env.statusList.replace("*", String(s.list)), s.index);
    }

    try {
      if (unreadable) stop(C, "format", say("not_utf8", {}, "cannot read it: not UTF-8 text"));
      if (!globalThis.crypto?.subtle) stop(C, "format", say("https", {}, "signatures can only be checked on a page opened over https"));
      if (input instanceof Uint8Array) {  // a file's bytes: academy verify's check_bytes
        if (input.length > MAX_INPUT) stop(N, "format", `${input.length} bytes: larger than ${MAX_INPUT >> 20} MiB, so not a certificate`);
        if (isImage(input)) {
          const reader = await badgeReader().catch((e) => stop(C, "format", `cannot check it: ${e.message}`));
          try { input = reader.baked(input, text); } catch (e) { stop(N, "format", say("not_baked", { reason: e.message }, `not a certificate: ${e.message}`)); }
          report.kind = "baked";
        } else {
          try { input = text(input).replace(/^\ufeff/, ""); } catch { stop(C, "format", say("not_utf8", {}, "cannot read it: not UTF-8 text")); }
        }
      }
      const t = input.replace(STRIP, "").replace(/^\ufeff+/, "");  // as Python's str.strip().lstrip("\ufeff")
      if (t[0] === "{") {
        await credential(parseJSON(t));
      } else if (JWT.test(t)) {
        stop(N, "format", say("jwt", {}, "a JSON Web Token (JWT), not an Open Badges credential with a Data Integrity proof: ask its issuer how to check it"));
      } else if (t.includes("#") || t.startsWith("s=")) {
        report.kind = "summary";
        await link(t);
      } else stop(N, "format", say("unknown_input", {}, "not a certificate: neither a credential (.json), a badge image, nor a verify link"));
    } catch (e) {
      const done = report.steps.map((s) => s.name);
      const failure = e instanceof Stop && e.verdict ? e : new Stop(C, STEPS.find((n) => !done.includes(n)), String(e?.detail || e?.message || e));
      report.verdict = failure.verdict;
      report.steps.push({ name: failure.step, ok: false, detail: failure.detail, key: failure.key, values: failure.values });
      for (const name of STEPS) {
        if (!report.steps.some((s) => s.name === name)) report.steps.push({ name, ok: null, detail: "not checked" });
      }
    }
    return report;
  }

  // LinkedIn's documented "Add to Profile" link for a certification, from a valid certificate's report.
  function linkedIn(report, env) {
    const info = report.info, from = parseDate(info.validFrom), until = parseDate(info.validUntil);
    if (report.verdict !== "valid" || !info.achievement || from === null) return null;
    const month = (us) => String(new Date(us / 1000).getUTCMonth() + 1), year = (us) => String(new Date(us / 1000).getUTCFullYear());
    const params = { startTask: "CERTIFICATION_NAME", name: info.achievement, organizationName: info.issuer || "",
      issueYear: year(from), issueMonth: month(from) };
    if (until !== null) Object.assign(params, { expirationYear: year(until), expirationMonth: month(until) });
    if (info.id) params.certId = info.id;
    params.certUrl = info.link || env.verifyUrl;
    return "https://www.linkedin.com/profile/add?" + new URLSearchParams(params).toString();
  }

  const api = { jcs, base58, multikey, parseDate, decodeList, decodeSummary, verifyProof, schemaProblem, check, linkedIn };
  if (typeof module === "object" && module.exports) return void (module.exports = api);

  // The page ----------------------------------------------------------------------------------
  // Every text in the page's language: verify-strings.js (section verify.script), loaded first by verify.js.
  const t = (key, values) => (window.academyI18n ? window.academyI18n.t("verify", key, values) : key);
  const VERDICTS = ["valid", "revoked", "expired", "not-yet-valid", "tampered", "unknown-issuer", "unsupported-proof",
    "not-a-certificate", "cannot-check"];
  const GROUPS = [
    ["format", ["format", "schema"]],
    ["signature", ["proof", "signature"]],
    ["issuer", ["issuer", "key", "key validity"]],
    ["dates", ["dates"]],
    ["status", ["status"]],
  ];
  const MARKS = { pass: "✓", fail: "✗", skip: "–" };
  const json = (v) => { try { const o = JSON.parse(v || "{}"); return isObj(o) ? o : {}; } catch { return {}; } };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    e.append(...children.filter((c) => c != null));
    return e;
  }
  function when(value) {
    const us = parseDate(value);
    if (us === null) return value;
    const label = new Date(us / 1000).toLocaleDateString(document.documentElement.lang || undefined,
      { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    return el("time", { datetime: value, title: value }, label);
  }

  // A certificate issued in another language: its title here, and the language it is in. The credential
  // says its achievement id and inLanguage; a QR summary only its title, which `names` knows per language.
  function translated(info, env) {
    const known = has(env.names, info.achievement) && Array.isArray(env.names[info.achievement]) ? env.names[info.achievement] : null;
    const id = info.achievementId ?? known?.[0], language = info.language ?? known?.[1];
    const title = has(env.titles, id) && isStr(env.titles[id]) ? env.titles[id] : null;
    if (!language || language === env.language || !title || !has(env.languages, language)) return null;
    return { title, original: info.achievement, language: env.languages[language], code: language };
  }

  function issuedIn(other) {  // "Issued in Dutch, as “<the original title, in its language>”."
    const [before, after = ""] = t("issued_in", { language: other.language, title: "\u0000" }).split("\u0000");
    return el("p", { class: "academy-verify-language", "data-issued-in": other.code }, before,
      el("span", { lang: other.code, dir: "auto" }, other.original), after);
  }

  // A step's detail in the page's language (detail.<key>, filled with its values), else its English, marked so.
  function reason(step) {
    const strings = window.academyStrings?.verify;
    const local = (m) => (isObj(m) && has(strings, `detail.${m.key}`) ? t(`detail.${m.key}`, Object.fromEntries(
      Object.entries(m.values || {}).map(([k, v]) => [k, list(v).map((x) => (isSay(x) ? local(x) ?? x.english : x)).join(", ")]))) : null);
    const shown = local(step);
    return el("span", shown === null ? { dir: "auto", lang: "en" } : { dir: "auto" }, shown ?? step.detail);
  }

  function render(root, report, source, env) {
    const v = VERDICTS.includes(report.verdict) ? report.verdict : "cannot-check", info = report.info;
    const failed = report.steps.find((s) => s.ok === false), facts = el("dl", { class: "academy-verify-facts" });
    const other = info.achievement ? translated(info, env) : null;
    for (const [key, value, auto] of [
      ["certificate", other ? other.title : info.achievement, 1], ["holder", info.name, 1], ["issuer", info.issuer, 1],
      ["issued", info.validFrom && when(info.validFrom)],
      ["expires", info.validUntil ? when(info.validUntil) : info.validFrom && t("never")], ["id", info.id],
    ]) {
      const label = t(`fact.${key}`);
      if (value) facts.append(el("div", {}, el("dt", {}, label), el("dd", auto ? { dir: "auto", "data-field": label } : { "data-field": label }, value)));
    }
    const steps = el("ol", { class: "academy-verify-steps" });
    for (const [id, names] of GROUPS) {
      const mine = report.steps.filter((s) => names.includes(s.name) && !s.na);
      const outcome = mine.some((s) => s.ok === false) ? "fail" : mine.length && mine.every((s) => s.ok) ? "pass" : "skip";
      const details = el("ul", {}, ...mine.filter((s) => s.ok !== null).map((s) => el("li", { "data-check": s.name, "data-ok": s.ok },
        el("span", { class: "academy-sr" }, t(s.ok ? "outcome.pass" : "outcome.fail") + ": "), t(`step.${s.name}`) + ": ",
        reason(s))));
      steps.append(el("li", { class: "academy-verify-step", "data-step": id, "data-outcome": outcome },
        el("span", { class: "academy-verify-mark", "aria-hidden": "true" }, MARKS[outcome]), " ",
        el("strong", {}, t(`group.${id}`)), ": ", el("span", { class: "academy-verify-outcome" }, t(`outcome.${outcome}`)), details));
    }
    const kind = report.verdict === "valid" ? "ok" : [C, UP, N].includes(report.verdict) ? "unknown" : "bad";
    const share = linkedIn(report, env);
    root.replaceChildren(
      el("div", { class: `academy-verify-verdict academy-verify--${kind}`, "data-verdict": report.verdict },
        el("h2", { id: "academy-verdict", tabindex: "-1" }, el("span", { class: "academy-sr" }, t("verdict.label")), t(`verdict.${v}`)),
        el("p", {}, t(`verdict.${v}.meaning`)), failed && el("p", { class: "academy-verify-reason" }, reason(failed))),
      facts.firstChild && !report.steps.some((s) => s.name === "signature" && s.ok)
        ? el("p", { class: "academy-verify-note" }, t("unconfirmed")) : "",
      facts.firstChild ? facts : "",
      other ? issuedIn(other) : "",
      share ? el("p", { class: "academy-verify-share" }, el("a", { class: "md-button", href: share, target: "_blank",
        rel: "noopener noreferrer", "data-linkedin": "" }, t("linkedin"))) : "",
      el("h3", {}, t("checks")), steps,
      el("p", { class: "academy-verify-source" }, t("checked", { source, time: new Date().toLocaleString(env.language || undefined) })));
    root.querySelector("h2").focus();
  }

  function setup(root) {
    root.setAttribute("data-verify-ready", "");
    const $ = (s) => root.querySelector(s), area = $("textarea"), result = $("[data-verify-result]");
    const file = $("[data-verify-file]"), drop = $("[data-verify-drop]"), data = root.dataset;
    // Every published address comes from the page (academy.routes, via the certificates plugin): none is spelled here.
    const env = { issuer: data.issuer, site: data.siteUrl, profile: new URL(data.profile, location.href).href,
      status: new URL(data.status, location.href).href, verifyUrl: data.verifyUrl,
      statusBase: data.statusBase, statusList: data.statusList, language: document.documentElement.lang || null,
      titles: json(data.titles), names: json(data.names), languages: json(data.languages) };
    let run = 0;
    async function go(input, source) {
      const mine = ++run;
      result.setAttribute("aria-busy", "true");
      result.replaceChildren(el("p", {}, t("checking")));
      const report = await check(input ?? "", env, input === null);  // `input`: text, or a file's bytes
      if (mine !== run) return;
      result.removeAttribute("aria-busy");
      render(result, report, source, env);
    }
    async function load(f) {
      // The bytes, as academy verify reads a file: a badge image is read for its baked credential.
      const bytes = new Uint8Array(await f.slice(0, MAX_INPUT + 1).arrayBuffer());
      if (!isImage(bytes)) {
        try { area.value = text(bytes).replace(/^\ufeff/, ""); } catch { /* not UTF-8: the check says so */ }
      }
      go(bytes, t("source.file", { name: f.name }));
    }
    $("[data-verify-form]").addEventListener("submit", (e) => { e.preventDefault(); go(area.value, t("source.pasted")); });
    file.addEventListener("change", () => { if (file.files[0]) load(file.files[0]); file.value = ""; });
    const over = (on) => (e) => { e.preventDefault(); drop.classList.toggle("academy-verify-over", on); };
    drop.addEventListener("dragenter", over(true));
    drop.addEventListener("dragover", over(true));
    drop.addEventListener("dragleave", over(false));
    drop.addEventListener("drop", (e) => {
      over(false)(e);
      const dropped = e.dataTransfer?.getData("text");
      if (e.dataTransfer?.files[0]) load(e.dataTransfer.files[0]);
      else if (dropped) go((area.value = dropped), t("source.dropped"));
    });
    root.verifyHash = () => location.hash.startsWith("#s=") && go(location.hash, t("source.link"));
    root.verifyHash();
  }

  // verify.js calls init() on each page that has the form, after instant navigation too.
  api.init = () => document.querySelectorAll("[data-verify]:not([data-verify-ready])").forEach(setup);
  window.addEventListener("hashchange", () => document.querySelector("[data-verify-ready]")?.verifyHash());
  window.academyVerify = api;
})();
