// An independent verifier: Digital Bazaar's jsonld-signatures + data-integrity with the
// eddsa-jcs-2022 and eddsa-rdfc-2022 cryptosuites, and jsonld.js in safe mode. None of this
// project's code. Offline: the document loader serves the bundled contexts and the issuer's
// profile (and its keys, as Multikey documents) and refuses everything else.
// usage: node third_party_verify.mjs CONTEXTS_DIR PROFILE.json FILE.json...
// prints one JSON object per line: {file, safe, proofs: {suite: {verified, error}}}
import fs from "node:fs";
import path from "node:path";
import jsonld from "jsonld";
import jsigs from "jsonld-signatures";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { createVerifyCryptosuite } from "@digitalbazaar/eddsa-jcs-2022-cryptosuite";
import { cryptosuite as rdfc } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";

const [contextsDir, profilePath, ...files] = process.argv.slice(2);
const CONTEXTS = {
  "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-3.0.3.json",
  "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
  "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
  "https://www.w3.org/ns/cid/v1": "cid-v1.jsonld",
};
const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const profile = read(profilePath);

async function documentLoader(url) {
  if (CONTEXTS[url]) return { contextUrl: null, documentUrl: url, document: read(path.join(contextsDir, CONTEXTS[url])) };
  const [base, fragment] = url.split("#");
  if (base === profile.id && !fragment) return { contextUrl: null, documentUrl: url, document: profile };
  const method = base === profile.id && (profile.verificationMethod || []).find((m) => m.id === url);
  if (method) {
    return { contextUrl: null, documentUrl: url, document: { "@context": "https://w3id.org/security/multikey/v1", ...method } };
  }
  throw new Error(`refused to load ${url}: offline, bundled contexts and the issuer profile only`);
}

const SUITES = { "eddsa-jcs-2022": createVerifyCryptosuite(), "eddsa-rdfc-2022": rdfc };
const { AssertionProofPurpose } = jsigs.purposes;
for (const file of [profilePath, ...files]) {
  const doc = read(file), out = { file: path.basename(file), safe: "ok", proofs: {} };
  try { await jsonld.expand(doc, { documentLoader, safe: true }); } catch (e) { out.safe = `${e.message} ${JSON.stringify(e.details?.event?.details || "")}`; }
  for (const [name, cryptosuite] of Object.entries(SUITES)) {
    const mine = [].concat(doc.proof || []).filter((p) => p.cryptosuite === name);
    if (!mine.length) continue;
    const result = await jsigs.verify({ ...doc, proof: mine }, {
      suite: new DataIntegrityProof({ cryptosuite }),
      purpose: new AssertionProofPurpose({ controller: profile }),
      documentLoader,
    });
    const errors = result.error ? (result.error.errors || [result.error]).map((e) => e.message).join("; ") : null;
    out.proofs[name] = { verified: result.verified, error: errors };
  }
  console.log(JSON.stringify(out));
}
