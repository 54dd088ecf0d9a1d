/* trainkit: scores an evaluation form in the browser. Shared by the site and the SCORM packages.
 *
 * On the site, the page holds no answer in clear: each accepted response is a salted
 * SHA-256 key, and feedback is XOR-obfuscated; the script hashes what the learner chose.
 * A determined learner can still brute-force a question's few possible responses: a
 * static site cannot hide answers. The LMS package is the graded path.
 * In a SCORM package (data-correct), answers are in clear, since cmi.interactions needs them.
 *
 * After scoring, the form dispatches "trainkit:quiz-scored" with {score, max, percent, passed, answers}.
 */
(function () {
  "use strict";

  // SHA-256 on bytes. WebCrypto's digest exists only in secure contexts, and a training
  // body's intranet may serve the site over plain HTTP: this small version works everywhere.
  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);

  function sha256(bytes) {
    var length = bytes.length, padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var bits = length * 8, view = new DataView(padded.buffer);
    view.setUint32(padded.length - 4, bits >>> 0);
    view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
    var h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    var w = new Uint32Array(64);
    for (var offset = 0; offset < padded.length; offset += 64) {
      for (var i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
      for (i = 16; i < 64; i++) {
        var a = w[i - 15], b = w[i - 2];
        var s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
        var s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      var A = h[0], B = h[1], C = h[2], D = h[3], E = h[4], F = h[5], G = h[6], H = h[7];
      for (i = 0; i < 64; i++) {
        var S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
        var t1 = (H + S1 + ((E & F) ^ (~E & G)) + K[i] + w[i]) >>> 0;
        var S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
        var t2 = (S0 + ((A & B) ^ (A & C) ^ (B & C))) >>> 0;
        H = G; G = F; F = E; E = (D + t1) >>> 0; D = C; C = B; B = A; A = (t1 + t2) >>> 0;
      }
      h[0] += A; h[1] += B; h[2] += C; h[3] += D; h[4] += E; h[5] += F; h[6] += G; h[7] += H;
    }
    var out = new Uint8Array(32), outView = new DataView(out.buffer);
    for (i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]);
    return out;
  }

  var encoder = new TextEncoder(), decoder = new TextDecoder();

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (x) { return (x < 16 ? "0" : "") + x.toString(16); }).join("");
  }

  function key(salt, question, response) {
    return hex(sha256(encoder.encode(salt + "|" + question + "|" + response))).slice(0, 32);
  }

  function reveal(salt, question, data) {
    if (!data) return "";
    var mask = sha256(encoder.encode(salt + "|" + question + "|feedback"));
    var raw = atob(data), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i) ^ mask[i % 32];
    return decoder.decode(bytes);
  }

  function normalise(text) {
    return text.replace(/[\u2019\u2018\u02bc`\u00b4]/g, "'").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x00-\x7f]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  }

  /* The learner's response in the canonical form of trainkit.outputs.quiz ("" when unanswered). */
  function responseOf(fieldset) {
    var type = fieldset.dataset.type, values;
    if (type === "choix-unique" || type === "vrai-faux") {
      var checked = fieldset.querySelector("input:checked");
      return checked ? checked.value : "";
    }
    if (type === "choix-multiple") {
      values = Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (i) { return i.value; });
      return values.sort().join(",");
    }
    if (type === "appariement") {
      var selects = Array.prototype.slice.call(fieldset.querySelectorAll("select"));
      if (selects.some(function (s) { return !s.value; })) return "";
      return selects.map(function (s) { return s.dataset.left + "." + s.value; }).join(",");
    }
    if (type === "ordre") {
      var positions = Array.prototype.map.call(fieldset.querySelectorAll("select"), function (s) {
        return [parseInt(s.value, 10), s.dataset.item];
      });
      if (positions.some(function (p) { return isNaN(p[0]); })) return "";
      positions.sort(function (a, b) { return a[0] - b[0]; });
      return positions.map(function (p) { return p[1]; }).join(",");
    }
    if (type === "reponse-courte") return normalise(fieldset.querySelector("input").value);
    return "";
  }

  function judge(form, fieldset, response) {
    var salt = form.dataset.salt, question = fieldset.dataset.question;
    if (fieldset.dataset.correct !== undefined) {
      var correct = JSON.parse(fieldset.dataset.correct);
      var ok = response !== "" && correct.indexOf(response) >= 0;
      return { ok: ok, correct: correct,
               feedback: ok ? fieldset.dataset.feedbackCorrect : fieldset.dataset.feedbackIncorrect };
    }
    var keys = (fieldset.dataset.keys || "").split(" ");
    var good = response !== "" && keys.indexOf(key(salt, question, response)) >= 0;
    var messages = JSON.parse(reveal(salt, question, fieldset.dataset.feedback) || "{}");
    return { ok: good, correct: null, feedback: good ? messages.correct : messages.incorrect };
  }

  function score(form) {
    var answers = [], points = 0;
    form.querySelectorAll(".trainkit-question").forEach(function (fieldset) {
      var response = responseOf(fieldset), verdict = judge(form, fieldset, response);
      if (verdict.ok) points += 1;
      fieldset.classList.toggle("trainkit-question--correct", verdict.ok);
      fieldset.classList.toggle("trainkit-question--incorrect", !verdict.ok);
      var box = fieldset.querySelector(".trainkit-feedback");
      var head = verdict.ok ? "Bonne réponse." : (response === "" ? "Sans réponse." : "Réponse incorrecte.");
      box.innerHTML = "<p><strong>" + head + "</strong></p>" + (verdict.feedback || "");
      answers.push({ id: fieldset.dataset.question, type: fieldset.dataset.type,
                     interaction: fieldset.dataset.interaction, response: response, result: verdict.ok,
                     correct: verdict.correct, objectives: (fieldset.dataset.objectives || "").split(" ").filter(Boolean) });
    });
    var max = answers.length, percent = max ? Math.round((points / max) * 100) : 0;
    var passed = percent >= parseInt(form.dataset.passMark, 10);
    var result = form.querySelector(".trainkit-quiz__result");
    result.innerHTML = "<p><strong>Votre score : " + points + " / " + max + " (" + percent + " %)</strong> — " +
      (passed ? "évaluation réussie." : "seuil de " + form.dataset.passMark + " % non atteint.") + "</p>";
    result.focus();
    var detail = { quiz: form.dataset.quiz, kind: form.dataset.kind, score: points, max: max, percent: percent,
                   passMark: parseInt(form.dataset.passMark, 10), passed: passed, answers: answers };
    form.dispatchEvent(new CustomEvent("trainkit:quiz-scored", { detail: detail, bubbles: true }));
    return detail;
  }

  function setUp(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    form.addEventListener("submit", function (event) { event.preventDefault(); score(form); });
    form.addEventListener("reset", function () {
      form.querySelectorAll(".trainkit-feedback").forEach(function (box) { box.innerHTML = ""; });
      form.querySelectorAll(".trainkit-question").forEach(function (f) {
        f.classList.remove("trainkit-question--correct", "trainkit-question--incorrect");
      });
      form.querySelector(".trainkit-quiz__result").innerHTML = "";
    });
  }

  function setUpAll() { document.querySelectorAll("form.trainkit-quiz").forEach(setUp); }

  window.trainkitQuiz = { score: score, responseOf: responseOf, key: key, sha256: sha256, hex: hex };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
  // Material's instant navigation swaps pages without reloading scripts.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUpAll);
})();
