/* mkdocs-academy: reads the credential baked into an Open Badges 3.0 badge image, as
   academy/credentials/documents/baking.py does: PNG iTXt chunk "openbadgecredential", SVG
   <openbadges:credential>. Loaded by verifier.js only when a badge image is checked. */
(() => {
  "use strict";
  const isPng = (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x);
  // The credential text inside a badge image; throws an Error that says why there is none.
  // `text` decodes UTF-8 strictly (verifier.js passes its own).
  function baked(b, text) {
    const utf = (x) => { try { return text(x); } catch { throw new Error("the baked credential is not UTF-8 text"); } };
    if (isPng(b)) {
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength), key = "openbadgecredential";
      for (let pos = 8; ;) {
        if (pos + 12 > b.length) throw new Error("the PNG image is truncated");
        const length = view.getUint32(pos), kind = String.fromCharCode(...b.subarray(pos + 4, pos + 8));
        if (pos + 12 + length > b.length) throw new Error("the PNG image is truncated");
        const body = b.subarray(pos + 8, pos + 8 + length);
        if (kind === "iTXt" && String.fromCharCode(...body.subarray(0, key.length + 1)) === key + "\0") {
          const rest = body.subarray(key.length + 1);
          if (rest.length < 2 || rest[0] !== 0) throw new Error("the baked credential is compressed, which Open Badges 3.0 does not allow");
          const lang = rest.indexOf(0, 2), translated = lang < 0 ? -1 : rest.indexOf(0, lang + 1);
          if (translated < 0) throw new Error("the openbadgecredential chunk is malformed");
          return utf(rest.subarray(translated + 1));
        }
        pos += 12 + length;
        if (kind === "IEND") throw new Error("a PNG image with no baked credential (no openbadgecredential chunk)");
      }
    }
    const svg = new TextDecoder("latin1").decode(b);
    if (!/<svg\b[^>]*>/i.test(svg.slice(0, 4096))) throw new Error("neither a PNG nor an SVG image");
    const m = /<([A-Za-z_][\w.-]*):credential\b[^>]*?(?:\/>|>([\s\S]*?)<\/\1:credential\s*>)/.exec(svg);
    if (!m || m[2] === undefined) throw new Error("an SVG image with no baked credential (no <openbadges:credential> element)");
    const body = m[2].trim(), raw = Uint8Array.from(body, (c) => c.charCodeAt(0));
    if (body.startsWith("<![CDATA[")) {
      return [...body.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((x) => utf(Uint8Array.from(x[1], (c) => c.charCodeAt(0)))).join("");
    }
    const named = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    return utf(raw).replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, e) => (e[0] !== "#" ? named[e.toLowerCase()] ?? all
      : String.fromCodePoint(parseInt(e[1] === "x" || e[1] === "X" ? e.slice(2) : e.slice(1), e[1] === "x" || e[1] === "X" ? 16 : 10))));
  }

  const api = { baked };
  if (typeof module === "object" && module.exports) module.exports = api;
  else globalThis.academyBadge = api;
})();
